import { describe, expect, it } from 'vitest';
import { rosterWarnings } from './checks';

const group = (representatives: number) => ({
	groupId: 1,
	name: '一组',
	adults: 0,
	households: 0,
	representatives
});

describe('rosterWarnings', () => {
	it.each([
		// households, reps, committee-only members, women in meeting, groups' reps, expected rules
		[120, 20, 5, 9, [20], []], // the demo village: 6 households a rep, 20/25 = 4/5, 9/25 ≥ 1/3
		[120, 20, 5, 8, [20], ['women_share']], // 3*8 = 24 < 25
		[120, 20, 6, 9, [20], ['reps_share']], // 5*20 = 100 < 4*26 = 104 (and women 27 ≥ 26)
		[100, 20, 5, 9, [20], []], // exactly 5 households a rep
		[99, 20, 5, 9, [20], []], // under 5 a rep, but every group chose reps
		[99, 20, 5, 9, [20, 0], ['reps_per_households']], // … not every group
		[300, 20, 5, 9, [10, 0], []], // exactly 15 a rep
		[301, 20, 5, 9, [10, 0], ['reps_per_households']],
		[50, 0, 5, 2, [0], ['reps_per_households', 'reps_share']]
	])(
		'%i households, %i reps, %i committee → %j',
		(households, reps, committee, women, groupReps, rules) => {
			const warnings = rosterWarnings({
				households,
				representatives: reps,
				repsMeetingMembers: reps + committee,
				repsMeetingWomen: women,
				groups: groupReps.map(group)
			});
			expect(warnings.map((w) => w.rule)).toEqual(rules);
		}
	);

	it('states the numbers the rule was checked with', () => {
		const [w] = rosterWarnings({
			households: 120,
			representatives: 20,
			repsMeetingMembers: 25,
			repsMeetingWomen: 8,
			groups: [group(20)]
		});
		expect(w).toEqual({ rule: 'women_share', women: 8, members: 25 });
	});
});
