// Why a revision verb refused, in words the clerk or the villager can act on.
import { m } from '$lib/paraglide/messages';
import type { OpenRevisionResult, DraftChangeResult, RemoveChangeResult } from './drafts';

import type { RecordReviewResult, SendForReviewResult, WithdrawRevisionResult } from './review';
import type { Refusal } from '../result';
import {
	COMMENT_DAYS_MIN,
	type AnswerResult,
	type CommentResult,
	type OpenCommentsResult
} from './comments';
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

export type RevisionRefusal =
	| Refusal<OpenRevisionResult>
	| Refusal<DraftChangeResult>
	| Refusal<RemoveChangeResult>
	| Refusal<OpenCommentsResult>
	| Refusal<CommentResult>
	| Refusal<AnswerResult>
	| Refusal<SendForReviewResult>
	| Refusal<RecordReviewResult>
	| Refusal<WithdrawRevisionResult>;

const MESSAGES: Record<RevisionRefusal, () => string> = {
	forbidden: m.error_forbidden,
	not_found: m.error_not_found,
	bad_kind: m.error_choose_one,
	not_village_rules: m.rdr_refused_not_village_rules,
	wrong_topic_state: m.rdr_refused_wrong_topic_state,
	already_open: m.rdr_refused_already_open,
	bad_change: m.error_choose_one,
	body_required: m.rdr_refused_body_required,
	body_too_long: () => m.error_too_long({ max: ARTICLE_BODY_MAX }),
	chapter_too_long: () => m.error_too_long({ max: CHAPTER_MAX }),
	reason_required: m.rdr_reason_required,
	reason_too_long: () => m.error_too_long({ max: REASON_MAX }),
	no_such_article: m.rdr_refused_no_such_article,
	no_such_place: m.rdr_refused_no_such_place,
	already_changed: m.rdr_refused_already_changed,
	not_drafting: m.rdr_refused_not_drafting,
	has_comments: m.rdr_refused_has_comments,
	follows: m.rdr_refused_follows,
	empty_draft: m.rdr_refused_empty_draft,
	bad_date: m.rdr_refused_bad_date,
	starts_in_past: m.rdr_refused_starts_in_past,
	too_short: () => m.rdr_refused_too_short({ days: COMMENT_DAYS_MIN }),
	comments_closed: m.rdr_refused_comments_closed,
	comment_required: m.rdr_comment_required,
	comment_too_long: () => m.error_too_long({ max: COMMENT_MAX }),
	not_a_villager: m.rdr_refused_not_a_villager,
	not_your_villager: m.topic_not_your_villager,
	answer_required: m.rdr_answer_required,
	answer_too_long: () => m.error_too_long({ max: ANSWER_MAX }),
	already_answered: m.rdr_refused_already_answered,
	revision_closed: m.rdr_refused_revision_closed,
	not_consulting: m.rdr_refused_not_consulting,
	comments_open: m.rdr_refused_comments_open,
	not_in_review: m.rdr_refused_not_in_review,
	reviewer_required: m.rdr_reviewer_required,
	reviewer_too_long: () => m.error_too_long({ max: REVIEWER_NAME_MAX }),
	office_required: m.rdr_office_required,
	office_too_long: () => m.error_too_long({ max: REVIEWER_OFFICE_MAX }),
	bad_result: m.error_choose_one,
	note_required: m.rdr_refused_note_required,
	note_too_long: () => m.error_too_long({ max: REVIEW_NOTE_MAX }),
	future_date: m.rdr_refused_future_date
};

export const revisionRefusalMessage = (reason: RevisionRefusal): string => MESSAGES[reason]();
