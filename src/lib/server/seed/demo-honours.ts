// The demo's past honour round (2025年度新阳村道德模范和文明户评选), run through the real verbs on
// last year's dates: villagers' and a grid head's nominations, the committee's review (some
// rejected), online ballots from about a third of the adults, the count and the board notice.
import { command } from '../command';
import type { Db } from '../db';
import { adultBornOnOrBefore, todayInChina } from '../calendar/dates';
import { storeChoice } from '../honours/ballots';
import { nominate, reviewNomination } from '../honours/nominations';
import { categoriesOf, nominationsOf } from '../honours/records';
import { countRound, publishRound } from '../honours/results';
import { closeNominations, openHonourRound, openVoting } from '../honours/rounds';
import { actorByPhone } from './actors';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

const REASONS = {
	moral: [
		'三十年如一日照顾瘫痪在床的邻居',
		'自费修好村口的石桥',
		'带头调解邻里纠纷',
		'义务接送留守儿童上下学',
		'拾金不昧'
	],
	household: [
		'家风好，邻里和睦',
		'庭院整洁，带头垃圾分类',
		'孝老爱亲，四世同堂',
		'勤劳致富，带动邻居',
		'移风易俗，婚事简办',
		'热心公益',
		'家庭和睦'
	],
	daughter: ['悉心照顾年迈的公婆', '操持家务，孝敬老人', '照顾患病的婆婆十年']
};

function ids(db: Db, sql: string, ...params: unknown[]): number[] {
	return db
		.prepare(sql)
		.pluck()
		.all(...params) as number[];
}

export function seedDemoHonours(db: Db, villageId: number, now = new Date()): void {
	const year = Number(todayInChina(now).slice(0, 4)) - 1;
	const clerk = actorByPhone(db, '13800000001');
	const villager = actorByPhone(db, '13800000003');
	const gridHead = actorByPhone(db, '13800000004');
	const rep = actorByPhone(db, '13800000005');
	const opened = openHonourRound(
		db,
		clerk,
		villageId,
		{
			title: `${year}年度新阳村道德模范和文明户评选`,
			categories: [
				{ name: '道德模范', subject: 'person', seats: 2 },
				{ name: '文明户', subject: 'household', seats: 5 },
				{ name: '好媳妇', subject: 'person', seats: 2 }
			],
			nominationsFrom: `${year}-11-01`,
			nominationsUntil: `${year}-11-20`,
			voteMode: 'online',
			votingFrom: `${year}-12-01`,
			votingUntil: `${year}-12-10`
		},
		{ now: at(`${year}-10-28`) }
	);
	if (!opened.ok) throw new Error(`demo honour round: ${opened.reason}`);
	const roundId = opened.round.id;
	const [moral, household, daughter] = categoriesOf(db, roundId);
	const logins = ids(db, 'select person_id from users where person_id is not null');
	const cutoff = adultBornOnOrBefore(`${year}-11-10`);
	// Real villagers of the roster, spread over the village, none of them a demo login.
	const people = ids(
		db,
		`select id from people where village_id = ? and status = 'resident' and birth_date <= ?
		 and id not in (select value from json_each(?)) order by id`,
		villageId,
		cutoff,
		JSON.stringify(logins)
	);
	const wives = ids(
		db,
		`select id from people where village_id = ? and status = 'resident' and gender = 'f'
		 and relation = '配偶' and birth_date between '1960-01-01' and ? order by id`,
		villageId,
		cutoff
	);
	const households = ids(
		db,
		`select h.id from households h where h.village_id = ? and exists
		   (select 1 from people p where p.household_id = h.id and p.status = 'resident') order by h.id`,
		villageId
	);
	const pick = <T>(list: T[], n: number, step: number) =>
		Array.from({ length: n }, (_, i) => list[(i * step + 7) % list.length]);
	// The grid head files for an elderly villager of her grid who has no phone, read back to her.
	const elderly = ids(
		db,
		`select p.id from people p join households h on h.id = p.household_id
		 where h.grid_id = (select grid_id from roles where person_id = ? and role = 'grid_head')
		 and p.status = 'resident' and p.birth_date < '1955-01-01' and p.phone is null order by p.id limit 1`,
		gridHead.personId
	);
	const nominators = [villager, gridHead, rep];
	const nominationDay = at(`${year}-11-08`);
	const file = (categoryId: number, nomineeIds: number[], reasons: string[]) =>
		nomineeIds.map((nomineeId, i) => {
			const onBehalf = i === 0 && elderly.length;
			const r = nominate(
				db,
				onBehalf ? gridHead : nominators[i % nominators.length],
				villageId,
				{
					roundId,
					categoryId,
					nomineeId,
					reason: reasons[i % reasons.length],
					onBehalf: onBehalf
						? {
								personId: elderly[0],
								consentKind: 'read_back',
								consentAt: nominationDay.toISOString()
							}
						: undefined
				},
				{ now: nominationDay }
			);
			if (!r.ok) throw new Error(`demo nomination: ${r.reason}`);
			return r.nomination.id;
		});
	const moralIds = file(moral.id, pick(people, 5, 37), REASONS.moral);
	const householdIds = file(household.id, pick(households, 7, 23), REASONS.household);
	const daughterIds = file(daughter.id, pick(wives, 3, 11), REASONS.daughter);
	const reviewDay = { now: at(`${year}-11-24`) };
	closeNominations(db, clerk, villageId, roundId, { now: at(`${year}-11-21`) });
	const rejected = new Map([
		[moralIds[4], '被推荐人事迹与推荐理由不符，经核实未予通过'],
		[householdIds[6], '该户本年度有违反村规民约的记录']
	]);
	for (const id of [...moralIds, ...householdIds, ...daughterIds])
		reviewNomination(
			db,
			clerk,
			villageId,
			{
				roundId,
				nominationId: id,
				decision: rejected.has(id) ? 'rejected' : 'accepted',
				note: rejected.get(id) ?? ''
			},
			reviewDay
		);
	openVoting(db, clerk, villageId, roundId, { now: at(`${year}-11-28`) });
	castDemoBallots(db, villageId, roundId, people, now, year);
	countRound(db, clerk, villageId, roundId, { now: at(`${year}-12-11`) });
	const published = publishRound(db, clerk, villageId, roundId, { now: at(`${year}-12-12`) });
	if (!published.ok) throw new Error(`demo honour round: ${published.reason}`);
}

/**
 * About a third of the adults voted online. The demo's villagers have no logins, so their
 * ballots are written as the ballot verb writes them: a voter row and choice rows kept apart.
 */
function castDemoBallots(
	db: Db,
	villageId: number,
	roundId: number,
	people: number[],
	now: Date,
	year: number
) {
	const categories = categoriesOf(db, roundId);
	const accepted = nominationsOf(db, roundId).filter((n) => n.review === 'accepted');
	const voters = people.filter((_, i) => i % 3 === 0);
	command(db, {
		actor: null,
		villageId,
		now,
		run: (_, ctx) => {
			const voter = db.prepare(
				'insert into honour_voters (category_id, person_id, voted_at) values (?, ?, ?)'
			);
			voters.forEach((personId, v) => {
				const day = `${year}-12-${String(1 + (v % 10)).padStart(2, '0')}T12:00:00.000Z`;
				for (const c of categories) {
					const onBallot = accepted.filter((n) => n.categoryId === c.id);
					// The first nominees of a title draw most votes, the last almost none: the count has
					// clear honourees and nominees not chosen.
					const chosen = onBallot
						.filter((_, k) => (v * 7 + k * 13) % 10 < 10 - 2 * k)
						.slice(0, c.seats);
					if (!chosen.length) continue;
					voter.run(c.id, personId, day);
					for (const n of chosen) storeChoice(db, c.id, n.id);
					ctx.audit({
						action: 'honour_ballot.cast',
						subjectType: 'honour_round',
						subjectId: roundId,
						after: { categoryId: c.id }
					});
				}
			});
		}
	});
}
