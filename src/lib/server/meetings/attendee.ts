// What one attendee's phone needs beyond the shared meeting view: their place on the frozen
// roster and which open votes they have already answered.
import type { Db } from '../db';
import type { Choice } from './meetings';

export interface AttendeeStatus {
	voting: boolean;
	signedInAt: string | null;
	leftAt: string | null;
	/**
	 * motion id → the voter's own choice on a named vote, or null: a secret ballot has only a
	 * receipt, so not even its voter can be shown how they voted.
	 */
	voted: Map<number, Choice | null>;
}

/** null when the person is not on this meeting's roster. */
export function attendeeStatus(db: Db, meetingId: number, personId: number): AttendeeStatus | null {
	const entry = db
		.prepare(
			'select voting, signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
		)
		.get(meetingId, personId) as
		{ voting: number; signed_in_at: string | null; left_at: string | null } | undefined;
	if (!entry) return null;
	const rows = db
		.prepare(
			`select b.motion_id, c.choice from ballot_receipts b join motions mo on mo.id = b.motion_id
			 left join named_choices c on c.motion_id = b.motion_id and c.person_id = b.person_id
			 where mo.meeting_id = ? and b.person_id = ?`
		)
		.all(meetingId, personId) as { motion_id: number; choice: Choice | null }[];
	return {
		voting: entry.voting === 1,
		signedInAt: entry.signed_in_at,
		leftAt: entry.left_at,
		voted: new Map(rows.map((r) => [r.motion_id, r.choice]))
	};
}
