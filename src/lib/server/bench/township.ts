// Generates a township-scale database for the benchmark (issue 7): villages, people, topics with
// opinions, closed meetings with their ballots, notices, and one open representatives' meeting
// whose motions the vote storm votes on, and a second open meeting of 300 voters for the open-loop
// run. Villages are grouped 30 to a township, each township with its official's login.
// Deterministic: the same scale gives the same database.
// Bulk rows go in by plain SQL in large transactions (the domain's audit entries are left out:
// the chain starts empty and covers what the benchmark itself does).
import { hash } from '@node-rs/argon2';
import { rmSync } from 'node:fs';
import { openDatabase } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { CN_2018 } from '../votes/rules';
import { seededRandom } from '../../random.js';
import { generateServiceCases } from './township-services';
import {
	CATEGORIES,
	GIVEN,
	STATES,
	STORM_PASSWORD,
	SURNAMES,
	TITLES,
	clerkPhone,
	openLoopPhone,
	stormPhone,
	townshipPhone,
	VILLAGES_PER_TOWNSHIP,
	type Scale
} from './township-scale';
import { addHouseholdVisits } from './township-visits';

// The harness bundles this file alone, so the scales it measures are exported from here too.
export {
	EMPTY,
	STORM_PASSWORD,
	TINY,
	TOWNSHIP,
	clerkPhone,
	openLoopPhone,
	scaleFor,
	stormPhone,
	townshipPhone,
	type Scale
} from './township-scale';

export interface Generated {
	counts: Record<string, number>;
	storm: { meetingId: number; motionIds: number[]; phones: string[] };
	/** One meeting with one open motion, its voters signed in: each casts one ballot. */
	openLoop: { meetingId: number; motionId: number; phones: string[] };
	/** The first township's official (role township_official), password STORM_PASSWORD. */
	townshipOfficialPhone: string;
	slug: string;
	topicNumber: string;
}

/** Writes the database at `path` (replacing any file there). */
export async function generate(
	path: string,
	scale: Scale,
	options: { today?: string } = {}
): Promise<Generated> {
	for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
	const db = openDatabase(path);
	migrate(db);
	// A scratch file written once and thrown away on failure: waiting for the disk after every
	// transaction buys nothing here (the server opens it with its own synchronous=FULL).
	db.pragma('synchronous = OFF');
	const rand = seededRandom(20261127);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const now = new Date().toISOString();
	const today = options.today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
	const passwordHash = await hash(STORM_PASSWORD, {
		memoryCost: 19456,
		timeCost: 2,
		parallelism: 1
	});

	const peoplePerVillage = Math.floor(scale.people / scale.villages);
	// The two meetings' voters are distinct people of the first village, each with one login.
	if (scale.stormVoters + scale.openLoopVoters > peoplePerVillage)
		throw new Error(`a village of ${peoplePerVillage} people cannot seat all the voters`);
	// Totals split as evenly as whole numbers allow, so the counts come out exact.
	const share = (total: number, parts: number, i: number) =>
		Math.floor(total / parts) + (i < total % parts ? 1 : 0);
	const topicsOf = (i: number) =>
		i === 0
			? scale.firstVillageTopics
			: share(scale.topics - scale.firstVillageTopics, Math.max(1, scale.villages - 1), i - 1);
	const ballotsPerMeeting = Math.floor(scale.ballots / scale.meetings);

	const ins = {
		township: db.prepare('insert into townships (name, created_at) values (?, ?)'),
		village: db.prepare(
			`insert into villages (slug, name, township, township_id, one_shoulder, created_at) values (?, ?, ?, ?, 1, ?)`
		),
		official: db.prepare(
			`insert into users (township_id, role, name, phone, password_hash, created_at, position)
			 values (?, 'township_official', ?, ?, ?, ?, ?)`
		),
		user: db.prepare(
			`insert into users (village_id, role, name, phone, password_hash, created_at, person_id) values (?, ?, ?, ?, ?, ?, ?)`
		),
		group: db.prepare('insert into village_groups (village_id, name) values (?, ?)'),
		grid: db.prepare('insert into grids (village_id, name) values (?, ?)'),
		household: db.prepare(
			'insert into households (village_id, household_key, group_id, grid_id) values (?, ?, ?, ?)'
		),
		person: db.prepare(
			`insert into people (village_id, household_id, name, gender, birth_date, is_head, created_at) values (?, ?, ?, ?, ?, ?, ?)`
		),
		role: db.prepare(
			`insert into roles (village_id, person_id, role, start_date, full_since) values (?, ?, ?, '2021-04-01', ?)`
		),
		topic: db.prepare(
			`insert into topics (village_id, number, year, seq, title, description, category, state, channel,
			   proposer_person_id, filed_by_user_id, submitted_at, created_at, updated_at)
			 values (?, ?, 2026, ?, ?, ?, ?, ?, 'online', ?, ?, ?, ?, ?)`
		),
		opinion: db.prepare(
			`insert into topic_opinions (topic_id, person_id, author_name, filed_by_user_id, channel, body, created_at)
			 values (?, ?, ?, ?, 'online', ?, ?)`
		),
		meeting: db.prepare(
			`insert into meetings (village_id, type, title, meeting_date, starts_at, state, notice_date, rule_set_id,
			   rule_json, households_total, opened_at, closed_at, audit_head_id, audit_head_hash, created_by, created_at)
			 values (?, 'reps_meeting', ?, ?, '09:00', ?, ?, 'cn-2018', ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		roster: db.prepare(
			`insert into meeting_roster (meeting_id, person_id, voting, kinds, household_id, signed_in_at, signed_in_by)
			 values (?, ?, 1, '["village_rep"]', ?, ?, ?)`
		),
		agenda: db.prepare(
			'insert into agenda_items (meeting_id, position, title, topic_id) values (?, 1, ?, ?)'
		),
		motion: db.prepare(
			`insert into motions (meeting_id, agenda_item_id, text, method, state, quorum_at_open, created_by, created_at, opened_at)
			 values (?, ?, ?, ?, 'open', ?, ?, ?, ?)`
		),
		receipt: db.prepare(
			`insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, 'online')`
		),
		// Those voting were present when the vote was taken (docs/domain.md §7.7).
		presence: db.prepare('insert into motion_presence (motion_id, person_id) values (?, ?)'),
		presenceFixed: db.prepare('update motions set presence_fixed_at = opened_at where id = ?'),
		choice: db.prepare('insert into named_choices (motion_id, person_id, choice) values (?, ?, ?)'),
		secretInit: db.prepare(
			'insert into secret_tallies (motion_id, choice, count) values (?, ?, 0)'
		),
		secretAdd: db.prepare(
			'update secret_tallies set count = count + 1 where motion_id = ? and choice = ?'
		),
		closeMotion: db.prepare(
			`update motions set state = 'closed', closed_at = ?, quorum_at_close = ?, pass_evaluation = ?, result = ?,
			   yes = ?, no = ?, abstain = ? where id = ?`
		),
		closeMeeting: db.prepare(
			"update meetings set state = 'closed', closed_at = ?, audit_head_id = 0, audit_head_hash = ? where id = ?"
		),
		notice: db.prepare(
			`insert into notices (village_id, seq, kind, title, summary, body, posted_on, posted_until, objections_until,
			   audit_head_hash, posted_by, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		)
	};

	const TOWNSHIP_NAMES = ['长青乡', '青山镇', '白沙乡', '红星镇', '清河乡'];
	// The reps' meeting rule frozen into each meeting, as createMeeting stores it.
	const ruleJson = JSON.stringify(CN_2018.meetings.reps_meeting);
	// The roster and agenda go in while the meeting is a draft; the triggers then let it move on
	// one state at a time, as the app moves it.
	const toNotified = db.prepare("update meetings set state = 'notified' where id = ?");
	const toOpen = db.prepare("update meetings set state = 'open' where id = ?");
	const advance = (meetingId: number) => {
		toNotified.run(meetingId);
		toOpen.run(meetingId);
	};
	const quorum = JSON.stringify({ met: true, formula: '3 × 200 ≥ 2 × 200', left: 600, right: 400 });
	const HASH = '0'.repeat(64);

	const villages: {
		villageId: number;
		slug: string;
		people: { personId: number; householdId: number }[];
		clerkId: number;
	}[] = [];
	db.transaction(() => {
		const townships: { id: number; name: string }[] = [];
		for (let t = 0; t * VILLAGES_PER_TOWNSHIP < scale.villages; t++) {
			const name = TOWNSHIP_NAMES[t] ?? `第${t + 1}乡`;
			const id = Number(ins.township.run(name, now).lastInsertRowid);
			townships.push({ id, name });
			ins.official.run(id, '乡镇干部', townshipPhone(t), passwordHash, now, `${name}党政办`);
		}
		for (let v = 0; v < scale.villages; v++) {
			const slug = v === 0 ? 'xinyang' : `v${String(v + 1).padStart(2, '0')}`;
			const township = townships[Math.floor(v / VILLAGES_PER_TOWNSHIP)];
			const villageId = Number(
				ins.village.run(slug, v === 0 ? '新阳村' : `第${v + 1}村`, township.name, township.id, now)
					.lastInsertRowid
			);
			const groups = [1, 2, 3, 4].map((g) =>
				Number(ins.group.run(villageId, `第${g}组`).lastInsertRowid)
			);
			const grids = [1, 2, 3, 4, 5, 6, 7, 8].map((g) =>
				Number(ins.grid.run(villageId, `第${g}网格`).lastInsertRowid)
			);
			const people: { personId: number; householdId: number }[] = [];
			let household = 0;
			let householdId = 0;
			for (let p = 0; p < peoplePerVillage; p++) {
				if (p % 3 === 0) {
					household++;
					householdId = Number(
						ins.household.run(villageId, `H${household}`, pick(groups), pick(grids)).lastInsertRowid
					);
				}
				const year = 1940 + Math.floor(rand() * 66);
				const personId = Number(
					ins.person.run(
						villageId,
						householdId,
						pick(SURNAMES) + pick(GIVEN),
						rand() < 0.5 ? 'm' : 'f',
						`${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
						p % 3 === 0 ? 1 : 0,
						now
					).lastInsertRowid
				);
				people.push({ personId, householdId });
			}
			const clerkId = Number(
				ins.user.run(
					villageId,
					'clerk',
					'文书',
					clerkPhone(v),
					passwordHash,
					now,
					people[0].personId
				).lastInsertRowid
			);
			villages.push({ villageId, slug, people, clerkId });
		}
	}).immediate();

	// Topics: the first village has the big list; one of its topics has the many opinions.
	db.transaction(() => {
		for (const [i, v] of villages.entries()) {
			const count = topicsOf(i);
			for (let t = 1; t <= count; t++) {
				const proposer = pick(v.people);
				const title = `${pick(TITLES)}（${t}）`;
				const topicId = Number(
					ins.topic.run(
						v.villageId,
						`XY-2026-${String(t).padStart(4, '0')}`,
						t,
						title,
						`${title}：村民反映情况，请村里研究解决。`,
						pick(CATEGORIES),
						pick(STATES),
						proposer.personId,
						v.clerkId,
						now,
						now,
						now
					).lastInsertRowid
				);
				if (i === 0 && t === 1) {
					for (let o = 0; o < scale.opinionsOnOneTopic; o++) {
						const p = v.people[o % v.people.length];
						ins.opinion.run(topicId, p.personId, '村民', v.clerkId, `意见 ${o + 1}：赞成。`, now);
					}
				}
			}
		}
	}).immediate();

	// Closed meetings, each a reps' meeting whose motion drew ballotsPerMeeting named or secret ballots.
	db.transaction(() => {
		for (const [i, v] of villages.entries()) {
			for (let k = 0; k < share(scale.meetings, scale.villages, i); k++) {
				const date = `2025-${String(1 + (k % 12)).padStart(2, '0')}-15`;
				const meetingId = Number(
					ins.meeting.run(
						v.villageId,
						`村民代表会议（${k + 1}）`,
						date,
						'draft',
						date,
						ruleJson,
						ballotsPerMeeting,
						`${date}T01:00:00.000Z`,
						null,
						null,
						null,
						v.clerkId,
						now
					).lastInsertRowid
				);
				const voters: { personId: number; householdId: number }[] = [];
				const seen = new Set<number>();
				for (let b = 0; b < ballotsPerMeeting; b++) {
					const p = v.people[(k * 7 + b) % v.people.length];
					if (seen.has(p.personId)) continue;
					seen.add(p.personId);
					voters.push(p);
					ins.roster.run(meetingId, p.personId, p.householdId, now, v.clerkId);
				}
				const itemId = Number(ins.agenda.run(meetingId, '议题', null).lastInsertRowid);
				advance(meetingId);
				const method = k % 2 ? 'secret' : 'named';
				const motionId = Number(
					ins.motion.run(meetingId, itemId, '同意方案', method, quorum, v.clerkId, now, now)
						.lastInsertRowid
				);
				if (method === 'secret')
					for (const c of ['yes', 'no', 'abstain']) ins.secretInit.run(motionId, c);
				const tally = { yes: 0, no: 0, abstain: 0 };
				ins.presenceFixed.run(motionId);
				for (const p of voters) {
					ins.presence.run(motionId, p.personId);
					const c: keyof typeof tally = rand() < 0.7 ? 'yes' : rand() < 0.5 ? 'no' : 'abstain';
					tally[c]++;
					ins.receipt.run(motionId, p.personId);
					if (method === 'secret') ins.secretAdd.run(motionId, c);
					else ins.choice.run(motionId, p.personId, c);
				}
				const passed = 2 * tally.yes > voters.length;
				ins.closeMotion.run(
					`${date}T02:00:00.000Z`,
					quorum,
					JSON.stringify({ passed, formula: `2 × ${tally.yes} > ${voters.length}` }),
					passed ? 'passed' : 'failed',
					tally.yes,
					tally.no,
					tally.abstain,
					motionId
				);
				ins.closeMeeting.run(`${date}T02:10:00.000Z`, HASH, meetingId);
			}
		}
	}).immediate();

	addHouseholdVisits(db, villages, today, rand);

	// The first village's notice board.
	db.transaction(() => {
		const v = villages[0];
		for (let n = 1; n <= scale.firstVillageNotices; n++) {
			const d = new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
			ins.notice.run(
				v.villageId,
				n,
				n % 3 === 0 ? 'finance' : 'general',
				`村务公开（第${n}期）`,
				`第${n}期村务公开摘要`,
				`第${n}期村务公开：本月收入、支出及重点工作进展。`,
				d,
				d,
				null,
				HASH,
				v.clerkId,
				now
			);
		}
	}).immediate();

	generateServiceCases(
		db,
		villages,
		(i) => (i === 0 ? scale.firstVillageCases : scale.casesPerVillage),
		rand,
		today
	);

	// An open reps' meeting today in the first village, as the storm and the open loop each need
	// one: `voters` of its people counted back from the last after `skip` (so the two meetings
	// seat different people), each a rep with a login; `motion` adds an open motion to its agenda.
	const openMeeting = (o: {
		title: string;
		itemTitle: string;
		voters: number;
		skip: number;
		phone: (i: number) => string;
		name: (i: number) => string;
	}) => {
		const v = villages[0];
		const meetingId = Number(
			ins.meeting.run(
				v.villageId,
				o.title,
				today,
				'draft',
				today,
				ruleJson,
				o.voters,
				now,
				null,
				null,
				null,
				v.clerkId,
				now
			).lastInsertRowid
		);
		const phones: string[] = [];
		for (let i = 0; i < o.voters; i++) {
			const p = v.people[v.people.length - 1 - o.skip - i];
			ins.roster.run(meetingId, p.personId, p.householdId, now, v.clerkId);
			ins.role.run(v.villageId, p.personId, 'village_rep', null);
			const phone = o.phone(i);
			ins.user.run(v.villageId, 'villager', o.name(i), phone, passwordHash, now, p.personId);
			phones.push(phone);
		}
		const itemId = Number(ins.agenda.run(meetingId, o.itemTitle, null).lastInsertRowid);
		advance(meetingId);
		const motion = (text: string, method: 'named' | 'secret') => {
			const motionId = Number(
				ins.motion.run(meetingId, itemId, text, method, quorum, v.clerkId, now, now).lastInsertRowid
			);
			if (method === 'secret')
				for (const c of ['yes', 'no', 'abstain']) ins.secretInit.run(motionId, c);
			return motionId;
		};
		return { meetingId, phones, motion };
	};

	// The vote storm's meeting: its motions alternate named and secret ballots.
	const storm: Generated['storm'] = db
		.transaction(() => {
			const m = openMeeting({
				title: '村民代表会议（压力测试）',
				itemTitle: '压力测试议题',
				voters: scale.stormVoters,
				skip: 0,
				phone: stormPhone,
				name: (i) => `代表${i + 1}`
			});
			const motionIds = Array.from({ length: scale.stormMotions }, (_, k) =>
				m.motion(`表决事项 ${k + 1}`, k % 2 ? 'secret' : 'named')
			);
			return { meetingId: m.meetingId, motionIds, phones: m.phones };
		})
		.immediate();

	// The open-loop run's meeting: one open motion, its voters the village's people before the
	// storm's.
	const openLoop: Generated['openLoop'] = db
		.transaction(() => {
			const m = openMeeting({
				title: '村民代表会议（到场表决）',
				itemTitle: '表决议题',
				voters: scale.openLoopVoters,
				skip: scale.stormVoters,
				phone: openLoopPhone,
				name: (i) => `到场代表${i + 1}`
			});
			return { meetingId: m.meetingId, motionId: m.motion('同意方案', 'named'), phones: m.phones };
		})
		.immediate();

	db.pragma('wal_checkpoint(TRUNCATE)');
	db.exec('analyze');
	const counts = Object.fromEntries(
		[
			'villages',
			'people',
			'topics',
			'topic_opinions',
			'meetings',
			'ballot_receipts',
			'notices',
			'service_cases',
			'household_visits',
			'townships',
			'users'
		].map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n])
	);
	db.close();
	return {
		counts,
		storm,
		openLoop,
		townshipOfficialPhone: townshipPhone(0),
		slug: villages[0].slug,
		topicNumber: 'XY-2026-0001'
	};
}
