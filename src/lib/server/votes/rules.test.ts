import { describe, expect, it } from 'vitest';
import {
	CN_2018,
	MEETING_TYPES,
	applyOptions,
	earliestOpening,
	evaluatePass,
	evaluateQuorum,
	isAtLeastAsStrict,
	looserPoints,
	mayOpen,
	symbolicFormula,
	validateTally,
	type Comparison,
	type MeetingCounts,
	type MeetingRule,
	type MeetingType,
	type RuleSet,
	type Tally
} from './rules';

const M = CN_2018.meetings;
const tally = (yes: number, no = 0, abstain = 0): Tally => ({ yes, no, abstain });

/** The national rules with one meeting's rule replaced. */
function withRule(type: MeetingType, patch: Partial<MeetingRule>): RuleSet {
	return { ...CN_2018, meetings: { ...CN_2018.meetings, [type]: { ...M[type], ...patch } } };
}

function villageRules(options: Parameters<typeof applyOptions>[1]): RuleSet {
	const r = applyOptions(CN_2018, options);
	if (!r.ok) throw new Error(r.reason);
	return r.rules;
}

describe('the issue examples', () => {
	const reps = { repsTotal: 16, committeeTotal: 5 };

	it('16 reps + 5 committee = 21 members: 14 present is quorate, 13 is not', () => {
		expect(evaluateQuorum(M.reps_meeting, { ...reps, present: 14 })).toEqual({
			met: true,
			formula: '3 × 14 ≥ 2 × 21',
			left: 42,
			right: 42
		});
		expect(evaluateQuorum(M.reps_meeting, { ...reps, present: 13 })).toEqual({
			met: false,
			formula: '3 × 13 ≥ 2 × 21',
			left: 39,
			right: 42
		});
	});

	it('7 of 14 yes fails, 8 passes', () => {
		expect(evaluatePass(M.reps_meeting, tally(7, 7), { ...reps, present: 14 })).toEqual({
			passed: false,
			formula: '2 × 7 > 14',
			left: 14,
			right: 14
		});
		expect(evaluatePass(M.reps_meeting, tally(8, 6), { ...reps, present: 14 })).toEqual({
			passed: true,
			formula: '2 × 8 > 14',
			left: 16,
			right: 14
		});
	});

	it('party assembly, 33 full and 2 probationary: 17 full present may vote, 16 may not', () => {
		// The probationary members are on the roster but in no count.
		expect(M.party_assembly.roster).toMatchObject({
			voting: ['party_full'],
			nonVoting: ['party_probationary']
		});
		expect(evaluateQuorum(M.party_assembly, { fullTotal: 33, fullPresent: 17 })).toEqual({
			met: true,
			formula: '2 × 17 ≥ 33',
			left: 34,
			right: 33
		});
		expect(evaluateQuorum(M.party_assembly, { fullTotal: 33, fullPresent: 16 })).toMatchObject({
			met: false,
			formula: '2 × 16 ≥ 33'
		});
	});

	it('with 20 present, 16 yes fails although a majority of those present; 17 passes', () => {
		const counts = { fullTotal: 33, fullPresent: 20 };
		expect(evaluatePass(M.party_assembly, tally(16, 4), counts)).toEqual({
			passed: false,
			formula: '2 × 16 > 33',
			left: 32,
			right: 33
		});
		expect(evaluatePass(M.party_assembly, tally(17, 3), counts)).toEqual({
			passed: true,
			formula: '2 × 17 > 33',
			left: 34,
			right: 33
		});
	});

	it('notice on 2026-11-01 allows a villagers’ meeting on 2026-11-12, not on 11-11', () => {
		expect(earliestOpening('villagers_meeting', '2026-11-01', CN_2018)).toBe('2026-11-12');
		expect(mayOpen('villagers_meeting', '2026-11-01', '2026-11-12', CN_2018)).toEqual({ ok: true });
		expect(mayOpen('villagers_meeting', '2026-11-01', '2026-11-11', CN_2018)).toEqual({
			ok: false,
			earliest: '2026-11-12'
		});
	});
});

// Each row: meeting, counts, whether the quorum is met, the rendered formula.
type QuorumRow = [string, MeetingType, MeetingCounts, boolean, string];

describe('quorum formulas at, one below and one above each boundary', () => {
	const rows: QuorumRow[] = [
		// 支委会 / 两委: 过半数 of members (strict), 2 × present > members
		[
			'5 members, 3 present',
			'branch_committee',
			{ membersTotal: 5, present: 3 },
			true,
			'2 × 3 > 5'
		],
		[
			'5 members, 2 present',
			'branch_committee',
			{ membersTotal: 5, present: 2 },
			false,
			'2 × 2 > 5'
		],
		[
			'5 members, 4 present',
			'branch_committee',
			{ membersTotal: 5, present: 4 },
			true,
			'2 × 4 > 5'
		],
		[
			'4 members, exactly half',
			'branch_committee',
			{ membersTotal: 4, present: 2 },
			false,
			'2 × 2 > 4'
		],
		[
			'4 members, 3 present',
			'branch_committee',
			{ membersTotal: 4, present: 3 },
			true,
			'2 × 3 > 4'
		],
		['9 members, 5 present', 'two_committees', { membersTotal: 9, present: 5 }, true, '2 × 5 > 9'],
		['9 members, 4 present', 'two_committees', { membersTotal: 9, present: 4 }, false, '2 × 4 > 9'],
		[
			'8 members, exactly half',
			'two_committees',
			{ membersTotal: 8, present: 4 },
			false,
			'2 × 4 > 8'
		],
		['8 members, 5 present', 'two_committees', { membersTotal: 8, present: 5 }, true, '2 × 5 > 8'],
		// 党员大会: 半数以上 (inclusive), 2 × full present ≥ full total
		[
			'34 full, exactly half',
			'party_assembly',
			{ fullTotal: 34, fullPresent: 17 },
			true,
			'2 × 17 ≥ 34'
		],
		[
			'34 full, 16 present',
			'party_assembly',
			{ fullTotal: 34, fullPresent: 16 },
			false,
			'2 × 16 ≥ 34'
		],
		[
			'34 full, 18 present',
			'party_assembly',
			{ fullTotal: 34, fullPresent: 18 },
			true,
			'2 × 18 ≥ 34'
		],
		// 村民代表会议: 三分之二以上, 3 × present ≥ 2 × (reps + committee)
		[
			'21 members, 15 present',
			'reps_meeting',
			{ repsTotal: 16, committeeTotal: 5, present: 15 },
			true,
			'3 × 15 ≥ 2 × 21'
		],
		[
			'30 members, 20 present',
			'reps_meeting',
			{ repsTotal: 25, committeeTotal: 5, present: 20 },
			true,
			'3 × 20 ≥ 2 × 30'
		],
		[
			'30 members, 19 present',
			'reps_meeting',
			{ repsTotal: 25, committeeTotal: 5, present: 19 },
			false,
			'3 × 19 ≥ 2 × 30'
		],
		[
			'30 members, 21 present',
			'reps_meeting',
			{ repsTotal: 25, committeeTotal: 5, present: 21 },
			true,
			'3 × 21 ≥ 2 × 30'
		],
		// 集体经济组织成员大会: 三分之二以上, 3 × present ≥ 2 × members
		[
			'60 members, 40 present',
			'collective_members',
			{ membersTotal: 60, present: 40 },
			true,
			'3 × 40 ≥ 2 × 60'
		],
		[
			'60 members, 39 present',
			'collective_members',
			{ membersTotal: 60, present: 39 },
			false,
			'3 × 39 ≥ 2 × 60'
		],
		[
			'60 members, 41 present',
			'collective_members',
			{ membersTotal: 60, present: 41 },
			true,
			'3 × 41 ≥ 2 × 60'
		],
		[
			'61 members, 41 present',
			'collective_members',
			{ membersTotal: 61, present: 41 },
			true,
			'3 × 41 ≥ 2 × 61'
		],
		[
			'61 members, 40 present',
			'collective_members',
			{ membersTotal: 61, present: 40 },
			false,
			'3 × 40 ≥ 2 × 61'
		]
	];
	it.each(rows)('%s (%s) → %s', (_, type, counts, met, formula) => {
		const r = evaluateQuorum(M[type], counts);
		expect(r.met).toBe(met);
		expect(r.formula).toBe(formula);
	});

	it('a meeting that does not vote has no quorum to meet', () => {
		for (const type of ['consultation', 'urgent_coordination'] as const)
			expect(evaluateQuorum(M[type], {})).toEqual({ met: true, formula: '', left: 0, right: 0 });
	});
});

describe('either-or quorums', () => {
	// adults present / adults total, households represented / households total → met, which held
	type OrRow = [string, [number, number, number, number], boolean, string | null, string];
	const villagers: OrRow[] = [
		// 过半数 of adults is strict: 2 × adults present > adults total
		['exactly half the adults', [50, 100, 0, 90], false, null, '2 × 50 > 100 ∨ 3 × 0 ≥ 2 × 90'],
		['one over half', [51, 100, 0, 90], true, 'adults', '2 × 51 > 100 ∨ 3 × 0 ≥ 2 × 90'],
		['two over half', [52, 100, 0, 90], true, 'adults', '2 × 52 > 100 ∨ 3 × 0 ≥ 2 × 90'],
		['odd total, 51 of 101', [51, 101, 0, 90], true, 'adults', '2 × 51 > 101 ∨ 3 × 0 ≥ 2 × 90'],
		['odd total, 50 of 101', [50, 101, 0, 90], false, null, '2 × 50 > 101 ∨ 3 × 0 ≥ 2 × 90'],
		// 三分之二以上 of households is inclusive: 3 × represented ≥ 2 × total
		[
			'exactly two thirds of households',
			[40, 100, 60, 90],
			true,
			'households',
			'2 × 40 > 100 ∨ 3 × 60 ≥ 2 × 90'
		],
		['one household short', [40, 100, 59, 90], false, null, '2 × 40 > 100 ∨ 3 × 59 ≥ 2 × 90'],
		['one household over', [40, 100, 61, 90], true, 'households', '2 × 40 > 100 ∨ 3 × 61 ≥ 2 × 90'],
		[
			'both hold: adults reported first',
			[60, 100, 70, 90],
			true,
			'adults',
			'2 × 60 > 100 ∨ 3 × 70 ≥ 2 × 90'
		],
		['neither holds', [50, 100, 59, 90], false, null, '2 × 50 > 100 ∨ 3 × 59 ≥ 2 × 90']
	];
	it.each(villagers)('villagers’ meeting: %s', (_, [ap, at, hr, ht], met, heldBy, formula) => {
		const counts = {
			adultsPresent: ap,
			adultsTotal: at,
			householdsRepresented: hr,
			householdsTotal: ht
		};
		const r = evaluateQuorum(M.villagers_meeting, counts);
		expect(r).toMatchObject({ met, heldBy, formula });
		expect(r.alternatives?.map((a) => [a.id, a.met])).toEqual([
			['adults', 2 * ap > at],
			['households', 3 * hr >= 2 * ht]
		]);
	});

	const group: OrRow[] = [
		// 村民小组会议: 三分之二以上 of the group's adults, or of its households, both inclusive
		[
			'exactly two thirds of adults',
			[20, 30, 0, 12],
			true,
			'adults',
			'3 × 20 ≥ 2 × 30 ∨ 3 × 0 ≥ 2 × 12'
		],
		['one adult short', [19, 30, 0, 12], false, null, '3 × 19 ≥ 2 × 30 ∨ 3 × 0 ≥ 2 × 12'],
		['one adult over', [21, 30, 0, 12], true, 'adults', '3 × 21 ≥ 2 × 30 ∨ 3 × 0 ≥ 2 × 12'],
		[
			'exactly two thirds of households',
			[10, 30, 8, 12],
			true,
			'households',
			'3 × 10 ≥ 2 × 30 ∨ 3 × 8 ≥ 2 × 12'
		],
		['one household short', [10, 30, 7, 12], false, null, '3 × 10 ≥ 2 × 30 ∨ 3 × 7 ≥ 2 × 12'],
		['one household over', [10, 30, 9, 12], true, 'households', '3 × 10 ≥ 2 × 30 ∨ 3 × 9 ≥ 2 × 12'],
		['31 adults: 21 holds', [21, 31, 0, 12], true, 'adults', '3 × 21 ≥ 2 × 31 ∨ 3 × 0 ≥ 2 × 12'],
		['31 adults: 20 fails', [20, 31, 0, 12], false, null, '3 × 20 ≥ 2 × 31 ∨ 3 × 0 ≥ 2 × 12']
	];
	it.each(group)('group meeting: %s', (_, [ap, at, hr, ht], met, heldBy, formula) => {
		const counts = {
			adultsPresent: ap,
			adultsTotal: at,
			householdsRepresented: hr,
			householdsTotal: ht
		};
		expect(evaluateQuorum(M.group_meeting, counts)).toMatchObject({ met, heldBy, formula });
	});

	it('reports the numbers of the condition that held', () => {
		const r = evaluateQuorum(M.villagers_meeting, {
			adultsPresent: 40,
			adultsTotal: 100,
			householdsRepresented: 60,
			householdsTotal: 90
		});
		expect([r.left, r.right]).toEqual([180, 180]);
	});
});

// Each row: meeting, counts, yes votes, whether the motion passes, the rendered formula.
type PassRow = [string, MeetingType, MeetingCounts, number, boolean, string];

describe('pass formulas at, one below and one above each boundary', () => {
	const rows: PassRow[] = [
		// 到会人员的过半数: strict, 2 × yes > present
		[
			'villagers: 51 of 100',
			'villagers_meeting',
			{ present: 100, adultsTotal: 300 },
			51,
			true,
			'2 × 51 > 100'
		],
		[
			'villagers: 50 of 100',
			'villagers_meeting',
			{ present: 100, adultsTotal: 300 },
			50,
			false,
			'2 × 50 > 100'
		],
		[
			'villagers: 52 of 100',
			'villagers_meeting',
			{ present: 100, adultsTotal: 300 },
			52,
			true,
			'2 × 52 > 100'
		],
		[
			'villagers: 50 of 99',
			'villagers_meeting',
			{ present: 99, adultsTotal: 300 },
			50,
			true,
			'2 × 50 > 99'
		],
		[
			'villagers: 49 of 99',
			'villagers_meeting',
			{ present: 99, adultsTotal: 300 },
			49,
			false,
			'2 × 49 > 99'
		],
		['group: 11 of 20', 'group_meeting', { present: 20, adultsTotal: 30 }, 11, true, '2 × 11 > 20'],
		[
			'group: 10 of 20',
			'group_meeting',
			{ present: 20, adultsTotal: 30 },
			10,
			false,
			'2 × 10 > 20'
		],
		['group: 12 of 20', 'group_meeting', { present: 20, adultsTotal: 30 }, 12, true, '2 × 12 > 20'],
		[
			'reps: 9 of 14',
			'reps_meeting',
			{ present: 14, repsTotal: 16, committeeTotal: 5 },
			9,
			true,
			'2 × 9 > 14'
		],
		['branch: 2 of 4', 'branch_committee', { present: 4, membersTotal: 5 }, 2, false, '2 × 2 > 4'],
		['branch: 3 of 4', 'branch_committee', { present: 4, membersTotal: 5 }, 3, true, '2 × 3 > 4'],
		['branch: 2 of 3', 'branch_committee', { present: 3, membersTotal: 5 }, 2, true, '2 × 2 > 3'],
		[
			'two committees: 4 of 7',
			'two_committees',
			{ present: 7, membersTotal: 9 },
			4,
			true,
			'2 × 4 > 7'
		],
		[
			'two committees: 3 of 7',
			'two_committees',
			{ present: 7, membersTotal: 9 },
			3,
			false,
			'2 × 3 > 7'
		],
		// 超过应到会有表决权的党员的半数: of all full members, strict
		[
			'party: 17 of 34 full',
			'party_assembly',
			{ fullPresent: 30, fullTotal: 34 },
			17,
			false,
			'2 × 17 > 34'
		],
		[
			'party: 18 of 34 full',
			'party_assembly',
			{ fullPresent: 30, fullTotal: 34 },
			18,
			true,
			'2 × 18 > 34'
		],
		[
			'party: 16 of 34 full',
			'party_assembly',
			{ fullPresent: 30, fullTotal: 34 },
			16,
			false,
			'2 × 16 > 34'
		],
		// 全体成员三分之二以上同意: of all members, inclusive, 3 × yes ≥ 2 × members
		[
			'collective: 40 of 60',
			'collective_members',
			{ present: 45, membersTotal: 60 },
			40,
			true,
			'3 × 40 ≥ 2 × 60'
		],
		[
			'collective: 39 of 60, most of those present',
			'collective_members',
			{ present: 45, membersTotal: 60 },
			39,
			false,
			'3 × 39 ≥ 2 × 60'
		],
		[
			'collective: 41 of 60',
			'collective_members',
			{ present: 45, membersTotal: 60 },
			41,
			true,
			'3 × 41 ≥ 2 × 60'
		],
		[
			'collective: 41 of 61',
			'collective_members',
			{ present: 45, membersTotal: 61 },
			41,
			true,
			'3 × 41 ≥ 2 × 61'
		],
		[
			'collective: 40 of 61',
			'collective_members',
			{ present: 45, membersTotal: 61 },
			40,
			false,
			'3 × 40 ≥ 2 × 61'
		]
	];
	it.each(rows)('%s (%s)', (_, type, counts, yes, passed, formula) => {
		expect(evaluatePass(M[type], tally(yes), counts)).toMatchObject({ passed, formula });
	});

	it('counts abstentions as present', () => {
		const counts = { present: 10, repsTotal: 10, committeeTotal: 3 };
		expect(evaluatePass(M.reps_meeting, tally(5, 0, 5), counts).passed).toBe(false);
		expect(evaluatePass(M.reps_meeting, tally(6, 0, 4), counts).passed).toBe(true);
	});

	it('refuses to compute a pass for a meeting that does not vote', () => {
		for (const type of ['consultation', 'urgent_coordination'] as const)
			expect(() => evaluatePass(M[type], tally(1), { present: 1 })).toThrow(RangeError);
	});

	it('refuses a tally that does not fit the voters present', () => {
		const counts = { present: 14, repsTotal: 16, committeeTotal: 5 };
		expect(() => evaluatePass(M.reps_meeting, tally(8, 7), counts)).toThrow(/more_than_present/);
		expect(() => evaluatePass(M.reps_meeting, tally(-1), counts)).toThrow(/negative/);
		// Party assembly: checked against the full members present, not the probationary ones.
		expect(() =>
			evaluatePass(M.party_assembly, tally(21), { fullPresent: 20, fullTotal: 33 })
		).toThrow(/more_than_present/);
	});
});

describe('counts', () => {
	it.each([
		[
			'a missing count',
			'reps_meeting',
			{ present: 14, repsTotal: 16 },
			/missing count: committeeTotal/
		],
		[
			'a negative count',
			'branch_committee',
			{ present: -1, membersTotal: 5 },
			/non-negative integer/
		],
		[
			'a fractional count',
			'branch_committee',
			{ present: 2.5, membersTotal: 5 },
			/non-negative integer/
		],
		[
			'more present than on the roster',
			'reps_meeting',
			{ present: 22, repsTotal: 16, committeeTotal: 5 },
			/exceeds the roster/
		],
		[
			'more full members present than exist',
			'party_assembly',
			{ fullPresent: 34, fullTotal: 33 },
			/exceeds fullTotal/
		],
		[
			'more households represented than exist',
			'villagers_meeting',
			{ adultsPresent: 1, adultsTotal: 9, householdsRepresented: 5, householdsTotal: 4 },
			/exceeds householdsTotal/
		]
	] as [string, MeetingType, MeetingCounts, RegExp][])('throws on %s', (_, type, counts, error) => {
		expect(() => evaluateQuorum(M[type], counts)).toThrow(error);
	});
});

describe('validateTally', () => {
	it.each([
		[tally(8, 6, 0), 14, 'ok'],
		[tally(8, 5, 0), 14, 'ok'], // someone present did not vote
		[tally(8, 6, 1), 14, 'more_than_present'],
		[tally(0, 0, 0), 0, 'ok'],
		[tally(1, 0, 0), 0, 'more_than_present'],
		[tally(-1, 0, 0), 14, 'negative'],
		[tally(1, -1, 0), 14, 'negative'],
		[tally(1, 0, 0), -1, 'negative'],
		[tally(1.5, 0, 0), 14, 'not_integer'],
		[tally(1, 0, Number.NaN), 14, 'not_integer'],
		[tally(1, 0, 0), 14.5, 'not_integer']
	])('%j with %d present → %s', (t, present, result) => {
		expect(validateTally(t, present)).toBe(result);
	});
});

describe('village options', () => {
	it('party assembly with two thirds of full members present (以上: inclusive)', () => {
		const rule = villageRules({ partyAssemblyTwoThirds: true }).meetings.party_assembly;
		expect(evaluateQuorum(rule, { fullTotal: 33, fullPresent: 22 })).toMatchObject({
			met: true,
			formula: '3 × 22 ≥ 2 × 33'
		});
		expect(evaluateQuorum(rule, { fullTotal: 33, fullPresent: 21 }).met).toBe(false);
		expect(evaluateQuorum(rule, { fullTotal: 34, fullPresent: 23 }).met).toBe(true);
		expect(evaluateQuorum(rule, { fullTotal: 34, fullPresent: 22 }).met).toBe(false);
		// What the law alone allows, the option refuses.
		expect(evaluateQuorum(M.party_assembly, { fullTotal: 33, fullPresent: 17 }).met).toBe(true);
		expect(evaluateQuorum(rule, { fullTotal: 33, fullPresent: 17 }).met).toBe(false);
	});

	it('reps’ meeting passing on more than half of all its members', () => {
		const rule = villageRules({ repsPassOnTotal: true }).meetings.reps_meeting;
		const counts = { repsTotal: 16, committeeTotal: 5, present: 14 };
		// 10 of 14 is a majority of those present, but not of the 21 members.
		expect(evaluatePass(M.reps_meeting, tally(10), counts).passed).toBe(true);
		expect(evaluatePass(rule, tally(10), counts)).toEqual({
			passed: false,
			formula: '2 × 10 > 21',
			left: 20,
			right: 21
		});
		expect(evaluatePass(rule, tally(11), counts)).toMatchObject({
			passed: true,
			formula: '2 × 11 > 21'
		});
		expect(evaluatePass(rule, tally(12), counts).passed).toBe(true);
		// An even roster: exactly half is not more than half.
		const even = { repsTotal: 17, committeeTotal: 5, present: 20 };
		expect(evaluatePass(rule, tally(11), even).passed).toBe(false);
		expect(evaluatePass(rule, tally(12), even).passed).toBe(true);
	});

	it.each([
		[3, true],
		[4, true],
		[5, true],
		[2, false],
		[0, false]
	])('reps’ meeting notice of %d days → accepted %s', (days, ok) => {
		const r = applyOptions(CN_2018, { repsNoticeDays: days });
		expect(r.ok).toBe(ok);
		if (!r.ok) expect(r.reason).toBe('looser_than_law');
		else expect(r.rules.meetings.reps_meeting.noticeDays).toBe(days);
	});

	it('refuses a fractional or negative notice period', () => {
		expect(applyOptions(CN_2018, { repsNoticeDays: 3.5 })).toEqual({
			ok: false,
			reason: 'not_integer'
		});
		expect(applyOptions(CN_2018, { repsNoticeDays: -1 })).toEqual({
			ok: false,
			reason: 'looser_than_law'
		});
	});

	it('records what it is based on and leaves the law untouched', () => {
		const rules = villageRules({
			partyAssemblyTwoThirds: true,
			repsPassOnTotal: true,
			repsNoticeDays: 5
		});
		expect(rules).toMatchObject({
			id: 'cn-2018+village',
			jurisdiction: 'village',
			basedOn: 'cn-2018'
		});
		expect(rules.source).toContain('本村选项');
		expect(earliestOpening('reps_meeting', '2026-06-28', rules)).toBe('2026-07-04');
		expect(earliestOpening('reps_meeting', '2026-06-28', CN_2018)).toBe('2026-07-02');
		expect(M.party_assembly.quorum).toEqual({
			kind: 'compare',
			test: {
				id: 'half_of_full',
				left: { coef: 2, of: ['fullPresent'] },
				op: '>=',
				right: { coef: 1, of: ['fullTotal'] }
			}
		});
		expect(applyOptions(CN_2018, {})).toMatchObject({
			ok: true,
			rules: { meetings: CN_2018.meetings }
		});
	});
});

describe('isAtLeastAsStrict', () => {
	const compare = (id: string, lc: number, l: string[], op: '>' | '>=', rc: number, r: string[]) =>
		({
			kind: 'compare',
			test: { id, left: { coef: lc, of: l }, op, right: { coef: rc, of: r } }
		}) as { kind: 'compare'; test: Comparison };

	it('holds for the law against itself and for every option', () => {
		expect(isAtLeastAsStrict(CN_2018, CN_2018)).toBe(true);
		const all = villageRules({
			partyAssemblyTwoThirds: true,
			repsPassOnTotal: true,
			repsNoticeDays: 5
		});
		expect(isAtLeastAsStrict(CN_2018, all)).toBe(true);
		// And not the other way round: the law is looser than the village's choice.
		expect(looserPoints(all, CN_2018)).toEqual([
			'party_assembly.quorum',
			'reps_meeting.noticeDays',
			'reps_meeting.pass'
		]);
	});

	it.each([
		['a shorter villagers’ notice', 'villagers_meeting', { noticeDays: 9 }, 'noticeDays'],
		['a reps’ meeting that opens at once', 'reps_meeting', { opensAtOnce: true }, 'opensAtOnce'],
		[
			'an urgent meeting deciding art. 24 matters',
			'urgent_coordination',
			{ mayDecideArt24: true },
			'mayDecideArt24'
		],
		['a consultation producing resolutions', 'consultation', { mayDecide: true }, 'mayDecide'],
		[
			'a villagers’ meeting without quorum',
			'villagers_meeting',
			{ quorum: { kind: 'none' } },
			'quorum'
		],
		[
			'probationary members voting',
			'party_assembly',
			{
				roster: {
					kind: 'roles',
					voting: ['party_full', 'party_probationary'],
					nonVoting: [],
					scope: 'village',
					households: false
				}
			},
			'roster'
		],
		[
			'one third of full members',
			'party_assembly',
			{ quorum: compare('x', 3, ['fullPresent'], '>=', 1, ['fullTotal']) },
			'quorum'
		],
		[
			'a strict majority turned inclusive',
			'reps_meeting',
			{ pass: compare('x', 2, ['yes'], '>=', 1, ['present']) },
			'pass'
		],
		[
			'half the reps only, not the committee',
			'reps_meeting',
			{ quorum: compare('x', 3, ['present'], '>=', 2, ['repsTotal']) },
			'quorum'
		],
		[
			'a majority of those present for the collective',
			'collective_members',
			{ pass: compare('x', 2, ['yes'], '>', 1, ['present']) },
			'pass'
		],
		// 3 × 0 ≥ 2 × 0: an inclusive two thirds passes 0 of 0, which 过半数 refuses.
		[
			'two thirds 以上 in place of 过半数',
			'villagers_meeting',
			{ pass: compare('x', 3, ['yes'], '>=', 2, ['present']) },
			'pass'
		],
		[
			'a vote at a consultation',
			'consultation',
			{ pass: compare('x', 2, ['yes'], '>', 1, ['present']) },
			'pass'
		],
		[
			'a third way to reach the villagers’ quorum',
			'villagers_meeting',
			{
				quorum: {
					kind: 'any',
					tests: [
						...(M.villagers_meeting.quorum.kind === 'any' ? M.villagers_meeting.quorum.tests : []),
						{
							id: 'reps',
							left: { coef: 2, of: ['present'] },
							op: '>',
							right: { coef: 1, of: ['adultsTotal'] }
						}
					]
				}
			},
			'quorum'
		]
	] as [string, MeetingType, Partial<MeetingRule>, string][])(
		'refuses %s',
		(_, type, patch, field) => {
			const candidate = withRule(type, patch);
			expect(isAtLeastAsStrict(CN_2018, candidate)).toBe(false);
			expect(looserPoints(CN_2018, candidate)).toEqual([`${type}.${field}`]);
		}
	);

	it.each([
		['a longer villagers’ notice', 'villagers_meeting', { noticeDays: 15 }],
		[
			'three quarters of the reps’ meeting',
			'reps_meeting',
			{ quorum: compare('x', 4, ['present'], '>=', 3, ['repsTotal', 'committeeTotal']) }
		],
		[
			'a strict two thirds',
			'reps_meeting',
			{ quorum: compare('x', 3, ['present'], '>', 2, ['repsTotal', 'committeeTotal']) }
		],
		[
			'more than two thirds to pass a villagers’ motion',
			'villagers_meeting',
			{ pass: compare('x', 3, ['yes'], '>', 2, ['present']) }
		],
		[
			'the households condition dropped',
			'villagers_meeting',
			{ quorum: compare('adults', 2, ['adultsPresent'], '>', 1, ['adultsTotal']) }
		],
		[
			'the urgent meeting given notice',
			'urgent_coordination',
			{ opensAtOnce: false, noticeDays: 1 }
		],
		['the group meeting deciding nothing', 'group_meeting', { mayDecide: false }]
	] as [string, MeetingType, Partial<MeetingRule>][])('accepts %s', (_, type, patch) => {
		expect(looserPoints(CN_2018, withRule(type, patch))).toEqual([]);
	});

	// Over every small meeting: whenever the stricter rule lets a meeting vote or a motion pass,
	// the law does too.
	it('never lets through what the law refuses, over every small meeting', () => {
		const strict = villageRules({ partyAssemblyTwoThirds: true, repsPassOnTotal: true });
		let checked = 0;
		for (let fullTotal = 0; fullTotal <= 12; fullTotal++)
			for (let fullPresent = 0; fullPresent <= fullTotal; fullPresent++) {
				const counts = { fullTotal, fullPresent };
				if (evaluateQuorum(strict.meetings.party_assembly, counts).met)
					expect(evaluateQuorum(M.party_assembly, counts).met).toBe(true);
				for (let yes = 0; yes <= fullPresent; yes++) {
					if (evaluatePass(strict.meetings.party_assembly, tally(yes), counts).passed)
						expect(evaluatePass(M.party_assembly, tally(yes), counts).passed).toBe(true);
					checked++;
				}
			}
		for (let repsTotal = 0; repsTotal <= 10; repsTotal++)
			for (let committeeTotal = 0; committeeTotal <= 3; committeeTotal++)
				for (let present = 0; present <= repsTotal + committeeTotal; present++)
					for (let yes = 0; yes <= present; yes++) {
						const counts = { repsTotal, committeeTotal, present };
						if (evaluatePass(strict.meetings.reps_meeting, tally(yes), counts).passed)
							expect(evaluatePass(M.reps_meeting, tally(yes), counts).passed).toBe(true);
						checked++;
					}
		expect(checked).toBeGreaterThan(1000);
	});
});

describe('notice: meeting − notice ≥ N + 1 days', () => {
	it.each([
		// villagers' meeting, 10 days (law)
		['villagers_meeting', '2026-11-01', '2026-11-12'],
		['villagers_meeting', '2026-01-25', '2026-02-05'], // across a month end
		['villagers_meeting', '2026-02-20', '2026-03-03'], // February of a common year
		['villagers_meeting', '2028-02-20', '2028-03-02'], // February of a leap year
		['villagers_meeting', '2026-12-25', '2027-01-05'], // across a year end
		// party assembly materials and reps' meeting, 3 days (practice)
		['party_assembly', '2026-04-29', '2026-05-03'],
		['reps_meeting', '2026-01-30', '2026-02-03'],
		['reps_meeting', '2026-02-27', '2026-03-03'],
		['reps_meeting', '2028-02-27', '2028-03-02'],
		// collective members' meeting, 10 days
		['collective_members', '2026-06-25', '2026-07-06'],
		// no period: notice still has to come the day before
		['branch_committee', '2026-03-31', '2026-04-01'],
		['two_committees', '2026-12-31', '2027-01-01'],
		['consultation', '2026-05-10', '2026-05-11'],
		['group_meeting', '2026-05-10', '2026-05-11'],
		// the urgent coordination meeting may meet the same day
		['urgent_coordination', '2026-08-31', '2026-08-31']
	] as [MeetingType, string, string][])('%s noticed %s → earliest %s', (type, notice, earliest) => {
		expect(earliestOpening(type, notice, CN_2018)).toBe(earliest);
	});

	it.each([
		// one day early, on the day, one day late
		['villagers_meeting', '2026-11-01', '2026-11-11', false],
		['villagers_meeting', '2026-11-01', '2026-11-12', true],
		['villagers_meeting', '2026-11-01', '2026-11-13', true],
		['reps_meeting', '2026-01-30', '2026-02-02', false],
		['reps_meeting', '2026-01-30', '2026-02-03', true],
		['reps_meeting', '2026-01-30', '2026-02-04', true],
		['party_assembly', '2026-04-29', '2026-05-02', false],
		['party_assembly', '2026-04-29', '2026-05-03', true],
		['party_assembly', '2026-04-29', '2026-05-04', true],
		['branch_committee', '2026-03-31', '2026-03-31', false],
		['branch_committee', '2026-03-31', '2026-04-01', true],
		['urgent_coordination', '2026-08-31', '2026-08-30', false],
		['urgent_coordination', '2026-08-31', '2026-08-31', true],
		['urgent_coordination', '2026-08-31', '2026-09-01', true]
	] as [MeetingType, string, string, boolean][])(
		'%s noticed %s, meeting %s → %s',
		(type, notice, meeting, ok) => {
			const r = mayOpen(type, notice, meeting, CN_2018);
			expect(r.ok).toBe(ok);
			if (!r.ok) expect(r.earliest).toBe(earliestOpening(type, notice, CN_2018));
		}
	);

	it('refuses a date that is not a calendar date', () => {
		expect(() => earliestOpening('reps_meeting', '2026-02-30', CN_2018)).toThrow(RangeError);
		expect(() => mayOpen('reps_meeting', '2026-02-01', '2026-2-9', CN_2018)).toThrow(RangeError);
	});
});

describe('the rule set', () => {
	it('has a rule, a source and whole notice days for every meeting type', () => {
		for (const type of MEETING_TYPES) {
			const rule = M[type];
			expect(rule.source.length).toBeGreaterThan(0);
			expect(Number.isSafeInteger(rule.noticeDays) && rule.noticeDays >= 0).toBe(true);
		}
		expect(CN_2018).toMatchObject({
			id: 'cn-2018',
			jurisdiction: 'national',
			effectiveFrom: '2018-12-29'
		});
	});

	it('lets only the villagers’ and reps’ meetings decide art. 24 matters, and only the urgent meeting open at once', () => {
		const which = (f: (r: MeetingRule) => boolean) => MEETING_TYPES.filter((t) => f(M[t]));
		expect(which((r) => r.mayDecideArt24)).toEqual(['reps_meeting', 'villagers_meeting']);
		expect(which((r) => r.mayDecide)).toEqual([
			'reps_meeting',
			'villagers_meeting',
			'group_meeting',
			'collective_members'
		]);
		expect(which((r) => r.opensAtOnce)).toEqual(['urgent_coordination']);
		expect(which((r) => r.pass.kind === 'none')).toEqual(['consultation', 'urgent_coordination']);
	});

	it.each([
		['branch_committee', ['branch_committee'], []],
		['two_committees', ['branch_committee', 'villagers_committee'], []],
		['party_assembly', ['party_full'], ['party_probationary']],
		['reps_meeting', ['village_rep', 'villagers_committee'], []],
		['villagers_meeting', ['adult'], []],
		['group_meeting', ['adult'], []],
		['collective_members', ['collective_member'], []]
	] as [MeetingType, string[], string[]][])(
		'%s: roster votes %j, attends without a vote %j',
		(type, voting, nonVoting) => {
			expect(M[type].roster).toMatchObject({ kind: 'roles', voting, nonVoting });
		}
	);

	it('derives the group meeting from the group, and names the consultation and urgent attendees', () => {
		expect(M.group_meeting.roster).toMatchObject({ scope: 'group', households: true });
		expect(M.villagers_meeting.roster).toMatchObject({ scope: 'village', households: true });
		expect(M.consultation.roster).toEqual({ kind: 'named', who: 'parties' });
		expect(M.urgent_coordination.roster).toEqual({ kind: 'named', who: 'attendees' });
	});

	it('renders each formula with its names', () => {
		const rendered = Object.fromEntries(
			MEETING_TYPES.flatMap((t) => {
				const q = M[t].quorum;
				const tests = q.kind === 'none' ? [] : q.kind === 'compare' ? [q.test] : q.tests;
				const p = M[t].pass;
				return [
					[`${t} quorum`, tests.map(symbolicFormula).join(' ∨ ')],
					[`${t} pass`, p.kind === 'none' ? '' : symbolicFormula(p.test)]
				];
			})
		);
		expect(rendered).toEqual({
			'branch_committee quorum': '2 × present > membersTotal',
			'branch_committee pass': '2 × yes > present',
			'two_committees quorum': '2 × present > membersTotal',
			'two_committees pass': '2 × yes > present',
			'party_assembly quorum': '2 × fullPresent ≥ fullTotal',
			'party_assembly pass': '2 × yes > fullTotal',
			'reps_meeting quorum': '3 × present ≥ 2 × (repsTotal + committeeTotal)',
			'reps_meeting pass': '2 × yes > present',
			'villagers_meeting quorum':
				'2 × adultsPresent > adultsTotal ∨ 3 × householdsRepresented ≥ 2 × householdsTotal',
			'villagers_meeting pass': '2 × yes > present',
			'group_meeting quorum':
				'3 × adultsPresent ≥ 2 × adultsTotal ∨ 3 × householdsRepresented ≥ 2 × householdsTotal',
			'group_meeting pass': '2 × yes > present',
			'consultation quorum': '',
			'consultation pass': '',
			'urgent_coordination quorum': '',
			'urgent_coordination pass': '',
			'collective_members quorum': '3 × present ≥ 2 × membersTotal',
			'collective_members pass': '3 × yes ≥ 2 × membersTotal'
		});
	});
});
