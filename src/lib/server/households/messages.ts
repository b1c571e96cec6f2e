// Why a 联系户 command was refused, in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import { caseRefusalMessage } from '../services/messages';
import { VISIT_CADENCE_MAX, VISIT_CADENCE_MIN } from './cadence';
import { ASSIGN_AT_ONCE_MAX, type AssignResult, type EndContactResult } from './contacts';
import { NOTE_FIELD_MAX, type NotesRefusal } from './notes';
import { HEARD_MAX } from './records';
import type { FollowUpResult, LogVisitResult } from './visits';

export type HouseholdRefusal =
	| Refusal<AssignResult>
	| Refusal<EndContactResult>
	| Refusal<LogVisitResult>
	| Refusal<FollowUpResult>
	| NotesRefusal
	| 'cadence_days';

export function householdRefusalMessage(reason: HouseholdRefusal): string {
	const messages: Record<HouseholdRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		no_households: m.hh_no_households,
		too_many_households: () => m.hh_too_many_households({ max: ASSIGN_AT_ONCE_MAX }),
		not_a_party_member: m.hh_not_a_party_member,
		household_not_found: m.error_not_found,
		already_has_contact: m.hh_already_has_contact,
		already_ended: m.hh_already_ended,
		not_your_household: m.hh_not_your_household,
		bad_date: m.error_date,
		visit_in_future: m.hh_visit_in_future,
		visit_before_assignment: m.hh_visit_before_assignment,
		bad_means: m.error_choose_one,
		heard_too_long: () => m.error_too_long({ max: HEARD_MAX }),
		already_followed_up: m.hh_already_followed_up,
		not_of_household: m.hh_not_of_household,
		title_required: () => caseRefusalMessage('title_required'),
		title_too_long: () => caseRefusalMessage('title_too_long'),
		not_a_villager: () => caseRefusalMessage('not_a_villager'),
		not_your_villager: () => caseRefusalMessage('not_your_villager'),
		bad_category: () => caseRefusalMessage('bad_category'),
		description_too_long: () => caseRefusalMessage('description_too_long'),
		consent_in_future: () => caseRefusalMessage('consent_in_future'),
		too_long: () => m.error_too_long({ max: NOTE_FIELD_MAX }),
		id_number: m.hh_notes_id_number,
		phone_number: m.hh_notes_phone_number,
		health_without_consent: m.hh_notes_health_without_consent,
		cadence_days: () => m.hh_cadence_invalid({ min: VISIT_CADENCE_MIN, max: VISIT_CADENCE_MAX })
	};
	return messages[reason]();
}
