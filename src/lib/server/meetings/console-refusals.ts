// What the meeting console tells the clerk when a domain verb refuses: the message, and the
// follow-up its form offers (a confirm step, "close the open motions too"), keyed as the page reads.
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type { Db } from '../db';
import { motionOfMeeting } from './console';
import { presentVoters, type Meeting } from './records';
import { labelledRoster } from './paper-entry';
import { type CloseCheck, type CloseMeetingResult, type CloseMotionResult } from '../votes/closing';
import { type NotifyMeetingResult, type OpenMeetingResult } from './notice';
import { type ReNoticeMeetingResult } from './re-notice';
import { type MarkAttendanceManyResult } from './attendance';
import { type OpenMotionResult } from '../votes/motions';
import { meetingRefusalMessage, motionRefusalMessage, type MeetingRefusal } from './messages';

type Refused<R> = Extract<R, { ok: false }>;

/** A refused ballot or sign-in names the voter it stopped at, told apart from any namesake. */
export function ballotRefusal(db: Db, meeting: Meeting, reason: MeetingRefusal, personId?: number) {
	const message = motionRefusalMessage(reason, { present: presentVoters(db, meeting) });
	const name =
		personId === undefined
			? null
			: labelledRoster(db, meeting.id).find((r) => r.personId === personId)?.label;
	return name ? m.mtg_console_refused_for({ name, message }) : message;
}

/**
 * A refused paper or roll-call list, of which nothing was stored: one message beside each refused
 * row (`rows`, by person id), each naming its person, and beside the submit button all of them.
 */
export function entryRefusal(
	db: Db,
	meeting: Meeting,
	refusals: readonly { personId: number; reason: MeetingRefusal }[]
) {
	const labels = new Map(labelledRoster(db, meeting.id).map((r) => [r.personId, r.label]));
	const present = presentVoters(db, meeting);
	const lines = refusals.map((r) => ({
		personId: r.personId,
		text: m.mtg_console_refused_for({
			name: labels.get(r.personId) ?? '',
			message: motionRefusalMessage(r.reason, { present })
		})
	}));
	return {
		message: [
			m.mtg_console_entry_refused({ count: refusals.length }),
			...lines.map((l) => l.text)
		].join(' '),
		rows: Object.fromEntries(lines.map((l) => [l.personId, l.text])) as Record<number, string>
	};
}

/** A refused attendance checklist: the meeting's words, naming the one person it stopped at. */
export function attendanceRefusal(db: Db, meeting: Meeting, r: Refused<MarkAttendanceManyResult>) {
	const message = meetingRefusalMessage(r.reason);
	const name =
		'personId' in r
			? labelledRoster(db, meeting.id).find((e) => e.personId === r.personId)?.label
			: null;
	return name ? m.mtg_console_refused_for({ name, message }) : message;
}

export const notifyRefusal = (r: Refused<NotifyMeetingResult>) => ({
	message: meetingRefusalMessage(r.reason, {
		earliest: r.reason === 'too_late' ? formatDate(r.earliest) : undefined,
		clash: r.reason === 'venue_clash' ? r.clash : undefined
	}),
	tooLate: r.reason === 'too_late',
	...(r.reason === 'venue_clash' ? { clash: r.clash } : {})
});

export const openRefusal = (r: Refused<OpenMeetingResult>) =>
	meetingRefusalMessage(r.reason, {
		earliest: r.reason === 'too_early' ? formatDate(r.earliest) : undefined,
		meetingDate: r.reason === 'not_meeting_day' ? formatDate(r.meetingDate) : undefined
	});

export const reNoticeRefusal = (r: Refused<ReNoticeMeetingResult>) =>
	meetingRefusalMessage(r.reason, {
		earliest: r.reason === 'too_late' ? formatDate(r.earliest) : undefined,
		clash: r.reason === 'venue_clash' ? r.clash : undefined
	});

export const openMotionRefusal = (r: Refused<OpenMotionResult>) =>
	motionRefusalMessage(r.reason, {
		formula:
			r.reason === 'no_quorum'
				? m.mtg_console_formula_false({ formula: r.quorum.formula })
				: undefined
	});

/** What a close is confirmed on: its numbers, and the risk of a tiny secret count. */
const checkText = (c: CloseCheck, numbers: string) =>
	c.fewSecret
		? `${numbers} ${m.meeting_refused_few_secret_ballots({ ballots: c.ballots })}`
		: numbers;

/**
 * The first post of "结束表决" is answered with the numbers and a confirm form (`confirmClose`,
 * which the motion card reads: 'few' when the count may reveal choices); only the second closes.
 */
export function closeMotionRefusal(r: Refused<CloseMotionResult>) {
	if (r.reason === 'unconfirmed') {
		const { check } = r;
		return {
			message: checkText(
				check,
				m.mtg_console_close_vote_check({ present: check.present, ballots: check.ballots })
			),
			values: { confirmClose: check.fewSecret ? 'few' : 'plain' }
		};
	}
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
		case 'unconfirmed': {
			const lines = r.open.map((c) =>
				checkText(
					c,
					m.mtg_console_close_meeting_open_vote({
						text: textOf(c.motionId),
						present: c.present,
						ballots: c.ballots
					})
				)
			);
			if (r.minutesEmpty) lines.push(m.mtg_console_close_meeting_minutes_empty());
			return {
				message: [...lines, m.mtg_console_close_meeting_question()].join(' '),
				confirm: {
					fewSecret: r.open.some((c) => c.fewSecret),
					closeOpenMotions: r.open.length > 0
				}
			};
		}
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
