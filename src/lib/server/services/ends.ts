// Cases that end before a rating: referred to the township (转乡镇, kept with its reason and date
// for the township's inbox) or withdrawn by the villager (撤回) before the work is done.
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { FROM, caseCommand, checkText, isOwner, updateCase, type CaseResult } from './moves';
import { recordStep } from './records';
import { endTopicOfCase } from './from-topic';
import { openTownshipReferral } from '../villages/township-referral';

export type ReferResult = CaseResult<'reason_required' | 'reason_too_long'>;

/** Staff refer an open case beyond the village, saying why; it reaches the township's inbox. */
export function referCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	reason: string,
	options: { now?: Date } = {}
): ReferResult {
	const why = checkText(reason, 2, 'reason');
	if (!why.ok) return why;
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		staffOnly: true,
		from: FROM.refer,
		run: (c, ctx): ReferResult => {
			const after = updateCase(ctx, c, { state: 'referred', step_due_on: null });
			recordStep(ctx, c, 'referred', 'service_case.referred', { note: why.text });
			// The village's part ends here: a topic sent to 直接办理 ends with where the case went.
			endTopicOfCase(ctx, after, why.text);
			openTownshipReferral(ctx, villageId, { serviceCaseId: c.id });
			return { ok: true, serviceCase: after };
		}
	});
}

/** The villager, or whoever filed for them, withdraws the request before it is completed. */
export function withdrawCase(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	options: { now?: Date } = {}
): CaseResult<'from_topic'> {
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		allowed: (c) => isOwner(actor, c),
		from: FROM.withdraw,
		run: (c, ctx): CaseResult<'from_topic'> => {
			// A case opened from a triaged topic is that topic's handling, which the topic's track
			// ends: the villager tells the window, which completes or refers it, never leaves it open.
			if (c.topicId !== null) return { ok: false, reason: 'from_topic' };
			const after = updateCase(ctx, c, { state: 'withdrawn', step_due_on: null });
			recordStep(ctx, c, 'withdrawn', 'service_case.withdrawn');
			return { ok: true, serviceCase: after };
		}
	});
}
