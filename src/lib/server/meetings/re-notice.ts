// Moving a notified meeting to another day (改期): a new notice with the full period counted again
// from the day it is given, posted on the board in place of the old one, which stays in the
// history the public notice shows (组织法 2026 第二十五条; docs/domain.md §5.3).
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions';
import { isValidDate, todayInChina } from '../calendar/dates';
import { villageRules } from '../villages/settings';
import { byStaff, getMeeting, type Meeting } from './records';
import { currentMeetingNotice, recordMeetingNotice } from './notice-records';
import { noticePeriodLeft, postMeetingNotice, temporaryNoticeReason } from './notice';
import type { Clash } from '../venues/clash';
import { endTimeOk, meetingClash, movedEnd, venueForMeeting } from './venue';
import { queueMessage } from '../outbox/outbox';
import { meetingMovedWords, villagePath } from '../outbox/words';

export type ReNoticeMeetingResult =
	| { ok: true; meeting: Meeting }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_notified'
				| 'bad_date'
				| 'bad_time'
				| 'bad_end_time'
				| 'bad_venue'
				| 'unchanged'
				| 'other_rule_set'
				| 'bad_reason'
				| 'no_temporary_notice';
	  }
	| { ok: false; reason: 'too_late'; earliest: string }
	| { ok: false; reason: 'venue_clash'; clash: Clash };

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Gives a notified meeting a new date (and time): records a new notice dated today, which must
 * leave the whole notice period again before the new date, unless the rule allows a temporary
 * notice and a reason is given. The expected roster stays as frozen by the first notice.
 */
export function reNoticeMeeting(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: {
		meetingDate: string;
		startsAt?: string;
		/** Not given: the meeting keeps its end time and venue. */
		endsAt?: string;
		venueId?: number | null;
		emergencyReason?: string;
	},
	options: { now?: Date } = {}
): ReNoticeMeetingResult {
	if (!isValidDate(input.meetingDate)) return { ok: false, reason: 'bad_date' };
	const startsAt = (input.startsAt ?? '').trim();
	if (startsAt && !START_TIME.test(startsAt)) return { ok: false, reason: 'bad_time' };
	const givenEnd = input.endsAt?.trim();
	// Its order against the start is checked once the meeting's old times are known (movedEnd).
	if (givenEnd !== undefined && !endTimeOk('', givenEnd))
		return { ok: false, reason: 'bad_end_time' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: byStaff,
		load: () => getMeeting(db, villageId, meetingId),
		run: (meeting, ctx): ReNoticeMeetingResult => {
			const today = todayInChina(ctx.now);
			if (meeting.state !== 'notified') return { ok: false, reason: 'not_notified' };
			const endsAt = movedEnd(meeting, startsAt, givenEnd);
			if (!endTimeOk(startsAt, endsAt)) return { ok: false, reason: 'bad_end_time' };
			const venueId = input.venueId !== undefined ? input.venueId : meeting.venueId;
			const venue =
				venueId !== null ? venueForMeeting(db, villageId, venueId, input.meetingDate) : null;
			if (venueId !== null && !venue) return { ok: false, reason: 'bad_venue' };
			if (
				input.meetingDate === meeting.meetingDate &&
				startsAt === meeting.startsAt &&
				endsAt === meeting.endsAt &&
				venueId === meeting.venueId
			)
				return { ok: false, reason: 'unchanged' };
			// The roster and quorum were frozen under the law of the old date; a date under another
			// law is another meeting, called afresh.
			if (
				villageRules(db, villageId, input.meetingDate).id !==
				villageRules(db, villageId, meeting.meetingDate).id
			)
				return { ok: false, reason: 'other_rule_set' };
			const reason = temporaryNoticeReason(meeting, input.emergencyReason);
			if (reason === 'bad_reason' || reason === 'no_temporary_notice') return { ok: false, reason };
			const may = noticePeriodLeft(meeting, today, input.meetingDate, reason !== null);
			if (!may.ok) return { ok: false, reason: 'too_late', earliest: may.earliest };
			const clash = meetingClash(db, {
				id: meeting.id,
				villageId,
				venueId,
				meetingDate: input.meetingDate,
				startsAt,
				endsAt
			});
			if (clash) return { ok: false, reason: 'venue_clash', clash };
			const previous = currentMeetingNotice(db, meetingId);
			db.prepare(
				`update meetings set meeting_date = ?, starts_at = ?, ends_at = ?, venue_id = ?,
				   place = ?, notice_date = ? where id = ?`
			).run(
				input.meetingDate,
				startsAt,
				endsAt,
				venueId,
				venue?.name ?? meeting.place,
				today,
				meetingId
			);
			const moved = getMeeting(db, villageId, meetingId)!;
			const noticeId = postMeetingNotice(db, actor, moved, ctx.now, previous?.noticeId ?? null);
			recordMeetingNotice(db, {
				meetingId,
				noticeDate: today,
				meetingDate: input.meetingDate,
				startsAt,
				emergencyReason: reason,
				noticeId,
				recordedBy: actor.userId,
				createdAt: ctx.now.toISOString()
			});
			// Those the first notice called are told the new time; each move posts its own board notice.
			queueMessage(ctx, villageId, {
				kind: 'meeting_moved',
				subjectType: 'meeting',
				subjectId: meetingId,
				eventKey: `notice:${noticeId}`,
				...meetingMovedWords(moved),
				link: villagePath(db, villageId, 'meetings', meetingId),
				urgent: reason !== null,
				recipients: db
					.prepare('select person_id from meeting_roster where meeting_id = ?')
					.pluck()
					.all(meetingId) as number[]
			});
			// The venue and end time are logged only when they move, as the notice's other facts.
			const changeOf = (key: 'endsAt' | 'venueId', next: string | number | null) =>
				meeting[key] === next ? [{}, {}] : [{ [key]: meeting[key] }, { [key]: next }];
			const [endBefore, endAfter] = changeOf('endsAt', endsAt);
			const [venueBefore, venueAfter] = changeOf('venueId', venueId);
			ctx.audit({
				action: 'meeting.re_noticed',
				subjectType: 'meeting',
				subjectId: meetingId,
				before: {
					meetingDate: meeting.meetingDate,
					startsAt: meeting.startsAt,
					...endBefore,
					...venueBefore,
					noticeDate: meeting.noticeDate
				},
				after: {
					meetingDate: input.meetingDate,
					startsAt,
					...endAfter,
					...venueAfter,
					noticeDate: today,
					emergencyReason: reason
				}
			});
			return { ok: true, meeting: moved };
		}
	});
}
