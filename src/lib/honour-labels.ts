// The words for an honour round's states and subjects, shared by its pages.
import { m } from '$lib/paraglide/messages';

const STATES: Record<string, () => string> = {
	nominating: m.hon_state_nominating,
	reviewing: m.hon_state_reviewing,
	voting: m.hon_state_voting,
	counted: m.hon_state_counted,
	published: m.hon_state_published,
	cancelled: m.hon_state_cancelled
};

export const honourStateLabel = (state: string) => (STATES[state] ?? m.hon_state_cancelled)();

export const honourSubjectLabel = (subject: string) =>
	subject === 'household' ? m.hon_subject_household() : m.hon_subject_person();

const REVIEWS: Record<string, () => string> = {
	pending: m.hon_review_pending,
	accepted: m.hon_review_accepted,
	rejected: m.hon_review_rejected
};

export const honourReviewLabel = (review: string) => (REVIEWS[review] ?? m.hon_review_pending)();
