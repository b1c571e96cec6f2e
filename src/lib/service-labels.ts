// The lists' words for a service case: the step it is late on and its category's limit, in the
// current language (browser-safe); its state and steps are worded in case-labels.ts.
import { m } from '$lib/paraglide/messages';
import type { LateStep } from '$lib/server/services/queries';

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
