// The villager's own answer to a topic filed for them, given without a phone (issue 16): the filer,
// or the clerk at the window, reads the text back and records that the villager confirmed or
// withdrew it, when it was read and by whom. It counts as the villager's own confirmation.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { findTopic, moveState, recordTopicChange, type Topic } from './records';
import { CONFIRMABLE_STATES, awaitsConfirmation } from './proposing';

const MINUTE = 60_000;

export const READ_BACK_OUTCOMES = ['confirmed', 'withdrawn'] as const;
export type ReadBackOutcome = (typeof READ_BACK_OUTCOMES)[number];

export interface ReadBack {
	outcome: ReadBackOutcome;
	readBackAt: string;
	readByName: string;
	recordedAt: string;
}

export type ReadBackResult =
	| { ok: true; topic: Topic }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'forbidden'
				| 'wrong_state'
				| 'not_on_behalf'
				| 'already_answered'
				| 'read_back_in_future'
				| 'read_back_before_filing';
	  };

export function readBackOf(db: Db, topicId: number): ReadBack | null {
	return (
		(db
			.prepare(
				`select r.outcome, r.read_back_at as readBackAt, u.name as readByName, r.recorded_at as recordedAt
				 from topic_read_backs r join users u on u.id = r.read_by_user_id where r.topic_id = ?`
			)
			.get(topicId) as ReadBack | undefined) ?? null
	);
}

/** Who may record the villager's answer: whoever filed the topic, or the village's staff. */
export function mayRecordReadBack(db: Db, villageId: number, actor: Actor, t: Topic): boolean {
	return t.filedByUserId === actor.userId || isStaffOf(db, actor, villageId);
}

/**
 * Records the villager's answer, read back to them at `readBackAt`. A confirmation stamps the
 * topic as the villager's tap would; a withdrawal withdraws it as the villager's own would. One
 * answer per topic: the villager's phone confirmation counts as the answer too.
 */
export function recordReadBack(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	answer: { outcome: ReadBackOutcome; readBackAt: Date },
	now = new Date()
): ReadBackResult {
	return command(db, {
		actor,
		villageId,
		now,
		load: () => findTopic(db, villageId, topicId),
		allowed: (t) => mayRecordReadBack(db, villageId, actor, t),
		run: (t, ctx): ReadBackResult => {
			if (!t.onBehalf) return { ok: false, reason: 'not_on_behalf' };
			if (t.proposerConfirmedAt || readBackOf(db, t.id))
				return { ok: false, reason: 'already_answered' };
			const at = answer.readBackAt.getTime();
			if (Number.isNaN(at) || at > ctx.now.getTime())
				return { ok: false, reason: 'read_back_in_future' };
			// The text read back is the text filed: an answer from before it existed answers nothing.
			// The form gives minutes, so the minute of the filing itself counts as after it.
			if (at < Math.floor(new Date(t.createdAt).getTime() / MINUTE) * MINUTE)
				return { ok: false, reason: 'read_back_before_filing' };
			const readBackAt = answer.readBackAt.toISOString();
			const moved =
				answer.outcome === 'confirmed'
					? confirmAsProposer(ctx, t, readBackAt)
					: moveState(ctx, t, 'withdraw', 'topic.withdrawn', {
							closed_at: ctx.now.toISOString()
						});
			if (!moved.ok) return moved;
			db.prepare(
				`insert into topic_read_backs (topic_id, outcome, read_back_at, read_by_user_id, recorded_at)
				 values (?, ?, ?, ?, ?)`
			).run(t.id, answer.outcome, readBackAt, actor.userId, ctx.now.toISOString());
			ctx.audit({
				action: 'topic.read_back_recorded',
				subjectType: 'topic',
				subjectId: t.id,
				after: { number: t.number, outcome: answer.outcome, readBackAt, readBy: actor.userId }
			});
			return moved;
		}
	});
}

function confirmAsProposer(
	ctx: Parameters<typeof recordTopicChange>[0],
	t: Topic,
	readBackAt: string
): { ok: true; topic: Topic } | { ok: false; reason: 'wrong_state' } {
	if (!awaitsConfirmation(t)) return { ok: false, reason: 'wrong_state' };
	ctx.db.prepare('update topics set proposer_confirmed_at = ? where id = ?').run(readBackAt, t.id);
	return recordTopicChange(ctx, t, 'topic.confirmed');
}

export interface AwaitingConfirmation {
	number: string;
	title: string;
	filedByName: string;
	submittedAt: string | null;
}

/** The topics filed for this person that wait for their confirmation, newest first. */
export function awaitingConfirmationOf(
	db: Db,
	villageId: number,
	personId: number
): AwaitingConfirmation[] {
	return db
		.prepare(
			`select t.number, t.title, u.name as filedByName, t.submitted_at as submittedAt
			 from topics t join users u on u.id = t.filed_by_user_id
			 where t.village_id = ? and t.proposer_person_id = ? and t.proposer_confirmed_at is null
			   and u.person_id is not t.proposer_person_id
			   and t.state in (select value from json_each(?))
			 order by t.id desc limit 50`
		)
		.all(villageId, personId, JSON.stringify(CONFIRMABLE_STATES)) as AwaitingConfirmation[];
}
