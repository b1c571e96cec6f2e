import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { castHonourBallot, recordMeetingCount, storeChoice } from './ballots';
import { nominate, reviewNomination } from './nominations';
import { categoriesOf, findRound, nominationsOf, publicHonourees } from './records';
import { chooseHonourees, countRound, publishRound } from './results';
import {
	cancelRound,
	closeNominations,
	openHonourRound,
	openRoundRefusal,
	openVoting,
	type OpenRoundInput
} from './rounds';

let db: Db;
useDemoVillageDb((d) => (db = d));

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');
const gridHead = () => demoActor(db, '13800000004');

// Days of a round: nominations in May, voting in June; `at` is noon in China on the day.
const at = (day: string) => new Date(`${day}T12:00:00+08:00`);
const NOMINATING = at('2026-05-10');
const VOTING = at('2026-06-05');
const AFTER = at('2026-06-20');

const roundInput = (over: Partial<OpenRoundInput> = {}): OpenRoundInput => ({
	title: '2026年度道德模范和文明户评选',
	categories: [
		{ name: '道德模范', subject: 'person', seats: 1 },
		{ name: '文明户', subject: 'household', seats: 2 }
	],
	nominationsFrom: '2026-05-01',
	nominationsUntil: '2026-05-31',
	voteMode: 'online',
	votingFrom: '2026-06-01',
	votingUntil: '2026-06-10',
	...over
});

function open(over: Partial<OpenRoundInput> = {}) {
	const r = openHonourRound(db, clerk(), village(), roundInput(over), { now: NOMINATING });
	if (!r.ok) throw new Error(r.reason);
	const [person, household] = categoriesOf(db, r.round.id);
	return { roundId: r.round.id, person, household };
}

/** Resident adults of the demo other than the logins, one per household, to nominate and to vote. */
function residents(n: number): { id: number; householdId: number }[] {
	return db
		.prepare(
			`select id, household_id as householdId from people where village_id = ? and status = 'resident'
			 and birth_date <= '1990-01-01' and id not in (select person_id from users where person_id is not null)
			 group by household_id order by id limit ?`
		)
		.all(village(), n) as { id: number; householdId: number }[];
}

/** A login for a roster person, so they can vote themselves. */
function loginOf(personId: number): Actor {
	const userId = Number(
		db
			.prepare(
				`insert into users (village_id, role, name, phone, password_hash, person_id, created_at)
				 select village_id, 'villager', name, '139' || printf('%08d', id), 'x', id, '2026-01-01' from people where id = ?`
			)
			.run(personId).lastInsertRowid
	);
	return { userId, personId, role: 'villager' };
}

function nominatePerson(roundId: number, categoryId: number, nomineeId: number, by = villager()) {
	const r = nominate(
		db,
		by,
		village(),
		{ roundId, categoryId, nomineeId, reason: '常年照顾孤寡老人' },
		{ now: NOMINATING }
	);
	if (!r.ok) throw new Error(r.reason);
	return r.nomination.id;
}

/** A round in voting with accepted nominations: three people, two households. */
function votingRound() {
	const o = open();
	const [a, b, c] = residents(3);
	const people = [a, b, c].map((p) => nominatePerson(o.roundId, o.person.id, p.id));
	const households = [a, b].map((p) => nominatePerson(o.roundId, o.household.id, p.householdId));
	expect(closeNominations(db, clerk(), village(), o.roundId).ok).toBe(true);
	for (const id of [...people, ...households])
		reviewNomination(db, clerk(), village(), {
			roundId: o.roundId,
			nominationId: id,
			decision: 'accepted',
			note: ''
		});
	expect(openVoting(db, clerk(), village(), o.roundId).ok).toBe(true);
	return { ...o, people, households };
}

describe('openRoundRefusal', () => {
	const cat = { name: '好婆婆', subject: 'person', seats: 1 };
	it.each([
		['a good round', {}, null],
		['no title', { title: ' ' }, 'bad_title'],
		['no categories', { categories: [] }, 'no_categories'],
		['no seats', { categories: [{ ...cat, seats: 0 }] }, 'bad_category'],
		['51 seats', { categories: [{ ...cat, seats: 51 }] }, 'bad_category'],
		['unknown subject', { categories: [{ ...cat, subject: 'group' }] }, 'bad_category'],
		['same name twice', { categories: [cat, cat] }, 'duplicate_category'],
		['nominations backwards', { nominationsUntil: '2026-04-01' }, 'bad_nomination_dates'],
		['unknown mode', { voteMode: 'lottery' }, 'bad_vote_mode'],
		['online without days', { votingFrom: null }, 'bad_voting_dates'],
		['vote before nominations close', { votingFrom: '2026-05-31' }, 'bad_voting_dates'],
		['meeting needs no days', { voteMode: 'meeting', votingFrom: null, votingUntil: null }, null]
	])('%s', (_, over, expected) => {
		expect(openRoundRefusal(roundInput(over as Partial<OpenRoundInput>))).toBe(expected);
	});
});

describe('who runs a round', () => {
	it.each([
		['clerk', () => clerk(), true],
		['villager', () => villager(), false],
		['grid head', () => gridHead(), false]
	])('%s opens, closes, opens the vote, cancels: %s', (_, who, may) => {
		const r = openHonourRound(db, who(), village(), roundInput(), { now: NOMINATING });
		expect(r.ok).toBe(may);
		const { roundId } = open();
		for (const step of [closeNominations, cancelRound])
			expect(step(db, who(), village(), roundId).ok).toBe(may);
		if (!may) expect(findRound(db, village(), roundId)!.state).toBe('nominating');
	});

	it('each step only from its state', () => {
		const { roundId } = open();
		expect(openVoting(db, clerk(), village(), roundId)).toMatchObject({ reason: 'wrong_state' });
		expect(countRound(db, clerk(), village(), roundId)).toMatchObject({ reason: 'wrong_state' });
		expect(publishRound(db, clerk(), village(), roundId)).toMatchObject({ reason: 'wrong_state' });
		expect(closeNominations(db, clerk(), village(), roundId).ok).toBe(true);
		expect(closeNominations(db, clerk(), village(), roundId)).toMatchObject({
			reason: 'wrong_state'
		});
		expect(openVoting(db, clerk(), village(), roundId)).toMatchObject({
			reason: 'nothing_to_vote'
		});
		expect(cancelRound(db, clerk(), village(), roundId).ok).toBe(true);
		expect(cancelRound(db, clerk(), village(), roundId)).toMatchObject({ reason: 'wrong_state' });
	});

	it('the vote opens only once every nomination is reviewed', () => {
		const o = open();
		const [a] = residents(1);
		const id = nominatePerson(o.roundId, o.person.id, a.id);
		closeNominations(db, clerk(), village(), o.roundId);
		expect(openVoting(db, clerk(), village(), o.roundId)).toMatchObject({
			reason: 'pending_reviews'
		});
		reviewNomination(db, clerk(), village(), {
			roundId: o.roundId,
			nominationId: id,
			decision: 'accepted',
			note: ''
		});
		expect(openVoting(db, clerk(), village(), o.roundId).ok).toBe(true);
	});
});

describe('nominate', () => {
	it.each([
		['a neighbour, in the window', NOMINATING, 'person', 'neighbour', 'ok'],
		['before the window', at('2026-04-30'), 'person', 'neighbour', 'nominations_closed'],
		['after the window', at('2026-06-01'), 'person', 'neighbour', 'nominations_closed'],
		['oneself for a personal title', NOMINATING, 'person', 'self', 'self_nomination'],
		['own household for a household title', NOMINATING, 'household', 'ownHousehold', 'ok'],
		['no such household', NOMINATING, 'household', 'nobody', 'no_nominee']
	])('%s', (_, now, category, who, expected) => {
		const o = open();
		const me = villager();
		const [neighbour] = residents(1);
		const ownHousehold = (
			db.prepare('select household_id from people where id = ?').get(me.personId) as {
				household_id: number;
			}
		).household_id;
		const nomineeId = {
			neighbour: neighbour.id,
			self: me.personId!,
			ownHousehold,
			nobody: 999_999
		}[who]!;
		const categoryId = category === 'person' ? o.person.id : o.household.id;
		const r = nominate(
			db,
			me,
			village(),
			{ roundId: o.roundId, categoryId, nomineeId, reason: '热心公益' },
			{ now }
		);
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		expect(nominationsOf(db, o.roundId)).toHaveLength(expected === 'ok' ? 1 : 0);
	});

	it('refuses an empty or overlong reason, and the same nominee twice in a category', () => {
		const o = open();
		const [a] = residents(1);
		const input = { roundId: o.roundId, categoryId: o.person.id, nomineeId: a.id };
		expect(nominate(db, villager(), village(), { ...input, reason: ' ' })).toMatchObject({
			reason: 'bad_reason'
		});
		expect(
			nominate(db, villager(), village(), { ...input, reason: '好'.repeat(501) })
		).toMatchObject({ reason: 'bad_reason' });
		nominatePerson(o.roundId, o.person.id, a.id);
		expect(
			nominate(db, gridHead(), village(), { ...input, reason: '再推荐一次' }, { now: NOMINATING })
		).toMatchObject({ reason: 'already_nominated' });
	});

	it("a grid head nominates for a villager of their grid, with the villager's consent, not for others", () => {
		const o = open();
		const grid = db
			.prepare(
				`select r.grid_id from roles r join users u on u.person_id = r.person_id
				 where u.phone = '13800000004' and r.role = 'grid_head'`
			)
			.pluck()
			.get() as number;
		const inGrid = (mine: boolean) =>
			db
				.prepare(
					`select p.id from people p join households h on h.id = p.household_id
					 where p.village_id = ? and p.status = 'resident' and h.grid_id ${mine ? '=' : '<>'} ?
					 and p.birth_date < '1960-01-01' order by p.id limit 1`
				)
				.pluck()
				.get(village(), grid) as number;
		const nominee = residents(3).find((p) => p.id !== inGrid(true))!;
		const onBehalf = (personId: number) =>
			nominate(
				db,
				gridHead(),
				village(),
				{
					roundId: o.roundId,
					categoryId: o.person.id,
					nomineeId: nominee.id,
					reason: '孝敬公婆',
					onBehalf: { personId, consentKind: 'read_back', consentAt: NOMINATING.toISOString() }
				},
				{ now: NOMINATING }
			);
		expect(onBehalf(inGrid(false))).toMatchObject({ reason: 'not_your_villager' });
		expect(onBehalf(inGrid(true))).toMatchObject({ ok: true });
		const [n] = nominationsOf(db, o.roundId);
		expect(n).toMatchObject({ nominatedByPersonId: inGrid(true), consentKind: 'read_back' });
		expect(n.filedByUserId).toBe(gridHead().userId);
	});
});

describe('reviewNomination', () => {
	it.each([
		['accepted without a note', 'accepted', '', 'ok'],
		['rejected with a note', 'rejected', '非本村常住人口', 'ok'],
		['rejected without a note', 'rejected', ' ', 'note_required'],
		['an unknown decision', 'maybe', '', 'bad_decision']
	])('%s', (_, decision, note, expected) => {
		const o = open();
		const id = nominatePerson(o.roundId, o.person.id, residents(1)[0].id);
		const r = reviewNomination(db, clerk(), village(), {
			roundId: o.roundId,
			nominationId: id,
			decision,
			note
		});
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		expect(nominationsOf(db, o.roundId)[0].review).toBe(expected === 'ok' ? decision : 'pending');
	});

	it('is staff only, and closed once the vote opens', () => {
		const v = votingRound();
		const input = {
			roundId: v.roundId,
			nominationId: v.people[0],
			decision: 'rejected',
			note: '不符'
		};
		expect(reviewNomination(db, villager(), village(), input)).toMatchObject({
			reason: 'forbidden'
		});
		expect(reviewNomination(db, clerk(), village(), input)).toMatchObject({
			reason: 'wrong_state'
		});
	});
});

describe('castHonourBallot', () => {
	it('one ballot per person per category; the choice carries no voter', () => {
		const v = votingRound();
		const me = villager();
		const ballot = (categoryId: number, ids: number[]) =>
			castHonourBallot(
				db,
				me,
				village(),
				{ roundId: v.roundId, categoryId, nominationIds: ids },
				{ now: VOTING }
			);
		expect(ballot(v.person.id, [v.people[0]]).ok).toBe(true);
		expect(ballot(v.person.id, [v.people[1]])).toMatchObject({ reason: 'already_voted' });
		expect(ballot(v.household.id, v.households).ok).toBe(true);
		const choices = db.prepare('select * from honour_choices').all() as Record<string, unknown>[];
		expect(choices).toHaveLength(3);
		for (const c of choices)
			expect(Object.keys(c).sort()).toEqual(['category_id', 'id', 'nomination_id']);
		expect(db.prepare('select count(*) from honour_voters').pluck().get()).toBe(2);
	});

	it('stores choices under ids in no order a reader could line up with the voters', () => {
		const v = votingRound();
		const ids = Array.from({ length: 20 }, () => storeChoice(db, v.person.id, v.people[0]));
		// Ids in insertion order would come out sorted; twenty random ones are sorted once in 20!.
		expect(new Set(ids).size).toBe(20);
		expect(ids).not.toEqual([...ids].sort((x, y) => x - y));
	});

	it.each([
		['in the window', VOTING, 'one', 'ok'],
		['before the window', at('2026-05-31'), 'one', 'not_voting_time'],
		['after the window', at('2026-06-11'), 'one', 'not_voting_time'],
		['more than the seats', VOTING, 'two', 'too_many'],
		['nobody', VOTING, 'none', 'no_choice'],
		['a nomination of another category', VOTING, 'other', 'bad_choice']
	])('%s', (_, now, choice, expected) => {
		const v = votingRound();
		const ids = {
			one: [v.people[0]],
			two: v.people.slice(0, 2),
			none: [],
			other: [v.households[0]]
		}[choice]!;
		const r = castHonourBallot(
			db,
			villager(),
			village(),
			{ roundId: v.roundId, categoryId: v.person.id, nominationIds: ids },
			{ now }
		);
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		expect(db.prepare('select count(*) from honour_choices').pluck().get()).toBe(
			expected === 'ok' ? 1 : 0
		);
	});

	it('refuses a rejected nomination, a minor, a moved-out villager and a login without a person', () => {
		const v = votingRound();
		const minor = db
			.prepare(
				`select id from people where village_id = ? and status = 'resident' and birth_date > '2009-01-01' limit 1`
			)
			.pluck()
			.get(village()) as number;
		const [, , , gone] = residents(4);
		db.prepare(
			`update people set status = 'moved_out', status_date = '2026-01-01' where id = ?`
		).run(gone.id);
		const cast = (actor: Actor) =>
			castHonourBallot(
				db,
				actor,
				village(),
				{ roundId: v.roundId, categoryId: v.person.id, nominationIds: [v.people[0]] },
				{ now: VOTING }
			);
		expect(cast(loginOf(minor))).toMatchObject({ reason: 'not_eligible' });
		expect(cast(loginOf(gone.id))).toMatchObject({ reason: 'not_eligible' });
		expect(cast({ ...clerk(), personId: null })).toMatchObject({ reason: 'not_eligible' });
		expect(db.prepare('select count(*) from honour_voters').pluck().get()).toBe(0);
	});
});

describe('chooseHonourees', () => {
	const n = (...votes: number[]) => votes.map((v, i) => ({ id: i + 1, votes: v }));
	it.each([
		['clear winners', 2, n(5, 3, 1), [1, 2], []],
		['fewer nominees than seats', 3, n(4, 2), [1, 2], []],
		['no votes, no honour', 2, n(3, 0), [1], []],
		['a tie at the last seat', 2, n(5, 3, 3), [1], [2, 3]],
		['a tie above the last seat is no tie', 2, n(4, 4, 1), [1, 2], []],
		['all tied for one seat', 1, n(2, 2, 2), [], [1, 2, 3]]
	])('%s', (_, seats, noms, honoured, tied) => {
		expect(chooseHonourees(seats, noms)).toEqual({ honoured, tied });
	});
});

describe('count and publish', () => {
	function voted() {
		const v = votingRound();
		const voters = residents(6).map((p) => loginOf(p.id));
		// 3, 2 and 1 votes for the three people; the households 4 and 2 votes.
		[0, 0, 0, 1, 1, 2].forEach((k, i) =>
			castHonourBallot(
				db,
				voters[i],
				village(),
				{ roundId: v.roundId, categoryId: v.person.id, nominationIds: [v.people[k]] },
				{ now: VOTING }
			)
		);
		[0, 0, 0, 0, 1, 1].forEach((k, i) =>
			castHonourBallot(
				db,
				voters[i],
				village(),
				{ roundId: v.roundId, categoryId: v.household.id, nominationIds: [v.households[k]] },
				{ now: VOTING }
			)
		);
		return v;
	}

	it('counts only after the voting days', () => {
		const v = voted();
		expect(countRound(db, clerk(), village(), v.roundId, { now: VOTING })).toMatchObject({
			reason: 'voting_still_open'
		});
		expect(countRound(db, villager(), village(), v.roundId, { now: AFTER })).toMatchObject({
			reason: 'forbidden'
		});
		expect(countRound(db, clerk(), village(), v.roundId, { now: AFTER }).ok).toBe(true);
		const noms = nominationsOf(db, v.roundId);
		expect(Object.fromEntries(noms.map((x) => [x.id, [x.votes, x.honoured]]))).toEqual({
			[v.people[0]]: [3, true],
			[v.people[1]]: [2, false],
			[v.people[2]]: [1, false],
			[v.households[0]]: [4, true],
			[v.households[1]]: [2, true]
		});
	});

	it('publishes the honourees only: the notice, the public list and the certificates never name the others', () => {
		const v = voted();
		countRound(db, clerk(), village(), v.roundId, { now: AFTER });
		expect(publicHonourees(db, village(), v.roundId)).toEqual([]);
		const r = publishRound(db, clerk(), village(), v.roundId, { now: AFTER });
		if (!r.ok) throw new Error(r.reason);
		const notice = db
			.prepare(
				'select kind, title, summary, body, honour_round_id from notices where seq = ? and village_id = ?'
			)
			.get(r.noticeSeq, village()) as Record<string, unknown>;
		expect(notice).toMatchObject({ kind: 'general', honour_round_id: v.roundId });
		const names = nominationsOf(db, v.roundId);
		const text = JSON.stringify(notice);
		for (const x of names) expect(text.includes(x.nomineeName)).toBe(x.honoured);
		const honourees = publicHonourees(db, village(), v.roundId);
		expect(honourees.map((h) => h.nominationId).sort()).toEqual(
			names
				.filter((x) => x.honoured)
				.map((x) => x.id)
				.sort()
		);
		expect(honourees.every((h) => /^\d{4}-\d{3}-\d{3}$/.test(h.certificateNo))).toBe(true);
		expect(JSON.stringify(honourees)).not.toContain(names.find((x) => !x.honoured)!.nomineeName);
		expect(findRound(db, village(), v.roundId)!.state).toBe('published');
	});

	it('leaves a tie at the last seat to the committee', () => {
		const v = votingRound();
		const voters = residents(2).map((p) => loginOf(p.id));
		voters.forEach((voter, i) =>
			castHonourBallot(
				db,
				voter,
				village(),
				{ roundId: v.roundId, categoryId: v.person.id, nominationIds: [v.people[i]] },
				{ now: VOTING }
			)
		);
		countRound(db, clerk(), village(), v.roundId, { now: AFTER });
		expect(nominationsOf(db, v.roundId).filter((x) => x.honoured)).toEqual([]);
	});

	it('meeting mode: the count of a closed meeting of the village', () => {
		const o = open({ voteMode: 'meeting', votingFrom: null, votingUntil: null });
		const [a, b] = residents(2);
		const ids = [a, b].map((p) => nominatePerson(o.roundId, o.person.id, p.id));
		closeNominations(db, clerk(), village(), o.roundId);
		for (const id of ids)
			reviewNomination(db, clerk(), village(), {
				roundId: o.roundId,
				nominationId: id,
				decision: 'accepted',
				note: ''
			});
		openVoting(db, clerk(), village(), o.roundId);
		expect(countRound(db, clerk(), village(), o.roundId)).toMatchObject({
			reason: 'meeting_count_missing'
		});
		const meeting = Number(
			db
				.prepare(
					`insert into meetings (village_id, type, title, meeting_date, notice_date, state, rule_set_id, rule_json,
					   created_by, created_at) values (?, 'villagers_meeting', '村民会议', '2026-06-01', '2026-05-20', 'notified', 'cn-2026', '{}', ?, '2026-05-01')`
				)
				.run(village(), clerk().userId).lastInsertRowid
		);
		const votes = { [ids[0]]: 40, [ids[1]]: 12 };
		const record = () =>
			recordMeetingCount(db, clerk(), village(), { roundId: o.roundId, meetingId: meeting, votes });
		expect(record()).toMatchObject({ reason: 'meeting_not_closed' });
		db.prepare(
			`update meetings set state = 'open', opened_at = '2026-06-01T09:00:00Z' where id = ?`
		).run(meeting);
		db.prepare(
			`update meetings set state = 'closed', closed_at = '2026-06-01T12:00:00Z', audit_head_hash = 'x' where id = ?`
		).run(meeting);
		expect(
			recordMeetingCount(db, clerk(), village(), {
				roundId: o.roundId,
				meetingId: meeting,
				votes: { [ids[0]]: 40 }
			})
		).toMatchObject({ reason: 'bad_count' });
		expect(record().ok).toBe(true);
		expect(countRound(db, clerk(), village(), o.roundId).ok).toBe(true);
		expect(nominationsOf(db, o.roundId).find((x) => x.honoured)!.id).toBe(ids[0]);
	});
});
