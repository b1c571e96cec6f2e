// The clerk's closing verbs: closing a vote, and closing a meeting with its open votes. They live
// here because a passed motion of a decision meeting becomes a resolution (procedure/resolutions.ts)
// in the same transaction; votes/closing.ts counts and freezes, meetings/closing.ts freezes the
// meeting, and this layer composes them, so neither lower layer knows of resolutions.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import { truncateWal } from '../db/wal';
import type { Actor } from '../permissions';
import { CLOSING_MINUTES_MAX } from '../meetings/closing';
import { byStaff, getMeeting, type Meeting, type Motion } from '../meetings/records';
import {
	closeMeetingIn,
	closeMotionIn,
	type CloseMeetingResult,
	type CloseMotionResult
} from '../votes/closing';
import { motionWithMeeting } from '../votes/motions';
import { adoptionFacts, adoptionRefusal, recordDecisionStep } from './adoption';
import { adoptResolution } from './resolutions';
import { topicOfMotion } from './matters';

/**
 * A passed motion is a resolution, numbered as the motion closes, only where the meeting may
 * decide its matter (./adoption.ts); otherwise it stays a passed vote. On the 4+2 track the motion
 * records its step in the same transaction: steps 1–3 by passing, step 4 only with its resolution.
 */
function adoptIfDecisive(ctx: CommandContext, motion: Motion, meeting: Meeting): string | null {
	const facts = adoptionFacts(ctx, motion, meeting);
	const resolution =
		adoptionRefusal(facts) === null
			? adoptResolution(ctx, {
					villageId: meeting.villageId,
					meetingId: meeting.id,
					motionId: motion.id
				})
			: null;
	const topicId = topicOfMotion(ctx.db, motion.id);
	if (topicId !== null && (resolution !== null || !facts.topic?.recordsStep4))
		recordDecisionStep(ctx, topicId, motion, meeting);
	return resolution?.number ?? null;
}

/**
 * Closes the vote once `confirmed`; the first post answers with its numbers instead
 * (votes/closing.ts closeCheck). A secret close then erases the WAL's commit-by-commit history, which pairs each
 * receipt with the counter it raised; `secure_delete` (db/open.js) has kept freed space zeroed.
 */
export function closeMotion(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	options: { now?: Date; confirmed?: boolean } = {}
): CloseMotionResult {
	const r = command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => motionWithMeeting(db, villageId, motionId),
		run: ({ motion, meeting }, ctx): CloseMotionResult =>
			closeMotionIn(ctx, motion, meeting, {
				confirmed: options.confirmed,
				onPassed: adoptIfDecisive
			})
	});
	if (r.ok && r.motion.method === 'secret') truncateWal(db);
	return r;
}

/**
 * Closes the meeting and freezes its record; with `closeOpenMotions` its open votes close first,
 * in the same transaction (votes/closing.ts closeMeetingIn). Over open votes or empty minutes it
 * closes only once `confirmed`.
 */
export function closeMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	options: {
		minutes?: string;
		closeOpenMotions?: boolean;
		confirmed?: boolean;
		now?: Date;
	} = {}
): CloseMeetingResult {
	if (options.minutes !== undefined && options.minutes.length > CLOSING_MINUTES_MAX)
		return { ok: false, reason: 'bad_minutes' };
	const r = command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx) => closeMeetingIn(ctx, meeting, { ...options, onPassed: adoptIfDecisive })
	});
	if (!r.ok) return r;
	if ('closedSecret' in r && r.closedSecret) truncateWal(db);
	return { ok: true, meeting: r.meeting, auditHead: r.auditHead };
}
