import { m } from '$lib/paraglide/messages';
import type { RoleRefusal } from './roles';
import type { ImportIssue } from './import';

export function roleRefusalMessage(reason: RoleRefusal): string {
	switch (reason) {
		case 'bad_role':
			return m.error_choose_one();
		case 'person_not_found':
			return m.error_not_found();
		case 'person_not_resident':
			return m.roster_role_not_resident();
		case 'bad_dates':
			return m.roster_role_bad_dates();
		case 'grid_required':
			return m.roster_role_grid_required();
		case 'already_holds':
			return m.roster_role_already_holds();
		case 'one_at_a_time':
			return m.roster_role_one_at_a_time();
		case 'supervision_conflict_self':
			return m.roster_role_supervision_conflict_self();
		case 'supervision_conflict_household':
			return m.roster_role_supervision_conflict_household();
		case 'household_not_found':
			return m.roster_household_not_found();
	}
}

export function importIssueMessage(issue: ImportIssue): string {
	switch (issue.code) {
		case 'unknown_group':
			return m.import_unknown_group({ value: issue.value });
		case 'unknown_grid':
			return m.import_unknown_grid({ value: issue.value });
		case 'household_conflict':
			return m.import_household_conflict({ value: issue.value });
	}
}
