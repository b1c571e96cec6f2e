// Legal checks on the roster (docs/domain.md §2.4): warnings shown to the clerk, never a refusal.
// 《村民委员会组织法》2018 第二十五条, 2026 第二十九条 (the page cites the one in force).
import type { RosterCounts } from './counts';

export type RosterWarning =
	| {
			rule: 'reps_per_households';
			households: number;
			representatives: number;
			groupsWithoutRep: string[];
	  }
	| { rule: 'reps_share'; representatives: number; members: number }
	| { rule: 'women_share'; women: number; members: number };

type CheckInput = Pick<
	RosterCounts,
	'households' | 'representatives' | 'repsMeetingMembers' | 'repsMeetingWomen' | 'groups'
>;

export function rosterWarnings(c: CheckInput): RosterWarning[] {
	const warnings: RosterWarning[] = [];
	// One representative per 5–15 households, or chosen by every villagers' group.
	const perHouseholds =
		c.representatives > 0 &&
		5 * c.representatives <= c.households &&
		c.households <= 15 * c.representatives;
	const groupsWithoutRep = c.groups.filter((g) => g.representatives === 0).map((g) => g.name);
	const perGroup = c.groups.length > 0 && groupsWithoutRep.length === 0;
	if (!perHouseholds && !perGroup) {
		warnings.push({
			rule: 'reps_per_households',
			households: c.households,
			representatives: c.representatives,
			groupsWithoutRep
		});
	}
	// Representatives are at least four fifths of the representatives' meeting (以上: inclusive).
	if (5 * c.representatives < 4 * c.repsMeetingMembers) {
		warnings.push({
			rule: 'reps_share',
			representatives: c.representatives,
			members: c.repsMeetingMembers
		});
	}
	// Women are at least one third of the representatives' meeting (以上: inclusive).
	if (3 * c.repsMeetingWomen < c.repsMeetingMembers) {
		warnings.push({
			rule: 'women_share',
			women: c.repsMeetingWomen,
			members: c.repsMeetingMembers
		});
	}
	return warnings;
}
