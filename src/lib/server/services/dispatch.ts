// Dispatching a case (派单): the clerk or branch secretary gives it to someone who may take it on
// the day (assignees.ts), who must then accept it within the acceptance step's working days.
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { todayInChina } from '../calendar/dates';
import { mayBeAssigned } from './assignees';
import { FROM, caseCommand, checkText, stepDue, updateCase, type CaseResult } from './moves';
import { recordStep } from './records';
import { queueMessage } from '../outbox/outbox';
import { caseDispatchedWords, villagePath } from '../outbox/words';

export type DispatchResult = CaseResult<
	'not_assignable' | 'same_assignee' | 'note_required' | 'note_too_long'
>;

/**
 * Dispatches a case waiting for it, or gives a dispatched one not yet accepted to someone else.
 * The note is optional: what the assignee should know.
 */
export function dispatchCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	input: { assigneePersonId: number; note: string },
	options: { now?: Date } = {}
): DispatchResult {
	const note = checkText(input.note, 0, 'note');
	if (!note.ok) return note;
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		staffOnly: true,
		from: FROM.dispatch,
		run: (c, ctx): DispatchResult => {
			if (c.assigneePersonId === input.assigneePersonId)
				return { ok: false, reason: 'same_assignee' };
			if (!mayBeAssigned(db, villageId, input.assigneePersonId, todayInChina(ctx.now)))
				return { ok: false, reason: 'not_assignable' };
			const after = updateCase(ctx, c, {
				state: 'dispatched',
				assignee_person_id: input.assigneePersonId,
				dispatched_at: ctx.now.toISOString(),
				step_due_on: stepDue(ctx, c, 'accept')
			});
			recordStep(ctx, c, 'dispatched', 'service_case.dispatched', {
				personId: input.assigneePersonId,
				note: note.text,
				before: { state: c.state, assigneePersonId: c.assigneePersonId },
				after: {
					state: after.state,
					assigneePersonId: after.assigneePersonId,
					stepDueOn: after.stepDueOn
				}
			});
			// Each dispatch is its own event: a case given back to an earlier assignee tells them again.
			queueMessage(ctx, villageId, {
				kind: 'case_dispatched',
				subjectType: 'service_case',
				subjectId: c.id,
				eventKey: ctx.now.toISOString(),
				...caseDispatchedWords({ number: c.number, title: c.title }),
				link: villagePath(db, villageId, 'services', c.number),
				urgent: c.urgent,
				recipients: [input.assigneePersonId]
			});
			return { ok: true, serviceCase: after };
		}
	});
}
