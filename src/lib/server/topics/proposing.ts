// The proposer's own moves on a topic: editing and submitting a draft, confirming a topic filed on
// their behalf, withdrawing it before triage. Each state move is audited under its own name.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import {
	findTopic,
	isProposer,
	moveState,
	recordTopicChange,
	triageDueFrom,
	type Topic,
	type TopicChangeResult,
	type TopicInput
} from './records';
import { CATEGORIES, type TopicState } from './rules';

export function updateDraft(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: TopicInput
): TopicChangeResult {
	if (!(CATEGORIES as readonly string[]).includes(input.category))
		return { ok: false, reason: 'bad_category' };
	return command(db, {
		actor,
		villageId,
		load: () => findTopic(db, villageId, topicId),
		allowed: (t) => t.filedByUserId === actor.userId,
		run: (t, ctx): TopicChangeResult => {
			if (t.state !== 'draft') return { ok: false, reason: 'wrong_state' };
			db.prepare(
				`update topics set title = ?, description = ?, category = ?, place = ?, affected = ?, estimated_cost_fen = ?, funding = ?
				 where id = ?`
			).run(
				input.title,
				input.description,
				input.category,
				input.place,
				input.affected,
				input.estimatedCostFen,
				input.funding,
				t.id
			);
			return recordTopicChange(ctx, t, 'topic.draft_updated');
		}
	});
}

export function submitDraft(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	now = new Date()
): TopicChangeResult {
	return command(db, {
		actor,
		villageId,
		now,
		load: () => findTopic(db, villageId, topicId),
		allowed: (t) => t.filedByUserId === actor.userId,
		run: (t, ctx) =>
			moveState(ctx, t, 'submit', 'topic.submitted', {
				submitted_at: ctx.now.toISOString(),
				triage_due: triageDueFrom(db, villageId, ctx.now)
			})
	});
}

// A topic on its way (not a draft, not ended) is still the villager's to confirm.
export const CONFIRMABLE_STATES: readonly TopicState[] = [
	'submitted',
	'consultation',
	'four_plus_two',
	'direct'
];

/** A topic filed for a villager that they have not confirmed yet, and still can. */
export function awaitsConfirmation(t: Topic): boolean {
	return t.onBehalf && !t.proposerConfirmedAt && CONFIRMABLE_STATES.includes(t.state);
}

/** The villager a topic was filed for confirms it is theirs. */
export function confirmTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number
): TopicChangeResult {
	return command(db, {
		actor,
		villageId,
		load: () => findTopic(db, villageId, topicId),
		allowed: (t) => isProposer(actor, t) && t.onBehalf,
		run: (t, ctx): TopicChangeResult => {
			if (!awaitsConfirmation(t)) return { ok: false, reason: 'wrong_state' };
			db.prepare('update topics set proposer_confirmed_at = ? where id = ?').run(
				ctx.now.toISOString(),
				t.id
			);
			return recordTopicChange(ctx, t, 'topic.confirmed');
		}
	});
}

/** The proposer (or whoever filed it) withdraws the topic before it is triaged. */
export function withdrawTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number
): TopicChangeResult {
	return command(db, {
		actor,
		villageId,
		load: () => findTopic(db, villageId, topicId),
		allowed: (t) => isProposer(actor, t) || t.filedByUserId === actor.userId,
		run: (t, ctx) =>
			moveState(ctx, t, 'withdraw', 'topic.withdrawn', { closed_at: ctx.now.toISOString() })
	});
}
