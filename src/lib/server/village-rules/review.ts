// The township's legality review of a draft (提请审核, 合法性审查): staff send the draft once its
// comment period is over, record what the township said, and may withdraw the revision before it
// is enacted. Approved: ready for the villagers' meeting; changes required: back to drafting.
import { command } from '../command';
import type { Db } from '../db';
import { isValidDate, todayInChina } from '../calendar/dates';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import {
	REVIEWER_NAME_MAX,
	REVIEWER_OFFICE_MAX,
	REVIEW_NOTE_MAX,
	REVIEW_RESULTS,
	chars,
	findRevision,
	setRevisionState,
	type ReviewResult
} from './revision-records';

export type SendForReviewResult =
	| { ok: true }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_consulting' | 'comments_open' };

/** Sends the draft to the township once every villager has had the whole comment period. */
export function sendForReview(
	db: Db,
	actor: Actor,
	villageId: number,
	revisionId: number,
	options: { now?: Date } = {}
): SendForReviewResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRevision(db, villageId, revisionId),
		run: (revision, ctx): SendForReviewResult => {
			if (revision.state !== 'consulting') return { ok: false, reason: 'not_consulting' };
			if ((revision.commentsUntil ?? '') >= todayInChina(ctx.now))
				return { ok: false, reason: 'comments_open' };
			setRevisionState(db, revision.id, 'in_review', ctx.now);
			ctx.audit({
				action: 'rules_revision.sent_for_review',
				subjectType: 'rules_revision',
				subjectId: revision.id,
				before: { state: revision.state },
				after: { state: 'in_review' }
			});
			return { ok: true };
		}
	});
}

export interface ReviewInput {
	reviewerName: string;
	reviewerOffice: string;
	result: string;
	note?: string;
	reviewedOn: string;
}

export type ReviewRefusal =
	| 'reviewer_required'
	| 'reviewer_too_long'
	| 'office_required'
	| 'office_too_long'
	| 'bad_result'
	| 'note_required'
	| 'note_too_long'
	| 'bad_date'
	| 'future_date';

export type RecordReviewResult =
	| { ok: true; reviewId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_in_review' | ReviewRefusal };

/** The checks that need no database; `today` is the China day the review is recorded on. */
export function reviewInputRefusal(input: ReviewInput, today: string): ReviewRefusal | null {
	const name = input.reviewerName.trim();
	const office = input.reviewerOffice.trim();
	if (name === '') return 'reviewer_required';
	if (chars(name) > REVIEWER_NAME_MAX) return 'reviewer_too_long';
	if (office === '') return 'office_required';
	if (chars(office) > REVIEWER_OFFICE_MAX) return 'office_too_long';
	if (!(REVIEW_RESULTS as readonly string[]).includes(input.result)) return 'bad_result';
	const note = (input.note ?? '').trim();
	// The village must know what to change before it drafts again.
	if (input.result === 'changes_required' && note === '') return 'note_required';
	if (chars(note) > REVIEW_NOTE_MAX) return 'note_too_long';
	if (!isValidDate(input.reviewedOn)) return 'bad_date';
	if (input.reviewedOn > today) return 'future_date';
	return null;
}

/**
 * Records the township's answer as the village received it. The reviewer's name and office are
 * required: a review nobody can be asked about is no review.
 */
export function recordReview(
	db: Db,
	actor: Actor,
	villageId: number,
	revisionId: number,
	input: ReviewInput,
	options: { now?: Date } = {}
): RecordReviewResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRevision(db, villageId, revisionId),
		run: (revision, ctx): RecordReviewResult => {
			if (revision.state !== 'in_review') return { ok: false, reason: 'not_in_review' };
			const refusal = reviewInputRefusal(input, todayInChina(ctx.now));
			if (refusal) return { ok: false, reason: refusal };
			const result = input.result as ReviewResult;
			const reviewId = Number(
				db
					.prepare(
						`insert into rules_reviews (revision_id, reviewer_name, reviewer_office, result, note,
						   reviewed_on, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						revision.id,
						input.reviewerName.trim(),
						input.reviewerOffice.trim(),
						result,
						(input.note ?? '').trim(),
						input.reviewedOn,
						actor.userId,
						ctx.now.toISOString()
					).lastInsertRowid
			);
			const state = result === 'approved' ? 'reviewed' : 'drafting';
			setRevisionState(db, revision.id, state, ctx.now);
			ctx.audit({
				action: 'rules_revision.reviewed',
				subjectType: 'rules_revision',
				subjectId: revision.id,
				before: { state: revision.state },
				after: { state, reviewId, result, reviewedOn: input.reviewedOn }
			});
			return { ok: true, reviewId };
		}
	});
}

export type WithdrawRevisionResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'revision_closed' };

/** Withdraws a revision that has not been enacted; its draft and comments stay on the record. */
export function withdrawRevision(
	db: Db,
	actor: Actor,
	villageId: number,
	revisionId: number,
	options: { now?: Date } = {}
): WithdrawRevisionResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRevision(db, villageId, revisionId),
		run: (revision, ctx): WithdrawRevisionResult => {
			if (revision.state === 'enacted' || revision.state === 'withdrawn')
				return { ok: false, reason: 'revision_closed' };
			setRevisionState(db, revision.id, 'withdrawn', ctx.now);
			ctx.audit({
				action: 'rules_revision.withdrawn',
				subjectType: 'rules_revision',
				subjectId: revision.id,
				before: { state: revision.state },
				after: { state: 'withdrawn' }
			});
			return { ok: true };
		}
	});
}
