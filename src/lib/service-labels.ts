// The words for a service case's codes (its state, the step it is late on, its category's limit),
// in the current language; browser-safe like labels.ts, kept apart as the service window's own.
import { m } from '$lib/paraglide/messages';
import type { CaseState } from '$lib/server/services/records';
import type { LateStep } from '$lib/server/services/queries';

const STATE_WORDS: Record<CaseState, () => string> = {
	submitted: m.svc_state_submitted,
	dispatched: m.svc_state_dispatched,
	in_progress: m.svc_state_in_progress,
	completed: m.svc_state_completed,
	follow_up: m.svc_state_follow_up,
	closed: m.svc_state_closed,
	referred: m.svc_state_referred,
	became_topic: m.svc_state_became_topic,
	withdrawn: m.svc_state_withdrawn
};

export const caseStateLabel = (s: string): string => STATE_WORDS[s as CaseState]?.() ?? s;

const LATE_WORDS: Record<LateStep, () => string> = {
	dispatch: m.svc_late_dispatch,
	accept: m.svc_late_accept,
	complete: m.svc_late_complete,
	follow_up: m.svc_late_follow_up
};

export const lateStepLabel = (s: LateStep): string => LATE_WORDS[s]();

/** A category with its limit in words: 证明开具（2个工作日内办结）. */
export const categoryWithLimit = (name: string, days: number): string =>
	days === 1 ? m.svc_category_within_one({ name }) : m.svc_category_within({ name, days });
