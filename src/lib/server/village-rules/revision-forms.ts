// The revision page's forms, one schema each: drafting a change, the comment period, a comment
// (in one's own name or written down for a villager, with the same consent as topics), an answer,
// the township's review. The domain checks the rest and answers with a reason.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, optionalId, text, whole } from '../forms';
import { consentTime } from '../topics/form';
import type { CommentOnBehalf } from './comments';
import {
	ANSWER_MAX,
	ARTICLE_BODY_MAX,
	CHAPTER_MAX,
	COMMENT_MAX,
	REASON_MAX,
	REVIEWER_NAME_MAX,
	REVIEWER_OFFICE_MAX,
	REVIEW_NOTE_MAX
} from './revision-records';

// Short fields whose value comes from a list, a date or a picker: anything longer is no choice.
const SHORT = 64;

export const openRevisionForm = z.object({ kind: text(SHORT, { required: true }) });

export const draftForm = z.object({
	change: text(SHORT, { required: () => m.error_choose_one() }),
	articleKey: whole(1, 1_000_000),
	afterKey: whole(0, 1_000_000),
	chapter: text(CHAPTER_MAX),
	body: text(ARTICLE_BODY_MAX),
	reason: text(REASON_MAX, { required: () => m.rdr_reason_required() })
});

export const changeIdForm = z.object({ change: id(() => m.error_not_found()) });

export const periodForm = z.object({
	from: text(SHORT, { required: true }),
	until: text(SHORT, { required: true })
});

export const commentForm = z.object({
	change: id(() => m.error_choose_one()),
	body: text(COMMENT_MAX, { required: () => m.rdr_comment_required() })
});

export const commentForOthersForm = z
	.object({
		change: id(() => m.error_choose_one()),
		body: text(COMMENT_MAX, { required: () => m.rdr_comment_required() }),
		forPerson: optionalId(() => m.topic_not_your_villager()),
		consentKind: text(SHORT),
		consentAt: text(SHORT)
	})
	.superRefine((f, ctx) => {
		if (f.forPerson === null)
			ctx.addIssue({ code: 'custom', path: ['forPerson'], message: m.error_choose_one() });
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

/** The consent a comment written down for a villager records. */
export function commentOnBehalf(f: z.output<typeof commentForOthersForm>): CommentOnBehalf {
	return {
		personId: f.forPerson!,
		consentKind: f.consentKind as CommentOnBehalf['consentKind'],
		// A signed note is in the writer's hand as they post it: its time is now.
		consentAt:
			f.consentKind === 'read_back'
				? consentTime(f.consentAt).toISOString()
				: new Date().toISOString()
	};
}

export const answerForm = z.object({
	comment: id(() => m.error_not_found()),
	answer: text(ANSWER_MAX, { required: () => m.rdr_answer_required() })
});

export const reviewForm = z.object({
	reviewerName: text(REVIEWER_NAME_MAX, { required: () => m.rdr_reviewer_required() }),
	reviewerOffice: text(REVIEWER_OFFICE_MAX, { required: () => m.rdr_office_required() }),
	result: text(SHORT, { required: () => m.error_choose_one() }),
	note: text(REVIEW_NOTE_MAX),
	reviewedOn: text(SHORT, { required: true })
});

/** A button alone (send for review, withdraw): the revision is in the URL. */
export const noFields = z.object({});
