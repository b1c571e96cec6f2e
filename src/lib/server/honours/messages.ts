// The words for every refusal of the honour verbs, in the reader's language.
import { m } from '$lib/paraglide/messages';

const REFUSALS: Record<string, () => string> = {
	forbidden: m.hon_err_forbidden,
	not_found: m.hon_err_not_found,
	bad_title: m.hon_err_bad_title,
	no_categories: m.hon_err_no_categories,
	bad_category: m.hon_err_bad_category,
	duplicate_category: m.hon_err_duplicate_category,
	bad_nomination_dates: m.hon_err_bad_nomination_dates,
	bad_vote_mode: m.hon_err_bad_vote_mode,
	bad_voting_dates: m.hon_err_bad_voting_dates,
	bad_reason: m.hon_err_bad_reason,
	nominations_closed: m.hon_err_nominations_closed,
	no_category: m.hon_err_no_category,
	no_person: m.hon_err_no_person,
	not_your_villager: m.hon_err_not_your_villager,
	no_nominee: m.hon_err_no_nominee,
	self_nomination: m.hon_err_self_nomination,
	already_nominated: m.hon_err_already_nominated,
	bad_decision: m.hon_err_bad_decision,
	note_required: m.hon_err_note_required,
	note_too_long: m.hon_err_note_too_long,
	wrong_state: m.hon_err_wrong_state,
	pending_reviews: m.hon_err_pending_reviews,
	nothing_to_vote: m.hon_err_nothing_to_vote,
	not_voting_time: m.hon_err_not_voting_time,
	not_eligible: m.hon_err_not_eligible,
	no_choice: m.hon_err_no_choice,
	too_many: m.hon_err_too_many,
	bad_choice: m.hon_err_bad_choice,
	already_voted: m.hon_err_already_voted,
	no_meeting: m.hon_err_no_meeting,
	meeting_not_closed: m.hon_err_meeting_not_closed,
	bad_count: m.hon_err_bad_count,
	voting_still_open: m.hon_err_voting_still_open,
	meeting_count_missing: m.hon_err_meeting_count_missing,
	notice_refused: m.hon_err_notice_refused
};

export const honourRefusalMessage = (reason: string): string =>
	(REFUSALS[reason] ?? m.hon_err_forbidden)();
