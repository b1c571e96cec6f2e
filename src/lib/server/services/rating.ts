// The villager's word on a completed case (评价): 满意 or 基本满意 closes it; 不满意 owes a follow-up
// visit (回访) within its working days, after which staff close the case or reopen it for dispatch.
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { todayInChina } from '../calendar/dates';
import { endTopicOfCase } from './from-topic';
import {
	FROM,
	caseCommand,
	checkText,
	isAssignee,
	speaksFor,
	stepDue,
	updateCase,
	type CaseResult
} from './moves';
import { RATINGS, recordStep, type Rating } from './records';

export type RateResult = CaseResult<'bad_rating' | 'own_work' | 'comment_too_long'>;

/**
 * The villager, or whoever speaks for them, rates the completed case. Whoever handled it never
 * rates their own work, even when they also speak for the villager.
 */
export function rateCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	input: { rating: string; comment: string },
	options: { now?: Date } = {}
): RateResult {
	if (!(RATINGS as readonly string[]).includes(input.rating))
		return { ok: false, reason: 'bad_rating' };
	const rating = input.rating as Rating;
	const comment = checkText(input.comment, 0, 'comment');
	if (!comment.ok) return { ok: false, reason: 'comment_too_long' };
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		allowed: (c, ctx) => speaksFor(db, actor, villageId, c, todayInChina(ctx.now)),
		from: FROM.rate,
		run: (c, ctx): RateResult => {
			if (isAssignee(actor, c)) return { ok: false, reason: 'own_work' };
			const satisfied = rating !== 'unsatisfied';
			const at = ctx.now.toISOString();
			const after = updateCase(ctx, c, {
				state: satisfied ? 'closed' : 'follow_up',
				rating,
				rated_at: at,
				closed_at: satisfied ? at : null,
				step_due_on: satisfied ? null : stepDue(ctx, c, 'followUp')
			});
			recordStep(ctx, c, 'rated', 'service_case.rated', {
				note: comment.text,
				rating,
				after: { state: after.state, rating, comment: comment.text }
			});
			if (satisfied) endTopicOfCase(ctx, after);
			return { ok: true, serviceCase: after };
		}
	});
}

export type FollowUpResult = CaseResult<'note_required' | 'note_too_long'>;

/**
 * Staff record the follow-up visit after a 不满意 rating: what was heard, and whether the case is
 * reopened for dispatch (its steps keep every earlier rating) or closed.
 */
export function recordFollowUp(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	input: { note: string; reopen: boolean },
	options: { now?: Date } = {}
): FollowUpResult {
	const note = checkText(input.note, 2, 'note');
	if (!note.ok) return note;
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		staffOnly: true,
		from: FROM.followUp,
		run: (c, ctx): FollowUpResult => {
			recordStep(ctx, c, 'follow_up', 'service_case.followed_up', { note: note.text });
			if (input.reopen) {
				const after = updateCase(ctx, c, {
					state: 'submitted',
					assignee_person_id: null,
					dispatched_at: null,
					accepted_at: null,
					completed_at: null,
					result: null,
					step_due_on: stepDue(ctx, c, 'dispatch')
				});
				recordStep(ctx, c, 'reopened', 'service_case.reopened');
				return { ok: true, serviceCase: after };
			}
			const after = updateCase(ctx, c, {
				state: 'closed',
				closed_at: ctx.now.toISOString(),
				step_due_on: null
			});
			recordStep(ctx, c, 'closed', 'service_case.closed');
			endTopicOfCase(ctx, after);
			return { ok: true, serviceCase: after };
		}
	});
}
