// Why a service-case command was refused, and what a category is called, in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import type { FileRequestResult } from './filing';
import { isBuiltIn, type ServiceCategory } from './categories';
import { CASE_TEXT_MAX, CASE_TITLE_MAX } from './records';

/** Every reason a service-case command can refuse with; each must be worded below. */
export type CaseRefusal = Refusal<FileRequestResult>;

export function caseRefusalMessage(reason: CaseRefusal): string {
	const messages: Record<CaseRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_a_villager: m.topic_not_a_villager,
		not_your_villager: m.topic_not_your_villager,
		bad_category: m.error_choose_one,
		title_required: m.service_title_required,
		title_too_long: () => m.service_title_too_long({ max: CASE_TITLE_MAX }),
		description_too_long: () => m.service_description_too_long({ max: CASE_TEXT_MAX }),
		consent_in_future: m.service_consent_in_future
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
