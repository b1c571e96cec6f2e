// The village's public calendar: the public hall events and the meetings the notice board has
// announced, read for a month page, a weekly poster or the iCalendar feed. Private uses (a wedding,
// a funeral) never appear; a public event that was cancelled stays, marked, so nobody comes for it.
import type { Db } from '../db';
import { addDays, isValidDate } from '../calendar/dates';
import { meetingSpan } from './clash';
import { eventsBetween, type EventKind } from './records';

export interface CalendarItem {
	source: 'event' | 'meeting';
	id: number;
	title: string;
	/** Local wall-clock times, 'YYYY-MM-DDTHH:MM'; the end is exclusive. */
	startsAt: string;
	endsAt: string;
	/** A meeting announced without a start time holds the whole day. */
	allDay: boolean;
	place: string;
	outdoor: boolean;
	eventKind: EventKind | null;
	meetingType: string | null;
	description: string;
	organiser: string;
	cancelled: boolean;
	attendance: number | null;
	/** When the entry last changed (UTC, ISO): the feed's DTSTAMP. */
	changedAt: string;
}

/** The local wall-clock time in China now, 'YYYY-MM-DDTHH:MM' (UTC+8, no daylight saving). */
export const chinaNow = (now = new Date()): string =>
	new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

/**
 * The meetings a villager may read about: those the board has announced with a meeting notice.
 * The board is the rule (a party members' assembly posted by the branch is public; a meeting
 * without a posted notice is not), so the calendar never says more than the board.
 */
function announcedMeetings(db: Db, villageId: number, from: string, to: string): CalendarItem[] {
	const rows = db
		.prepare(
			`select m.id, m.type, m.title, m.meeting_date as meetingDate, m.starts_at as startsAt,
			   m.ends_at as endsAt, coalesce(v.name, m.place) as place, coalesce(v.outdoor, 0) as outdoor,
			   (select max(n.created_at) from notices n where n.meeting_id = m.id and n.kind = 'meeting')
			     as changedAt
			 from meetings m left join venues v on v.id = m.venue_id
			 where m.village_id = ? and m.state != 'draft' and m.meeting_date >= ? and m.meeting_date < ?
			   and exists (select 1 from notices n where n.meeting_id = m.id and n.kind = 'meeting')
			 order by m.meeting_date, m.starts_at, m.id`
		)
		.all(villageId, from.slice(0, 10), to.slice(0, 10)) as {
		id: number;
		type: string;
		title: string;
		meetingDate: string;
		startsAt: string;
		endsAt: string;
		place: string;
		outdoor: number;
		changedAt: string;
	}[];
	return rows.map((r) => {
		const span = meetingSpan(r);
		return {
			source: 'meeting',
			id: r.id,
			title: r.title,
			...span,
			allDay: r.startsAt === '',
			place: r.place,
			outdoor: r.outdoor === 1,
			eventKind: null,
			meetingType: r.type,
			description: '',
			organiser: '',
			cancelled: false,
			attendance: null,
			changedAt: r.changedAt
		};
	});
}

/**
 * Everything public that starts in [from, to) (dates or local times), in time order. Cancelled
 * public events only when asked: the calendar and the feed say they are off, a poster leaves them out.
 */
export function publicCalendar(
	db: Db,
	villageId: number,
	from: string,
	to: string,
	opts: { withCancelled: boolean }
): CalendarItem[] {
	const outdoor = new Set(
		(
			db.prepare('select id from venues where village_id = ? and outdoor = 1').all(villageId) as {
				id: number;
			}[]
		).map((v) => v.id)
	);
	const changed = db.prepare('select updated_at from hall_events where id = ?').pluck();
	const events: CalendarItem[] = eventsBetween(db, villageId, from, to, {
		publicOnly: true,
		withCancelled: opts.withCancelled
	}).map((e) => ({
		source: 'event',
		id: e.id,
		title: e.title,
		startsAt: e.startsAt,
		endsAt: e.endsAt,
		allDay: false,
		place: e.venueName,
		outdoor: outdoor.has(e.venueId),
		eventKind: e.kind,
		meetingType: null,
		description: e.description,
		organiser: e.organiser,
		cancelled: e.state === 'cancelled',
		attendance: e.attendance,
		changedAt: changed.get(e.id) as string
	}));
	return [...events, ...announcedMeetings(db, villageId, from, to)].sort((a, b) =>
		a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.source < b.source ? -1 : 1
	);
}

export interface CalendarDay {
	date: string;
	items: CalendarItem[];
}

/** The items grouped under their day, days in order; days with nothing are left out. */
export function byDay(items: readonly CalendarItem[]): CalendarDay[] {
	const days: CalendarDay[] = [];
	for (const item of items) {
		const date = item.startsAt.slice(0, 10);
		const last = days.at(-1);
		if (last?.date === date) last.items.push(item);
		else days.push({ date, items: [item] });
	}
	return days;
}

export interface Month {
	/** 'YYYY-MM' */
	month: string;
	/** The first day of the month and of the next one: the month is [from, to). */
	from: string;
	to: string;
	previous: string;
	next: string;
}

const monthText = (index: number) =>
	`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * The month a `?month=` asks for; a missing or malformed one (or one outside 2000–2099, which no
 * village's hall has booked) falls back to today's month rather than failing.
 */
export function monthOf(param: string | null, today: string): Month {
	const asked = param && /^20\d\d-(0[1-9]|1[0-2])$/.test(param) ? param : today.slice(0, 7);
	const [y, mo] = asked.split('-').map(Number);
	const index = y * 12 + mo - 1;
	return {
		month: asked,
		from: `${asked}-01`,
		to: `${monthText(index + 1)}-01`,
		previous: monthText(index - 1),
		next: monthText(index + 1)
	};
}

export interface Week {
	/** Monday, and the Monday after: the week is [from, to). */
	from: string;
	to: string;
	days: string[];
	previous: string;
	next: string;
}

/** The week (Monday to Sunday, as a Chinese calendar reads) holding a date; null for a bad date. */
export function weekOf(date: string): Week | null {
	if (!isValidDate(date)) return null;
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	const monday = addDays(date, -((weekday + 6) % 7));
	return {
		from: monday,
		to: addDays(monday, 7),
		days: Array.from({ length: 7 }, (_, i) => addDays(monday, i)),
		previous: addDays(monday, -7),
		next: addDays(monday, 7)
	};
}
