// The loudspeaker script of an outbox message: a meeting's notice is said with the meeting's own
// date, time and place (read here, a layer above the outbox), any other message as it is written.
import type { Db } from '../db';
import { broadcastScript, type BroadcastSubject } from '../outbox/broadcast';
import { findMessage, type MessageKind } from '../outbox/outbox';
import { getMeeting } from './records';

const MEETING_KINDS: readonly MessageKind[] = ['meeting_called', 'meeting_moved'];

export interface Broadcast {
	messageId: number;
	title: string;
	/** Paragraphs, in the order they are said. */
	script: string[];
}

export function messageBroadcast(
	db: Db,
	village: { id: number; name: string },
	messageId: number
): Broadcast | null {
	const message = findMessage(db, village.id, messageId);
	if (!message) return null;
	const meeting =
		MEETING_KINDS.includes(message.kind) && message.subjectType === 'meeting'
			? getMeeting(db, village.id, message.subjectId)
			: null;
	const subject: BroadcastSubject = meeting
		? {
				kind: 'meeting',
				moved: message.kind === 'meeting_moved',
				title: meeting.title,
				date: meeting.meetingDate,
				time: meeting.startsAt,
				place: meeting.place
			}
		: { kind: 'message', title: message.title, body: message.body };
	return {
		messageId: message.id,
		title: message.title,
		script: broadcastScript({ villageName: village.name, urgent: message.urgent, subject })
	};
}
