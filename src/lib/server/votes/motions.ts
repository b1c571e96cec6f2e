// Putting a motion (动议) to the meeting and opening its vote (docs/domain.md §7.1–§7.2). Opening
// checks the quorum now, from the frozen roster and today's sign-ins.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import type { Actor } from '../permissions';
import {
	byStaff,
	CHOICES,
	getMeeting,
	getMotion,
	meetingCounts,
	METHODS,
	type Meeting,
	type Method,
	type Motion
} from '../meetings/records';
import { evaluateQuorum, type QuorumResult } from './rules';
import { queueMessage } from '../outbox/outbox';
import { villagePath, voteOpenedWords } from '../outbox/words';

/** A staff verb's subject: the motion of this village, with its meeting. */
export function motionWithMeeting(
	db: Db,
	villageId: number,
	motionId: number
): { motion: Motion; meeting: Meeting } | null {
	const motion = getMotion(db, villageId, motionId);
	return motion && { motion, meeting: getMeeting(db, villageId, motion.meetingId)! };
}

export type CreateMotionResult =
	| { ok: true; motion: Motion }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'not_open' | 'no_vote' | 'bad_method' | 'bad_text';
	  };

/** A motion (动议) on an agenda item, drafted while the meeting is notified or open. */
export function createMotion(
	db: Db,
	actor: Actor,
	villageId: number,
	agendaItemId: number,
	input: { text: string; method: Method },
	options: { now?: Date } = {}
): CreateMotionResult {
	const text = input.text.trim();
	if (!text || text.length > 2000) return { ok: false, reason: 'bad_text' };
	if (!(METHODS as readonly string[]).includes(input.method))
		return { ok: false, reason: 'bad_method' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => {
			const meetingId = db
				.prepare(
					'select a.meeting_id from agenda_items a join meetings m on m.id = a.meeting_id where a.id = ? and m.village_id = ?'
				)
				.pluck()
				.get(agendaItemId, villageId) as number | undefined;
			return meetingId === undefined ? null : getMeeting(db, villageId, meetingId);
		},
		run: (meeting, ctx): CreateMotionResult => {
			if (meeting.state !== 'notified' && meeting.state !== 'open')
				return { ok: false, reason: 'not_open' };
			if (!meeting.rule.voters) return { ok: false, reason: 'no_vote' };
			const { lastInsertRowid } = db
				.prepare(
					'insert into motions (meeting_id, agenda_item_id, text, method, created_by, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(meeting.id, agendaItemId, text, input.method, actor.userId, ctx.now.toISOString());
			const motion = getMotion(db, villageId, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'motion.created',
				subjectType: 'motion',
				subjectId: motion.id,
				after: { meetingId: meeting.id, agendaItemId, text, method: input.method }
			});
			return { ok: true, motion };
		}
	});
}

export type OpenMotionResult =
	| { ok: true; motion: Motion; quorum: QuorumResult }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'not_draft' }
	| { ok: false; reason: 'no_quorum'; quorum: QuorumResult };

/**
 * Inside an opening command (procedure/opening.ts, which first asks whether the meeting may vote
 * on the motion's topic at all): opens the vote, only with the quorum met now, from the frozen
 * roster and today's sign-ins.
 */
export function openMotionIn(
	ctx: CommandContext,
	motion: Motion,
	meeting: Meeting
): OpenMotionResult {
	const { db } = ctx;
	if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
	if (motion.state !== 'draft') return { ok: false, reason: 'not_draft' };
	const quorum = evaluateQuorum(meeting.rule, meetingCounts(db, meeting));
	if (!quorum.met) return { ok: false, reason: 'no_quorum', quorum };
	db.prepare(
		"update motions set state = 'open', opened_at = ?, quorum_at_open = ? where id = ?"
	).run(ctx.now.toISOString(), JSON.stringify(quorum), motion.id);
	if (motion.method === 'secret') {
		const counter = db.prepare(
			'insert into secret_tallies (motion_id, choice, count) values (?, ?, 0)'
		);
		for (const c of CHOICES) counter.run(motion.id, c);
	}
	ctx.audit({
		action: 'motion.opened',
		subjectType: 'motion',
		subjectId: motion.id,
		before: { state: 'draft' },
		after: { state: 'open', quorum }
	});
	const item = db
		.prepare('select title from agenda_items where id = ?')
		.pluck()
		.get(motion.agendaItemId) as string;
	// Those entitled to vote are told, present or not: an online voter may be away from the hall.
	queueMessage(ctx, meeting.villageId, {
		kind: 'vote_opened',
		subjectType: 'motion',
		subjectId: motion.id,
		...voteOpenedWords({ meeting: meeting.title, title: item }),
		link: villagePath(db, meeting.villageId, 'meetings', meeting.id),
		urgent: true,
		recipients: db
			.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
			.pluck()
			.all(meeting.id) as number[]
	});
	return { ok: true, motion: getMotion(db, meeting.villageId, motion.id)!, quorum };
}
