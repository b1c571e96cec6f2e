// The one clash rule of the hall's venues: two uses of one venue may not overlap in time, whether
// each is a meeting or a booked event. Meetings keep a date and a start time; one without an end
// time is taken to run MEETING_DEFAULT_HOURS, and one without a start time to hold the whole day,
// so a clash is refused rather than missed.
import type { Db } from '../db';

export const MEETING_DEFAULT_HOURS = 2;

export interface Span {
	/** Local wall-clock times, 'YYYY-MM-DDTHH:MM'; the end is exclusive. */
	startsAt: string;
	endsAt: string;
}

export interface Clash extends Span {
	kind: 'meeting' | 'event';
	id: number;
	title: string;
}

/** Whether two spans overlap: touching ends (one ends at 10:00, the next starts at 10:00) do not. */
export function overlaps(a: Span, b: Span): boolean {
	return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

function addHours(time: string, hours: number): string {
	const [h, m] = time.split(':').map(Number);
	const total = Math.min(h * 60 + m + hours * 60, 24 * 60 - 1);
	return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The span a meeting holds its venue for, as the clash rule reads it. */
export function meetingSpan(meeting: {
	meetingDate: string;
	startsAt: string;
	endsAt: string;
}): Span {
	if (meeting.startsAt === '')
		return { startsAt: `${meeting.meetingDate}T00:00`, endsAt: `${meeting.meetingDate}T23:59` };
	const end =
		meeting.endsAt !== '' && meeting.endsAt > meeting.startsAt
			? meeting.endsAt
			: addHours(meeting.startsAt, MEETING_DEFAULT_HOURS);
	return {
		startsAt: `${meeting.meetingDate}T${meeting.startsAt}`,
		endsAt: `${meeting.meetingDate}T${end}`
	};
}

/**
 * The first use of the venue that overlaps the span, or null: booked events (not cancelled) and
 * meetings that are not drafts (a draft is nobody's plan yet). `except` leaves out the use being
 * moved, so moving an event within its own time is no clash.
 */
export function findClash(
	db: Db,
	villageId: number,
	venueId: number,
	span: Span,
	except: { eventId?: number; meetingId?: number } = {}
): Clash | null {
	const day = span.startsAt.slice(0, 10);
	const lastDay = span.endsAt.slice(0, 10);
	const meetings = db
		.prepare(
			`select id, title, meeting_date as meetingDate, starts_at as startsAt, ends_at as endsAt
			 from meetings where village_id = ? and venue_id = ? and state != 'draft'
			   and meeting_date between ? and ? and id != ?`
		)
		.all(villageId, venueId, day, lastDay, except.meetingId ?? 0) as {
		id: number;
		title: string;
		meetingDate: string;
		startsAt: string;
		endsAt: string;
	}[];
	const clashes: Clash[] = [];
	for (const m of meetings) {
		const s = meetingSpan(m);
		if (overlaps(span, s)) clashes.push({ kind: 'meeting', id: m.id, title: m.title, ...s });
	}
	const event = db
		.prepare(
			`select id, title, starts_at as startsAt, ends_at as endsAt from hall_events
			 where village_id = ? and venue_id = ? and state = 'booked' and id != ?
			   and starts_at < ? and ends_at > ?
			 order by starts_at limit 1`
		)
		.get(villageId, venueId, except.eventId ?? 0, span.endsAt, span.startsAt) as
		{ id: number; title: string; startsAt: string; endsAt: string } | undefined;
	if (event) clashes.push({ kind: 'event', ...event });
	clashes.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
	return clashes[0] ?? null;
}
