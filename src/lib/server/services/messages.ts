// Why a service-case command was refused, and what a category is called, in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import type { FileRequestResult } from './filing';
import type { DispatchResult } from './dispatch';
import type { CompleteCaseResult, DeclineResult, ProgressResult } from './handling';
import type { FollowUpResult, RateResult } from './rating';
import type { ReferResult } from './ends';
import type { CaseToTopicResult } from './from-topic';
import {
	CATEGORY_NAME_MAX,
	LIMIT_DAYS_MAX,
	LIMIT_DAYS_MIN,
	isBuiltIn,
	type ServiceCategory
} from './categories';
import { CATEGORIES_MAX, type CategoriesResult } from './categories-settings';
import { CASE_TEXT_MAX, CASE_TITLE_MAX } from './records';

/** Every reason a service-case command can refuse with; each must be worded below. */
export type CaseRefusal = Refusal<
	| FileRequestResult
	| DispatchResult
	| DeclineResult
	| ProgressResult
	| CompleteCaseResult
	| RateResult
	| FollowUpResult
	| ReferResult
	| CaseToTopicResult
>;

export function caseRefusalMessage(reason: CaseRefusal): string {
	const messages: Record<CaseRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_a_villager: m.topic_not_a_villager,
		not_your_villager: m.topic_not_your_villager,
		bad_category: m.error_choose_one,
		title_required: m.service_title_required,
		title_too_long: () => m.service_title_too_long({ max: CASE_TITLE_MAX }),
		description_too_long: () => m.service_description_too_long({ max: CASE_TEXT_MAX }),
		consent_in_future: m.service_consent_in_future,
		not_found: m.error_not_found,
		wrong_state: m.case_wrong_state,
		not_assignable: m.case_not_assignable,
		same_assignee: m.case_same_assignee,
		note_required: m.case_note_required,
		note_too_long: () => m.case_note_too_long({ max: CASE_TEXT_MAX }),
		reason_required: m.case_reason_required,
		reason_too_long: () => m.case_reason_too_long({ max: CASE_TEXT_MAX }),
		result_required: m.case_result_required,
		result_too_long: () => m.case_result_too_long({ max: CASE_TEXT_MAX }),
		comment_too_long: () => m.case_comment_too_long({ max: CASE_TEXT_MAX }),
		bad_rating: m.error_choose_one,
		own_work: m.case_own_work,
		from_topic: m.case_from_topic
	};
	return messages[reason]();
}

const BUILT_IN_NAMES = {
	certificate: m.service_category_certificate,
	household_registration: m.service_category_household_registration,
	social_insurance: m.service_category_social_insurance,
	assistance: m.service_category_assistance,
	farming: m.service_category_farming,
	dispute: m.service_category_dispute,
	repair: m.service_category_repair,
	other: m.service_category_other
};

/** A category's name: the village's own, or the catalogue's for a built-in key. */
export function categoryName(c: Pick<ServiceCategory, 'key' | 'name'>): string {
	if (c.name) return c.name;
	return isBuiltIn(c.key) ? BUILT_IN_NAMES[c.key]() : c.key;
}

/** Why the categories were not saved, naming the row refused where there is one. */
export function categoriesRefusalMessage(r: Extract<CategoriesResult, { ok: false }>): string {
	const messages: Record<Refusal<CategoriesResult>, () => string> = {
		forbidden: m.error_forbidden,
		unknown_category: m.svc_err_unknown_category,
		built_in_renamed: m.svc_err_built_in_renamed,
		name_required: m.svc_err_name_required,
		name_too_long: () => m.svc_err_name_too_long({ max: CATEGORY_NAME_MAX }),
		duplicate_name: () => m.svc_err_duplicate_name({ name: r.row ?? '' }),
		limit_days: () => m.svc_err_limit_days({ min: LIMIT_DAYS_MIN, max: LIMIT_DAYS_MAX }),
		none_active: m.svc_err_none_active,
		too_many: () => m.svc_err_too_many({ max: CATEGORIES_MAX })
	};
	return messages[r.reason]();
}
