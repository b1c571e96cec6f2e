// The quorum and pass arithmetic of a motion with recused members (docs/domain.md §7.8), under
// both village settings, on the boundaries of each rule.
import { describe, expect, it } from 'vitest';
import {
	CN_2018,
	applyOptions,
	countsWithRecusals,
	evaluatePass,
	evaluateQuorum,
	type MeetingCounts,
	type MeetingType,
	type RecusedCounting
} from './rules';

const reps = (present: number): MeetingCounts => ({ present, repsTotal: 20, committeeTotal: 5 });
const party = (fullPresent: number, fullTotal: number): MeetingCounts => ({
	fullPresent,
	fullTotal
});

describe('countsWithRecusals', () => {
	it.each<{
		name: string;
		type: MeetingType;
		counting: RecusedCounting;
		counts: MeetingCounts;
		recused: MeetingCounts;
		yes: number;
		quorum: string;
		quorumMet: boolean;
		pass: string | null;
		passed: boolean | null;
	}>([
		// Two thirds of the reps' meeting (组织法 art. 26): 16 of 25 is short; an absent recused rep
		// leaves 16 of the 24 without an interest, exactly two thirds.
		{
			name: 'reps, absent rep recused, excluded',
			type: 'reps_meeting',
			counting: 'excluded',
			counts: reps(16),
			recused: { repsTotal: 1 },
			yes: 9,
			quorum: '3 × 16 ≥ 2 × 24',
			quorumMet: true,
			pass: '2 × 9 > 16',
			passed: true
		},
		{
			name: 'reps, absent rep recused, counted present',
			type: 'reps_meeting',
			counting: 'present_not_voting',
			counts: reps(16),
			recused: { repsTotal: 1 },
			yes: 9,
			quorum: '3 × 16 ≥ 2 × 25',
			quorumMet: false,
			pass: null,
			passed: null
		},
		{
			name: 'reps, two present committee members recused, excluded',
			type: 'reps_meeting',
			counting: 'excluded',
			counts: reps(17),
			recused: { present: 2, committeeTotal: 2 },
			yes: 8,
			quorum: '3 × 15 ≥ 2 × 23',
			quorumMet: false,
			pass: null,
			passed: null
		},
		// 过半数 of those present: 9 of the 17 without an interest pass; 9 of 18 do not.
		{
			name: 'reps, present rep recused, excluded',
			type: 'reps_meeting',
			counting: 'excluded',
			counts: reps(18),
			recused: { present: 1, repsTotal: 1 },
			yes: 9,
			quorum: '3 × 17 ≥ 2 × 24',
			quorumMet: true,
			pass: '2 × 9 > 17',
			passed: true
		},
		{
			name: 'reps, present rep recused, counted present',
			type: 'reps_meeting',
			counting: 'present_not_voting',
			counts: reps(18),
			recused: { present: 1, repsTotal: 1 },
			yes: 9,
			quorum: '3 × 18 ≥ 2 × 25',
			quorumMet: true,
			pass: '2 × 9 > 18',
			passed: false
		},
		// The party assembly passes on more than half of all full members (支部工作条例 art. 11).
		{
			name: 'party, two present members recused, excluded',
			type: 'party_assembly',
			counting: 'excluded',
			counts: party(20, 34),
			recused: { fullPresent: 2, fullTotal: 2 },
			yes: 17,
			quorum: '2 × 18 ≥ 32',
			quorumMet: true,
			pass: '2 × 17 > 32',
			passed: true
		},
		{
			name: 'party, two present members recused, counted present',
			type: 'party_assembly',
			counting: 'present_not_voting',
			counts: party(20, 34),
			recused: { fullPresent: 2, fullTotal: 2 },
			yes: 17,
			quorum: '2 × 20 ≥ 34',
			quorumMet: true,
			pass: '2 × 17 > 34',
			passed: false
		},
		{
			name: 'party, recusals leave exactly half present, excluded',
			type: 'party_assembly',
			counting: 'excluded',
			counts: party(17, 34),
			recused: { fullPresent: 1, fullTotal: 2 },
			yes: 16,
			quorum: '2 × 16 ≥ 32',
			quorumMet: true,
			pass: '2 × 16 > 32',
			passed: false
		}
	])('$name', ({ type, counting, counts, recused, yes, quorum, quorumMet, pass, passed }) => {
		const rule = { ...CN_2018.meetings[type], recused: counting };
		const c = countsWithRecusals(rule, counts, recused);
		const q = evaluateQuorum(rule, c);
		expect(q.formula).toBe(quorum);
		expect(q.met).toBe(quorumMet);
		if (pass === null) return;
		const p = evaluatePass(rule, { yes, no: 0, abstain: 0 }, c);
		expect(p.formula).toBe(pass);
		expect(p.passed).toBe(passed);
	});

	it('leaves the households of the meeting alone and takes off those the recused alone represent', () => {
		const rule = CN_2018.meetings.villagers_meeting;
		expect(
			countsWithRecusals(
				rule,
				{ adultsTotal: 300, adultsPresent: 160, householdsTotal: 120, householdsRepresented: 80 },
				{ adultsTotal: 2, adultsPresent: 2, householdsTotal: 0, householdsRepresented: 1 }
			)
		).toEqual({
			adultsTotal: 298,
			adultsPresent: 158,
			householdsTotal: 120,
			householdsRepresented: 79
		});
	});

	it('is excluded by default, and the village option counts recused members present', () => {
		expect(CN_2018.meetings.reps_meeting.recused).toBeUndefined();
		const r = applyOptions(CN_2018, { recusedPresent: true });
		if (!r.ok) throw new Error(r.reason);
		expect(r.rules.meetings.reps_meeting.recused).toBe('present_not_voting');
		expect(r.rules.meetings.party_assembly.recused).toBe('present_not_voting');
		// A meeting that never votes has nobody to recuse.
		expect(r.rules.meetings.consultation.recused).toBeUndefined();
		expect(r.rules.source).toContain('回避人员计入到会人数');
	});
});
