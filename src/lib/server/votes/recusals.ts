// Recusal (回避, docs/domain.md §7.8): a voting member with a personal interest in a motion, or whose
// close relative has one, does not vote on it. Marked by the clerk or by the member on their phone,
// before their vote is counted; how they count toward the quorum is the meeting's rule.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import type { Actor } from '../permissions';
import { isStaffOf } from '../permissions/village';
import { areCloseRelatives } from '../roster/relations';
import { personOfVillage, presenceAtVote } from '../meetings/records';
import { motionWithMeeting } from './motions';

export const RECUSAL_REASON_MAX = 200;

export type MarkRecusalResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_open'
				| 'not_on_roster'
				| 'not_a_voter'
				| 'bad_recusal_reason'
				| 'not_close_relative'
				| 'already_recused'
				| 'already_voted'
				| 'count_taken';
	  };

/** The member themselves, or staff marking them. */
const selfOrStaff =
	(personId: number) =>
	({ db, actor, villageId }: CommandContext) =>
		actor !== null && (actor.personId === personId || isStaffOf(db, actor, villageId!));

export function markRecusal(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	recusal: { personId: number; reason: string; relativeId?: number | null },
	options: { now?: Date } = {}
): MarkRecusalResult {
	const { personId } = recusal;
	const reason = recusal.reason.trim();
	const relativeId = recusal.relativeId ?? null;
	if (!reason || reason.length > RECUSAL_REASON_MAX)
		return { ok: false, reason: 'bad_recusal_reason' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: selfOrStaff(personId),
		load: () => motionWithMeeting(db, villageId, motionId),
		run: ({ motion, meeting }, ctx): MarkRecusalResult => {
			if (meeting.state === 'closed' || motion.state === 'closed')
				return { ok: false, reason: 'not_open' };
			const entry = db
				.prepare('select voting from meeting_roster where meeting_id = ? and person_id = ?')
				.get(meeting.id, personId) as { voting: number } | undefined;
			if (!entry) return { ok: false, reason: 'not_on_roster' };
			if (entry.voting !== 1) return { ok: false, reason: 'not_a_voter' };
			if (
				relativeId !== null &&
				!(personOfVillage(db, villageId, relativeId) && areCloseRelatives(db, personId, relativeId))
			)
				return { ok: false, reason: 'not_close_relative' };
			if (
				db
					.prepare('select 1 from motion_recusals where motion_id = ? and person_id = ?')
					.get(motion.id, personId)
			)
				return { ok: false, reason: 'already_recused' };
			if (
				db
					.prepare('select 1 from ballot_receipts where motion_id = ? and person_id = ?')
					.get(motion.id, personId)
			)
				return { ok: false, reason: 'already_voted' };
			// Hands are counted as one number: a recusal after it would leave a hand in the count.
			if (motion.method === 'hands' && presenceAtVote(db, motion.id))
				return { ok: false, reason: 'count_taken' };
			const declaredBy = actor.personId === personId ? 'self' : 'staff';
			db.prepare(
				`insert into motion_recusals (motion_id, person_id, reason, relative_id, declared_by, marked_by, marked_at)
				 values (?, ?, ?, ?, ?, ?, ?)`
			).run(
				motion.id,
				personId,
				reason,
				relativeId,
				declaredBy,
				actor.userId,
				ctx.now.toISOString()
			);
			ctx.audit({
				action: 'motion.recusal_marked',
				subjectType: 'motion',
				subjectId: motion.id,
				after: { personId, reason, relativeId, declaredBy }
			});
			return { ok: true };
		}
	});
}
