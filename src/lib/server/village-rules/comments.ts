// The comment period of a draft (征求意见): staff open it for at least a week, villagers comment on
// each change in it (a grid head or the clerk writes one down for a villager, with their consent),
// and the committee answers each comment.
import { command } from '../command';
import type { Db } from '../db';
import { addDays, isValidDate, todayInChina } from '../calendar/dates';
import type { Actor } from '../permissions/actor';
import { mayFileFor } from '../permissions/filing';
import { isMemberNow, isStaffOf } from '../permissions/village';
import { isResident } from '../topics/records';
import {
	ANSWER_MAX,
	COMMENT_MAX,
	chars,
	findRevision,
	touchRevision,
	type RevisionState
} from './revision-records';

/**
 * The shortest comment period we accept, counted in China days with both ends included. Neither
 * the Organic Law nor the 2018 guidance on village rules sets one (it asks that the draft be put
 * to the villagers widely, 广泛征求意见): the village chooses, and a week is our floor so that
 * villagers away at work over a weekend still see it (docs/domain.md, "Revising the village rules").
 */
export const COMMENT_DAYS_MIN = 7;

export type OpenCommentsResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_drafting'
				| 'empty_draft'
				| 'bad_date'
				| 'starts_in_past'
				| 'too_short';
	  };

/** Opens the comment period on the draft, which is frozen from now on (public from now on too). */
export function openComments(
	db: Db,
	actor: Actor,
	villageId: number,
	revisionId: number,
	period: { from: string; until: string },
	options: { now?: Date } = {}
): OpenCommentsResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRevision(db, villageId, revisionId),
		run: (revision, ctx): OpenCommentsResult => {
			if (revision.state !== 'drafting') return { ok: false, reason: 'not_drafting' };
			if (
				!db.prepare('select 1 from rules_revision_changes where revision_id = ?').get(revision.id)
			)
				return { ok: false, reason: 'empty_draft' };
			if (!isValidDate(period.from) || !isValidDate(period.until))
				return { ok: false, reason: 'bad_date' };
			if (period.from < todayInChina(ctx.now)) return { ok: false, reason: 'starts_in_past' };
			if (period.until < addDays(period.from, COMMENT_DAYS_MIN - 1))
				return { ok: false, reason: 'too_short' };
			db.prepare(
				`update rules_revisions set state = 'consulting', comments_from = ?, comments_until = ?,
				   updated_at = ? where id = ?`
			).run(period.from, period.until, ctx.now.toISOString(), revision.id);
			ctx.audit({
				action: 'rules_revision.comments_opened',
				subjectType: 'rules_revision',
				subjectId: revision.id,
				before: { state: revision.state },
				after: { state: 'consulting', from: period.from, until: period.until }
			});
			return { ok: true };
		}
	});
}

/** Whether comments are taken on this China day. */
export const commentsOpenOn = (
	r: { state: RevisionState; commentsFrom: string | null; commentsUntil: string | null },
	day: string
): boolean =>
	r.state === 'consulting' &&
	r.commentsFrom !== null &&
	r.commentsUntil !== null &&
	r.commentsFrom <= day &&
	day <= r.commentsUntil;

/**
 * A second post of the same words for the same villager by the same hand within this many seconds
 * is the same comment sent twice (a double tap, a resent form), as with a topic's opinions.
 */
export const COMMENT_REPEAT_SECONDS = 60;

export interface CommentOnBehalf {
	personId: number;
	consentKind: 'signed_note' | 'read_back';
	consentAt: string;
}

export type CommentResult =
	| { ok: true; commentId: number; revisionId: number; repeated: boolean }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'forbidden'
				| 'comments_closed'
				| 'comment_required'
				| 'comment_too_long'
				| 'not_a_villager'
				| 'not_your_villager';
	  };

/** A villager's comment on one change of the draft, in their own name or written down for them. */
export function commentOnChange(
	db: Db,
	actor: Actor,
	villageId: number,
	changeId: number,
	text: string,
	onBehalf?: CommentOnBehalf,
	options: { now?: Date } = {}
): CommentResult {
	const body = text.trim();
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isMemberNow(db, actor, villageId),
		load: () => {
			const row = db
				.prepare(
					`select c.id, c.revision_id as revisionId from rules_revision_changes c
					 join rules_revisions r on r.id = c.revision_id where c.id = ? and r.village_id = ?`
				)
				.get(changeId, villageId) as { id: number; revisionId: number } | undefined;
			if (!row) return null;
			const revision = findRevision(db, villageId, row.revisionId);
			return revision && { changeId: row.id, revision };
		},
		run: ({ revision }, ctx): CommentResult => {
			const today = todayInChina(ctx.now);
			if (!commentsOpenOn(revision, today)) return { ok: false, reason: 'comments_closed' };
			if (body === '') return { ok: false, reason: 'comment_required' };
			if (chars(body) > COMMENT_MAX) return { ok: false, reason: 'comment_too_long' };
			const personId = onBehalf ? onBehalf.personId : actor.personId;
			if (personId === null || !isResident(db, villageId, personId))
				return { ok: false, reason: 'not_a_villager' };
			if (onBehalf && !mayFileFor(db, villageId, actor, personId, today))
				return { ok: false, reason: 'not_your_villager' };
			// In the same immediate transaction as the insert, so two racing taps see each other.
			const since = new Date(ctx.now.getTime() - COMMENT_REPEAT_SECONDS * 1000).toISOString();
			const repeated = db
				.prepare(
					`select id from rules_comments where change_id = ? and person_id = ? and filed_by_user_id = ?
					 and body = ? and created_at >= ? order by id desc limit 1`
				)
				.pluck()
				.get(changeId, personId, actor.userId, body, since) as number | undefined;
			if (repeated !== undefined)
				return { ok: true, commentId: repeated, revisionId: revision.id, repeated: true };
			const commentId = Number(
				db
					.prepare(
						`insert into rules_comments (revision_id, change_id, person_id, body, filed_by_user_id,
						   consent_kind, consent_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						revision.id,
						changeId,
						personId,
						body,
						actor.userId,
						onBehalf?.consentKind ?? null,
						onBehalf?.consentAt ?? null,
						ctx.now.toISOString()
					).lastInsertRowid
			);
			ctx.audit({
				action: 'rules_revision.commented',
				subjectType: 'rules_revision',
				subjectId: revision.id,
				after: { commentId, changeId, personId, onBehalf: !!onBehalf, body }
			});
			return { ok: true, commentId, revisionId: revision.id, repeated: false };
		}
	});
}

export type AnswerResult =
	| { ok: true; revisionId: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'answer_required'
				| 'answer_too_long'
				| 'already_answered'
				| 'revision_closed';
	  };

/** The committee's answer to a comment: taken up in the draft, or not and why. Given once. */
export function answerComment(
	db: Db,
	actor: Actor,
	villageId: number,
	commentId: number,
	text: string,
	options: { now?: Date } = {}
): AnswerResult {
	const answer = text.trim();
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () =>
			db
				.prepare(
					`select c.id, c.revision_id as revisionId, c.answer, r.state from rules_comments c
					 join rules_revisions r on r.id = c.revision_id where c.id = ? and r.village_id = ?`
				)
				.get(commentId, villageId) as
				{ id: number; revisionId: number; answer: string | null; state: RevisionState } | undefined,
		run: (c, ctx): AnswerResult => {
			if (c.state === 'enacted' || c.state === 'withdrawn')
				return { ok: false, reason: 'revision_closed' };
			if (c.answer !== null) return { ok: false, reason: 'already_answered' };
			if (answer === '') return { ok: false, reason: 'answer_required' };
			if (chars(answer) > ANSWER_MAX) return { ok: false, reason: 'answer_too_long' };
			db.prepare(
				'update rules_comments set answer = ?, answered_by = ?, answered_at = ? where id = ?'
			).run(answer, actor.userId, ctx.now.toISOString(), c.id);
			touchRevision(db, c.revisionId, ctx.now);
			ctx.audit({
				action: 'rules_revision.comment_answered',
				subjectType: 'rules_revision',
				subjectId: c.revisionId,
				after: { commentId: c.id, answer }
			});
			return { ok: true, revisionId: c.revisionId };
		}
	});
}
