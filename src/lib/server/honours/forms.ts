// The honour pages' forms: their fields, limits and messages, and how each becomes a verb's input.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, id, optionalId, text, textList } from '../forms';
import { consentTime } from '../topics/form';
import type { CategoryInput, OpenRoundInput } from './rounds';
import type { NominateInput } from './nominations';
import { REASON_MAX, REVIEW_NOTE_MAX } from './nominations';

/** Rows of categories the new-round form offers; empty rows are left out. */
export const CATEGORY_ROWS = 5;

const DATE = 10;

export const openRoundForm = z.object({
	title: text(100, { required: true }),
	categoryName: textList(30),
	categorySubject: textList(10),
	categorySeats: textList(3),
	nominationsFrom: text(DATE, { required: true }),
	nominationsUntil: text(DATE, { required: true }),
	voteMode: choice(['online', 'meeting'] as const),
	votingFrom: text(DATE),
	votingUntil: text(DATE)
});

/**
 * The round as the domain takes it. Every row keeps its name, subject and seats together: the
 * form posts all three for every row, and a row whose name is empty is not a category.
 */
export function openRoundInput(f: z.output<typeof openRoundForm>, raw: FormData): OpenRoundInput {
	const names = raw.getAll('categoryName').map(String);
	const subjects = raw.getAll('categorySubject').map(String);
	const seats = raw.getAll('categorySeats').map(String);
	const categories: CategoryInput[] = names
		.map((name, i) => ({
			name: name.trim(),
			subject: subjects[i] ?? '',
			seats: /^\d{1,3}$/.test(seats[i] ?? '') ? Number(seats[i]) : NaN
		}))
		.filter((c) => c.name !== '');
	return {
		title: f.title,
		categories,
		nominationsFrom: f.nominationsFrom,
		nominationsUntil: f.nominationsUntil,
		voteMode: f.voteMode,
		votingFrom: f.votingFrom || null,
		votingUntil: f.votingUntil || null
	};
}

export const nominateForm = z
	.object({
		category: id(() => m.hon_err_no_category()),
		nominee: text(20),
		reason: text(REASON_MAX, { required: () => m.hon_err_bad_reason() }),
		forPerson: optionalId(() => m.hon_err_not_your_villager()),
		consentKind: text(20),
		consentAt: text(20)
	})
	.superRefine((f, ctx) => {
		if (!/^[ph]\d{1,15}$/.test(f.nominee))
			ctx.addIssue({ code: 'custom', path: ['nominee'], message: m.hon_err_no_nominee() });
		if (f.forPerson === null) return;
		if (f.consentKind !== 'signed_note' && f.consentKind !== 'read_back')
			ctx.addIssue({ code: 'custom', path: ['consentKind'], message: m.topic_consent_required() });
		const at = consentTime(f.consentAt).getTime();
		if (f.consentKind === 'read_back' && (Number.isNaN(at) || at > Date.now() + 60_000))
			ctx.addIssue({
				code: 'custom',
				path: ['consentAt'],
				message: m.topic_consent_time_required()
			});
	});

/**
 * The nomination as the domain takes it. The nominee is posted as p<person> or h<household>; the
 * kind must be the category's, else the nominee is not found.
 */
export function nominateInput(
	roundId: number,
	f: z.output<typeof nominateForm>,
	subject: 'person' | 'household' | undefined
): NominateInput {
	const wanted = subject === 'household' ? 'h' : 'p';
	const nomineeId = f.nominee.startsWith(wanted) ? Number(f.nominee.slice(1)) : 0;
	return {
		roundId,
		categoryId: f.category,
		nomineeId,
		reason: f.reason,
		onBehalf:
			f.forPerson === null
				? undefined
				: {
						personId: f.forPerson,
						consentKind: f.consentKind as 'signed_note' | 'read_back',
						consentAt:
							f.consentKind === 'read_back'
								? consentTime(f.consentAt).toISOString()
								: new Date().toISOString()
					}
	};
}

export const reviewForm = z.object({
	nomination: id(),
	decision: choice(['accepted', 'rejected'] as const),
	note: text(REVIEW_NOTE_MAX)
});

export const ballotForm = z.object({
	category: id(() => m.hon_err_no_category()),
	choice: textList(15)
});

/** The chosen nominations' ids; anything not an id is dropped, and the domain checks the rest. */
export const chosenIds = (f: z.output<typeof ballotForm>) =>
	f.choice.filter((s) => /^\d{1,15}$/.test(s)).map(Number);

export const meetingCountForm = z.object({
	meeting: id(() => m.hon_err_no_meeting()),
	nomination: textList(15),
	votes: textList(6)
});

/**
 * The meeting's count, nomination by nomination, as posted in two lists of the same order: read
 * from the raw form, where an empty box keeps its place (a list drops it and would shift the rest).
 */
export function meetingVotes(raw: FormData): Record<number, number> {
	const votes: Record<number, number> = {};
	const counts = raw.getAll('votes').map(String);
	raw.getAll('nomination').forEach((n, i) => {
		const v = (counts[i] ?? '').trim();
		votes[Number(n)] = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
	});
	return votes;
}
