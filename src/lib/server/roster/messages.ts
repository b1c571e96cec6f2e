import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { relationKindLabel, rosterRoleLabel } from '$lib/labels';
import { citeOrganicLaw } from '../law/organic-law';
import type { AssignRoleResult } from './roles';
import type { RecordRelationResult } from './relations';
import type { ImportIssue } from './import';

type RoleRefused = Exclude<AssignRoleResult, { ok: true } | { reason: 'forbidden' }>;

/**
 * Why a term was refused. The supervision conflict cites the article of the text in force on the
 * term's first day (2018 art. 32, 2026 art. 37).
 */
export function roleRefusalMessage(refused: RoleRefused, startDate: string): string {
	const article = () => citeOrganicLaw('supervision', startDate, getLocale());
	switch (refused.reason) {
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
			return m.roster_role_supervision_conflict_self({ article: article() });
		case 'supervision_conflict_relative':
			return m.roster_role_supervision_conflict_relative({
				kind: relationKindLabel(refused.relative.kind),
				name: refused.relative.name,
				role: rosterRoleLabel(refused.relative.role),
				article: article()
			});
		case 'supervision_conflict_household':
			return m.roster_role_supervision_conflict_household({ article: article() });
		case 'household_not_found':
			return m.roster_household_not_found();
	}
}

export function relationRefusalMessage(
	reason: Exclude<RecordRelationResult, { ok: true }>['reason']
): string {
	switch (reason) {
		case 'forbidden':
			return m.error_forbidden();
		case 'not_found':
			return m.roster_relation_choose_relative();
		case 'same_person':
			return m.roster_relation_same_person();
		case 'bad_kind':
			return m.error_choose_one();
		case 'already_related':
			return m.roster_relation_already();
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
