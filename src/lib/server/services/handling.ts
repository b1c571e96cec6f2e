// The assignee's part (接单 → 办结): accept or decline a dispatched case, record progress, and
// complete it with its result. A decline returns the case to dispatch with a fresh step deadline.
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import {
	FROM,
	caseCommand,
	checkText,
	isAssignee,
	stepDue,
	updateCase,
	type CaseResult
} from './moves';
import { recordStep } from './records';

/** The assignee takes the case on: from now only the case's whole limit binds. */
export function acceptCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	options: { now?: Date } = {}
): CaseResult {
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		allowed: (c) => isAssignee(actor, c),
		from: FROM.accept,
		run: (c, ctx) => {
			const after = updateCase(ctx, c, {
				state: 'in_progress',
				accepted_at: ctx.now.toISOString(),
				step_due_on: null
			});
			recordStep(ctx, c, 'accepted', 'service_case.accepted', { personId: actor.personId });
			return { ok: true, serviceCase: after };
		}
	});
}

export type DeclineResult = CaseResult<'reason_required' | 'reason_too_long'>;

/** The assignee gives the case back, saying why; it waits for dispatch again. */
export function declineCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	reason: string,
	options: { now?: Date } = {}
): DeclineResult {
	const why = checkText(reason, 2, 'reason');
	if (!why.ok) return why;
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		allowed: (c) => isAssignee(actor, c),
		from: FROM.decline,
		run: (c, ctx): DeclineResult => {
			const after = updateCase(ctx, c, {
				state: 'submitted',
				assignee_person_id: null,
				dispatched_at: null,
				step_due_on: stepDue(ctx, c, 'dispatch')
			});
			recordStep(ctx, c, 'declined', 'service_case.declined', {
				personId: actor.personId,
				note: why.text
			});
			return { ok: true, serviceCase: after };
		}
	});
}

const assigneeOrStaff =
	(db: Db, actor: Actor, villageId: number) => (c: Parameters<typeof isAssignee>[1]) =>
		isAssignee(actor, c) || isStaffOf(db, actor, villageId);

export type ProgressResult = CaseResult<'note_required' | 'note_too_long'>;

/**
 * What has been done so far, by the assignee or staff. Named like the implementation's verb
 * because the permission table's rule is the same: staff, or the person responsible.
 */
export function recordProgress(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	note: string,
	options: { now?: Date } = {}
): ProgressResult {
	const text = checkText(note, 1, 'note');
	if (!text.ok) return text;
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		allowed: assigneeOrStaff(db, actor, villageId),
		from: FROM.progress,
		run: (c, ctx): ProgressResult => {
			const after = updateCase(ctx, c, {});
			recordStep(ctx, c, 'progress', 'service_case.progress_recorded', { note: text.text });
			return { ok: true, serviceCase: after };
		}
	});
}

export type CompleteCaseResult = CaseResult<'result_required' | 'result_too_long'>;

/** 办结: the case is done, with what was done; it now waits on the villager's rating. */
export function completeCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	result: string,
	options: { now?: Date } = {}
): CompleteCaseResult {
	const text = checkText(result, 1, 'result');
	if (!text.ok) return text;
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		allowed: assigneeOrStaff(db, actor, villageId),
		from: FROM.complete,
		run: (c, ctx): CompleteCaseResult => {
			const after = updateCase(ctx, c, {
				state: 'completed',
				result: text.text,
				completed_at: ctx.now.toISOString(),
				step_due_on: null
			});
			recordStep(ctx, c, 'completed', 'service_case.completed', { note: text.text });
			return { ok: true, serviceCase: after };
		}
	});
}
