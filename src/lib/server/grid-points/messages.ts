// Why a grid point or volunteer command was refused, in the reader's language: every reason of
// each result type must be worded here, or the type check fails.
import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import { caseRefusalMessage, type CaseRefusal } from '../services/messages';
import type { FileRequestResult } from '../services/filing';
import type { AddVolunteerResult, EndVolunteerResult } from '../services/volunteers';
import { SKILLS_MAX } from '../services/volunteers';
import type { RecordItemResult, ResolveItemResult } from './log';
import { ITEM_NOTE_MAX, ITEM_TEXT_MAX } from './records';

type GridPointRefusal = Refusal<RecordItemResult> | Refusal<ResolveItemResult>;

export function gridPointRefusalMessage(reason: GridPointRefusal): string {
	// The item's own reasons; the filing's (a service request or topic for the villager) are the case's.
	const messages: Record<Exclude<GridPointRefusal, Refusal<FileRequestResult>>, () => string> = {
		not_found: m.error_not_found,
		text_required: m.gp_text_required,
		text_too_long: () => m.error_too_long({ max: ITEM_TEXT_MAX }),
		bad_date: m.error_date,
		date_in_future: m.gp_date_in_future,
		not_of_grid: m.gp_not_of_grid,
		wrong_state: m.gp_wrong_state,
		needs_villager: m.gp_needs_villager,
		note_required: m.gp_note_required,
		note_too_long: () => m.error_too_long({ max: ITEM_NOTE_MAX })
	};
	return reason in messages
		? messages[reason as keyof typeof messages]()
		: caseRefusalMessage(reason as CaseRefusal);
}

type VolunteerRefusal = Refusal<AddVolunteerResult> | Refusal<EndVolunteerResult>;

export function volunteerRefusalMessage(reason: VolunteerRefusal): string {
	const messages: Record<VolunteerRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		bad_date: m.error_date,
		skills_too_long: () => m.error_too_long({ max: SKILLS_MAX }),
		not_resident_adult: m.gp_vol_not_resident_adult,
		already_volunteer: m.gp_vol_already,
		end_before_start: m.gp_vol_end_before_start,
		wrong_state: m.gp_vol_already_ended
	};
	return messages[reason]();
}
