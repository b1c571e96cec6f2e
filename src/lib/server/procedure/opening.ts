// Opening a vote, composed at the procedure layer: a motion on a topic of the 4+2 track may be put
// to the vote only in a meeting that can validly carry the matter's next step (docs/domain.md §4);
// everything else about opening (the quorum now) is votes/motions.ts openMotionIn.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import type { Actor } from '../permissions';
import { byStaff, type Meeting, type Motion } from '../meetings/records';
import type { MeetingType } from '../votes/rules';
import { motionWithMeeting, openMotionIn, type OpenMotionResult } from '../votes/motions';
import { matterAsMeetingFound, matterFacts, topicOfMotion } from './matters';
import { meetingMayCarry, type Step, type StepRefusal } from './rules';

export type OpenMotionGateResult =
	| OpenMotionResult
	| { ok: false; reason: StepRefusal; step?: Step; expected?: readonly MeetingType[] };

/** Why this meeting may not vote on the motion's 4+2 matter now; null when it may. */
function procedureGate(
	ctx: CommandContext,
	motion: Motion,
	meeting: Meeting
): Extract<OpenMotionGateResult, { ok: false }> | null {
	const topicId = topicOfMotion(ctx.db, motion.id);
	const matter =
		topicId === null ? null : matterAsMeetingFound(ctx.db, meeting.villageId, topicId, meeting.id);
	if (!matter) return null;
	const r = meetingMayCarry(
		matter.position,
		{ meetingType: meeting.type, meetingDate: meeting.meetingDate },
		matterFacts(ctx.db, meeting.villageId, matter.topic, meeting.meetingDate)
	);
	return r.ok ? null : r;
}

/** Opens the vote: a 4+2 matter only where it may take its next step, then only with the quorum met. */
export function openMotion(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	options: { now?: Date } = {}
): OpenMotionGateResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => motionWithMeeting(db, villageId, motionId),
		run: ({ motion, meeting }, ctx): OpenMotionGateResult => {
			// A motion already open or closed answers as before; the gate speaks only for a draft.
			if (meeting.state === 'open' && motion.state === 'draft') {
				const refused = procedureGate(ctx, motion, meeting);
				if (refused) return refused;
			}
			return openMotionIn(ctx, motion, meeting);
		}
	});
}
