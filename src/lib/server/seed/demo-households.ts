// The demo's 党员联系户: each of the 35 party members looks after three or four households of
// their own grid where it has enough, six weeks of weekly visits (a few members fell behind, so
// the overdue flags show), notes on a few households, one visit that became a service request, and
// a few households left without a contact so the coverage page has something to flag.
import type { Db } from '../db';
import { command } from '../command';
import { addDays, todayInChina } from '../calendar/dates';
import { actorOfLogin } from '../permissions/login-actor';
import { assignHouseholds } from '../households/contacts';
import { EMPTY_NOTES, updateHouseholdNotes } from '../households/notes';
import { VISIT_MEANS } from '../households/records';
import { fileServiceRequest } from '../services/filing';

const morning = (date: string) => new Date(`${date}T01:00:00Z`); // 09:00 in China
const UNCOVERED = 6;
const WEEKS = 6;

const HEARD = [
	'家里都好，老人身体还行。',
	'问今年的医保什么时候交。',
	'说村口路灯有一个不亮了。',
	'儿子在外打工，春节回来。',
	'想了解合作社入股的事。',
	'电话里说没什么事，下周再去看。'
];

export function seedDemoHouseholds(db: Db, villageId: number, now = new Date()): void {
	const clerk = actorOfLogin(db, clerkUserId(db, villageId))!;
	const today = todayInChina(now);
	const start = addDays(today, -7 * WEEKS);
	const members = db
		.prepare(
			`select p.id, h.grid_id as gridId, p.household_id as householdId,
			   exists (select 1 from users u where u.person_id = p.id) as hasLogin
			 from roles r join people p on p.id = r.person_id join households h on h.id = p.household_id
			 where r.village_id = ? and r.role = 'party_member' and r.start_date <= ? and r.end_date is null
			 group by p.id order by p.id`
		)
		.all(villageId, start) as {
		id: number;
		gridId: number | null;
		householdId: number;
		hasLogin: number;
	}[];
	const households = db
		.prepare(
			`select h.id, h.grid_id as gridId,
			   exists (select 1 from people p join users u on u.person_id = p.id where p.household_id = h.id) as hasLogin
			 from households h where h.village_id = ?
			 and exists (select 1 from people p where p.household_id = h.id and p.status = 'resident')
			 order by h.id`
		)
		.all(villageId) as { id: number; gridId: number | null; hasLogin: number }[];
	const extra = Math.max(0, households.length - UNCOVERED - members.length * 3);
	const free = new Set(households.map((h) => h.id));
	// Households of the demo's logins go to members without one, so no login looks after a
	// neighbour whose pages it also signs in to in the stories.
	const fits = (m: (typeof members)[number], h: (typeof households)[number]) =>
		free.has(h.id) && h.id !== m.householdId && !(m.hasLogin && h.hasLogin);
	const assigned = new Map<number, number[]>();
	members.forEach((m, i) => {
		const want = i < extra ? 4 : 3;
		const own = households.filter((h) => h.gridId === m.gridId && fits(m, h));
		const others = households.filter((h) => h.gridId !== m.gridId && fits(m, h));
		const picked = [...own, ...others].slice(0, want).map((h) => h.id);
		picked.forEach((id) => free.delete(id));
		assigned.set(m.id, picked);
	});
	// The households left over stay uncovered: the last ones of the list, the coverage page's flags.
	for (const [personId, householdIds] of assigned) {
		const r = assignHouseholds(
			db,
			clerk,
			villageId,
			{ personId, householdIds },
			{ now: morning(start) }
		);
		if (!r.ok) throw new Error(`demo households for ${personId}: ${r.reason}`);
	}

	// Weekly visits; every fifth member stopped three weeks ago and is overdue now. The demo's party
	// members have no logins, so the clerk enters their visit log (走访台账) and the follow-up.
	command(db, {
		actor: clerk,
		villageId,
		now: morning(today),
		run: (_, ctx) => {
			const insert = db.prepare(
				`insert into household_visits (village_id, household_id, person_id, visited_on, means, heard,
				   recorded_by_user_id, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)`
			);
			let n = 0;
			members.forEach((m, i) => {
				const weeks = i % 5 === 4 ? WEEKS - 3 : WEEKS;
				for (const householdId of assigned.get(m.id)!)
					for (let w = 0; w < weeks; w++) {
						const on = addDays(start, 7 * w + 1 + (householdId % 3));
						if (on > today) continue;
						const { lastInsertRowid } = insert.run(
							villageId,
							householdId,
							m.id,
							on,
							VISIT_MEANS[n % 3],
							HEARD[n++ % HEARD.length],
							clerk.userId,
							morning(on).toISOString()
						);
						ctx.audit({
							action: 'household.visit_logged',
							subjectType: 'household',
							subjectId: householdId,
							after: { id: Number(lastInsertRowid), personId: m.id, visitedOn: on }
						});
					}
			});
			return { ok: true as const };
		}
	});

	const [first, second] = members;
	const [notesHousehold] = assigned.get(first.id)!;
	updateHouseholdNotes(
		db,
		clerk,
		villageId,
		notesHousehold,
		{
			...EMPTY_NOTES,
			situation: '老两口在家，儿子一家在鸡西市打工。',
			needs: '想把院里的旱厕改成水厕。',
			opinions: '赞成建冷藏库，希望优先收本村的果子。',
			canHelp: '代办医保缴费',
			canReach: '村卫生室医生'
		},
		{ now: morning(addDays(today, -10)) }
	);

	// One visit's follow-up became a service request: an old man's medical insurance payment.
	const [followedHousehold] = assigned.get(second.id)!;
	const visit = db
		.prepare(
			'select id, recorded_at as recordedAt from household_visits where household_id = ? order by visited_on desc limit 1'
		)
		.get(followedHousehold) as { id: number; recordedAt: string };
	const person = db
		.prepare(
			"select id from people where household_id = ? and status = 'resident' order by is_head desc, id limit 1"
		)
		.pluck()
		.get(followedHousehold) as number;
	command(db, {
		actor: clerk,
		villageId,
		now: new Date(visit.recordedAt),
		run: (_, ctx) => {
			const filed = fileServiceRequest(
				db,
				clerk,
				villageId,
				{
					category: 'social_insurance',
					title: '代缴城乡居民医保',
					description: '走访时老人说不会在手机上交医保，请村里帮忙代缴。',
					urgent: false
				},
				{
					onBehalf: {
						personId: person,
						channel: 'household_visit',
						consentKind: 'read_back',
						consentAt: visit.recordedAt
					},
					now: ctx.now
				}
			);
			if (!filed.ok) throw new Error(`demo household follow-up: ${filed.reason}`);
			db.prepare('update household_visits set service_case_id = ? where id = ?').run(
				filed.serviceCase.id,
				visit.id
			);
			ctx.audit({
				action: 'household.visit_followed_up',
				subjectType: 'household',
				subjectId: followedHousehold,
				after: { visitId: visit.id, serviceCaseId: filed.serviceCase.id }
			});
			return { ok: true as const };
		}
	});
}

function clerkUserId(db: Db, villageId: number): number {
	return db
		.prepare("select id from users where village_id = ? and role = 'clerk' order by id limit 1")
		.pluck()
		.get(villageId) as number;
}
