// Closing a meeting freezes its record (docs/domain.md §5.7): the audit chain's head at the close
// is stored with the meeting, so the minutes' hash covers everything it did. Closing its open
// motions first is the votes' part (votes/closing.ts); this is the meeting's own last step.
import type { CommandContext } from '../command';
import { auditHead } from '../audit/chain.js';
import { getMeeting, type Meeting } from './records';
import { closeSpeakerQueue } from './speakers';

/** As much as the recorder's text may hold when the close brings it in. */
export const CLOSING_MINUTES_MAX = 20000;

/**
 * Inside the closing command, once no motion is left open: marks the meeting closed with the chain's
 * head and the recorder's text, and audits it. `closedMotions` are the motions closed with it.
 */
export function freezeMeeting(
	ctx: CommandContext,
	meeting: Meeting,
	minutes: string | undefined,
	closedMotions: number[]
): { meeting: Meeting; auditHead: { id: number; hash: string } } {
	const { db } = ctx;
	// Before the head is read, so the chain the minutes print covers the queue's last entries.
	closeSpeakerQueue(ctx, meeting);
	const head = auditHead(db);
	db.prepare(
		`update meetings set state = 'closed', closed_at = ?, audit_head_id = ?, audit_head_hash = ?,
		   minutes = coalesce(?, minutes) where id = ?`
	).run(ctx.now.toISOString(), head.id, head.hash, minutes ?? null, meeting.id);
	ctx.audit({
		action: 'meeting.closed',
		subjectType: 'meeting',
		subjectId: meeting.id,
		before: { state: 'open' },
		after: {
			state: 'closed',
			auditHeadId: head.id,
			auditHeadHash: head.hash,
			closedMotions
		}
	});
	return { meeting: getMeeting(db, meeting.villageId, meeting.id)!, auditHead: head };
}
