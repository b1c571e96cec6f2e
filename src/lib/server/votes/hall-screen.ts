// Everything the hall screen (会场大屏) shows, read in one call: here in votes/ because the quorum a
// vote is decided on comes from the presence fixed when it was taken (presence.ts, §7.7). Open
// motions leave with their ballot count only (publicMotion): the choices wait for the close.
import type { Db } from '../db';
import type { Actor } from '../permissions';
import { publicMotion, type PublicMotion } from '../meetings/attendee';
import { currentCheckinCode } from '../meetings/checkin';
import { itemUnderDiscussion, quorumWords, type QuorumWords } from '../meetings/hall';
import { getMotion, type Meeting } from '../meetings/records';
import { currentAgendaItem } from '../meetings/speakers';
import { meetingView, type Attendance } from '../meetings/view';
import { motionCounts } from './presence';

export interface HallScreen {
	meeting: Pick<Meeting, 'id' | 'type' | 'title' | 'place' | 'meetingDate' | 'startsAt' | 'state'>;
	attendance: Omit<Attendance, 'counts'>;
	/** The agenda item under discussion; null when every item's motions are closed. */
	item: { id: number; position: number; title: string; topicNumber: string | null } | null;
	/** The quorum in words while the meeting may still vote; null before the roster or after. */
	quorum: QuorumWords | null;
	motions: PublicMotion[];
	/** The check-in code on the screen now, while check-in is open. */
	code: string | null;
}

export function hallScreen(
	db: Db,
	villageId: number,
	meetingId: number,
	options: { now: Date; actor: Actor }
): HallScreen | null {
	const view = meetingView(db, villageId, meetingId);
	if (!view) return null;
	const meeting = view.meeting;
	const item = itemUnderDiscussion(view.agenda, currentAgendaItem(db, meetingId)?.id ?? null);
	// Once a vote is under way its own fixed presence decides, not who is in the hall now.
	const voting = view.agenda
		.flatMap((a) => a.motions)
		.find((mv) => mv.state === 'open' && mv.presentAtVote !== null);
	const motion = voting && getMotion(db, villageId, voting.id);
	const quorum =
		view.attendance.quorum && meeting.state !== 'closed'
			? motion
				? quorumWords(meeting.rule, motionCounts(db, meeting, motion), true)
				: quorumWords(meeting.rule, view.attendance.counts, false)
			: null;
	const attendance: Partial<Attendance> = { ...view.attendance };
	delete attendance.counts;
	return {
		meeting: {
			id: meeting.id,
			type: meeting.type,
			title: meeting.title,
			place: meeting.place,
			meetingDate: meeting.meetingDate,
			startsAt: meeting.startsAt,
			state: meeting.state
		},
		attendance: attendance as HallScreen['attendance'],
		item: item && {
			id: item.id,
			position: item.position,
			title: item.title,
			topicNumber: item.topic?.number ?? null
		},
		quorum,
		motions: view.agenda.flatMap((a) =>
			a.motions.map((mv) => publicMotion(mv, { voterNames: false }))
		),
		code: currentCheckinCode(db, meeting.id, options.now, { actor: options.actor })
	};
}
