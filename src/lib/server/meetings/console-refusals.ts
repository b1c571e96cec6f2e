// What the meeting console tells the clerk when a domain verb refuses: the message, and the
// follow-up its form offers (a confirm step, "close the open motions too"), keyed as the page reads.
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type { Db } from '../db';
import { motionOfMeeting } from './console';
import { listRoster, presentVoters, type Meeting } from './records';
import { type CloseMeetingResult, type CloseMotionResult } from '../votes/closing';
import { type NotifyMeetingResult, type OpenMeetingResult } from './notice';
import { type ReNoticeMeetingResult } from './re-notice';
import { type OpenMotionResult } from '../votes/motions';
import { meetingRefusalMessage, motionRefusalMessage, type MeetingRefusal } from './messages';

type Refused<R> = Extract<R, { ok: false }>;

/** A refused ballot or sign-in names the voter it stopped at. */
export function ballotRefusal(db: Db, meeting: Meeting, reason: MeetingRefusal, personId?: number) {
	const message = motionRefusalMessage(reason, { present: presentVoters(db, meeting) });
	const name =
		personId === undefined
			? null
			: listRoster(db, meeting.id).find((r) => r.personId === personId)?.name;
	return name ? m.mtg_console_refused_for({ name, message }) : message;
}

export const notifyRefusal = (r: Refused<NotifyMeetingResult>) => ({
	message: meetingRefusalMessage(r.reason, {
		earliest: r.reason === 'too_late' ? formatDate(r.earliest) : undefined
	}),
	tooLate: r.reason === 'too_late'
});

export const openRefusal = (r: Refused<OpenMeetingResult>) =>
	meetingRefusalMessage(r.reason, {
		earliest: r.reason === 'too_early' ? formatDate(r.earliest) : undefined,
		meetingDate: r.reason === 'not_meeting_day' ? formatDate(r.meetingDate) : undefined
	});

export const reNoticeRefusal = (r: Refused<ReNoticeMeetingResult>) =>
	meetingRefusalMessage(r.reason, {
		earliest: r.reason === 'too_late' ? formatDate(r.earliest) : undefined
	});

export const openMotionRefusal = (r: Refused<OpenMotionResult>) =>
	motionRefusalMessage(r.reason, {
		formula:
			r.reason === 'no_quorum'
				? m.mtg_console_formula_false({ formula: r.quorum.formula })
				: undefined
	});

/** Few secret ballots: the same form comes back with the count and a confirm field. */
export function closeMotionRefusal(r: Refused<CloseMotionResult>) {
	if (r.reason === 'few_secret_ballots')
		return {
			message: motionRefusalMessage(r.reason, { ballots: r.ballots }),
			values: { confirmClose: '1' }
		};
	return { message: motionRefusalMessage(r.reason) };
}

/** Closing the meeting refused because of one motion names it, and offers the way past it. */
export function closeMeetingRefusal(
	db: Db,
	villageId: number,
	meeting: Meeting,
	r: Refused<CloseMeetingResult>
) {
	const textOf = (motionId: number) =>
		motionOfMeeting(db, villageId, meeting.id, motionId)?.text ?? '';
	switch (r.reason) {
		case 'few_secret_ballots':
			return {
				message: m.mtg_console_few_ballots_meeting({
					text: textOf(r.motionId),
					ballots: r.ballots
				}),
				confirmFewBallots: true
			};
		case 'motions_open':
			return {
				message: m.mtg_console_motions_open({ count: r.motionIds.length }),
				offerCloseMotions: true
			};
		case 'no_tally':
			return {
				message: m.mtg_console_no_tally({ text: textOf(r.motionId) }),
				offerCloseMotions: true
			};
		default:
			return { message: meetingRefusalMessage(r.reason) };
	}
}
