// The words for a service case's codes (state, step, rating, assignee's capacity), in the current
// language, for the case page and the lists alike (browser-safe).
import { m } from '$lib/paraglide/messages';

type Words = Record<string, () => string>;
const from = (table: Words) => (code: string) => table[code]?.() ?? code;

export const caseStateLabel = from({
	submitted: m.case_state_submitted,
	dispatched: m.case_state_dispatched,
	in_progress: m.case_state_in_progress,
	completed: m.case_state_completed,
	follow_up: m.case_state_follow_up,
	closed: m.case_state_closed,
	referred: m.case_state_referred,
	became_topic: m.case_state_became_topic,
	withdrawn: m.case_state_withdrawn
});

export const caseStepLabel = from({
	filed: m.case_step_filed,
	dispatched: m.case_step_dispatched,
	accepted: m.case_step_accepted,
	declined: m.case_step_declined,
	progress: m.case_step_progress,
	completed: m.case_step_completed,
	rated: m.case_step_rated,
	follow_up: m.case_step_follow_up,
	reopened: m.case_step_reopened,
	referred: m.case_step_referred,
	became_topic: m.case_step_became_topic,
	withdrawn: m.case_step_withdrawn,
	closed: m.case_step_closed
});

export const ratingLabel = from({
	satisfied: m.case_rating_satisfied,
	basically_satisfied: m.case_rating_basically_satisfied,
	unsatisfied: m.case_rating_unsatisfied
});

export const assigneeKindLabel = from({
	committee: m.case_kind_committee,
	grid_head: m.case_kind_grid_head,
	party_member: m.case_kind_party_member,
	volunteer: m.case_kind_volunteer
});
