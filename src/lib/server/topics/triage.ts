// Triage (受理): the clerk's or branch secretary's decision on a submitted topic, and closing a
// topic handled directly before service cases (办结). Over-long text is refused, never cut.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { endTopic, findTopic, findTopicByNumber, moveState, type Topic } from './records';
import { todayInChina } from '../calendar/dates';
import { queueMessage } from '../outbox/outbox';
import { topicAnsweredWords, villagePath } from '../outbox/words';
import {
	decidingBody,
	isItemOn,
	OUTCOME_MAX,
	TRIAGE_REASON_MAX,
	type Art24Item,
	type TopicAction
} from './rules';

export type TriageRoute = 'consultation' | 'four_plus_two' | 'direct' | 'merge' | 'not_accepted';

export interface TriageDecision {
	route: TriageRoute;
	reason: string;
	// The art. 24 checklist as answered: the items ticked (possibly none).
	art24: Art24Item[];
	/**
	 * The answer to "does it touch art. 24?", where a form asked it. Any ticked item means yes, so
	 * an answer that disagrees with the items is refused rather than trusted either way.
	 */
	art24Answer?: 'yes' | 'no';
	mergeIntoNumber?: string;
}

export type TriageResult =
	| { ok: true; topic: Topic }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'forbidden'
				| 'wrong_state'
				| 'major_needs_four_plus_two'
				| 'village_rules_need_meeting'
				| 'reason_required'
				| 'reason_too_long'
				| 'merge_target'
				| 'bad_item'
				| 'art24_contradiction'
				| 'mixed_bodies'
				| 'bad_category';
	  };

const ROUTE_ACTION: Record<TriageRoute, TopicAction> = {
	consultation: 'route_consultation',
	four_plus_two: 'route_four_plus_two',
	direct: 'route_direct',
	merge: 'merge',
	not_accepted: 'reject'
};

const chars = (s: string) => [...s].length;

/**
 * The clerk's or branch secretary's decision. A topic touching any art. 24 matter is marked major
 * and can only go to the 4+2 procedure (or be merged into a topic already on it); refusing needs
 * a written reason.
 */
export function triageTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	d: TriageDecision,
	options: { now?: Date } = {}
): TriageResult {
	// The checklist of the triage day: 组织法 2018 第二十四条 before 2026, 2026 第二十八条 after.
	const today = todayInChina(options.now);
	if (d.art24.some((i) => !isItemOn(i, today))) return { ok: false, reason: 'bad_item' };
	if (d.art24Answer !== undefined && (d.art24Answer === 'yes') !== d.art24.length > 0)
		return { ok: false, reason: 'art24_contradiction' };
	// Two bodies cannot take one decision: the clerk splits the collective economy's part off.
	if (decidingBody(d.art24, today) === 'mixed') return { ok: false, reason: 'mixed_bodies' };
	// A duplicate of a major matter may still be merged, but only into one on the 4+2 track.
	if (d.art24.length > 0 && d.route !== 'four_plus_two' && d.route !== 'merge')
		return { ok: false, reason: 'major_needs_four_plus_two' };
	const reason = d.reason.trim();
	if ((d.route === 'not_accepted' || d.route === 'merge') && reason.length < 2) {
		return { ok: false, reason: 'reason_required' };
	}
	if (chars(reason) > TRIAGE_REASON_MAX) return { ok: false, reason: 'reason_too_long' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => findTopic(db, villageId, topicId),
		allowed: () => isStaffOf(db, actor, villageId),
		run: (t, ctx): TriageResult => {
			// 组织法 2018 art. 27, 2026 art. 31: village rules and the charter are the villagers' meeting's.
			if (d.route === 'direct' && t.category === 'village_rules')
				return { ok: false, reason: 'village_rules_need_meeting' };
			let mergedInto: number | null = null;
			if (d.route === 'merge') {
				const target = d.mergeIntoNumber
					? findTopicByNumber(db, villageId, d.mergeIntoNumber)
					: null;
				if (
					!target ||
					target.id === t.id ||
					['draft', 'merged', 'not_accepted', 'withdrawn'].includes(target.state)
				) {
					return { ok: false, reason: 'merge_target' };
				}
				if (d.art24.length > 0 && target.state !== 'four_plus_two') {
					return { ok: false, reason: 'major_needs_four_plus_two' };
				}
				mergedInto = target.id;
			}
			const terminal = d.route === 'merge' || d.route === 'not_accepted';
			const triaged = moveState(ctx, t, ROUTE_ACTION[d.route], 'topic.triaged', {
				triaged_at: ctx.now.toISOString(),
				triaged_by: actor.userId,
				triage_reason: reason || null,
				major: d.art24.length > 0 ? 1 : 0,
				art24_items: JSON.stringify(d.art24),
				merged_into: mergedInto,
				closed_at: terminal ? ctx.now.toISOString() : null
			});
			// The triage decision is the village's answer to the proposer (受理 or not, and why).
			if (triaged.ok && t.proposerPersonId !== null)
				queueMessage(ctx, villageId, {
					kind: 'topic_answered',
					subjectType: 'topic',
					subjectId: t.id,
					...topicAnsweredWords({ number: t.number, title: t.title }),
					link: villagePath(db, villageId, 'topics', t.number),
					recipients: [t.proposerPersonId]
				});
			return triaged;
		}
	});
}

export type CompleteResult =
	| { ok: true; topic: Topic }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'forbidden'
				| 'wrong_state'
				| 'outcome_too_long'
				| 'village_rules_need_meeting';
	  };

/**
 * Closes a topic sent to 直接办理 before such topics opened a service case, with what was done
 * (办结); never village rules. Topics triaged since run their service case instead.
 */
export function completeDirect(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	result: string
): CompleteResult {
	const outcome = result.trim();
	if (chars(outcome) > OUTCOME_MAX) return { ok: false, reason: 'outcome_too_long' };
	return command(db, {
		actor,
		villageId,
		load: () => findTopic(db, villageId, topicId),
		allowed: () => isStaffOf(db, actor, villageId),
		run: (t, ctx): CompleteResult => {
			if (t.category === 'village_rules')
				return { ok: false, reason: 'village_rules_need_meeting' };
			// A topic handled through a service case ends when the case closes, not by this form.
			const hasCase = db.prepare('select 1 from service_cases where topic_id = ?').get(t.id);
			if (hasCase) return { ok: false, reason: 'wrong_state' };
			return endTopic(ctx, t, 'complete', 'topic.completed', { outcome });
		}
	});
}
