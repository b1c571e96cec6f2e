// What the hall's booking desk reads: each venue with its uses from today on (bookings, private
// ones too, and meetings that hold it), so the clerk sees the free times before booking.
import type { Db } from '../db';
import { addDays } from '../calendar/dates';
import { meetingSpan, type Span } from './clash';
import { eventsBetween, listVenues, type EventKind, type Venue } from './records';

/** How far ahead the desk lists: four weeks, the span villagers book in. */
export const DESK_DAYS = 28;

export interface DeskUse extends Span {
	kind: 'meeting' | 'event';
	id: number;
	title: string;
	eventKind: EventKind | null;
	/** Within the coming seven days. */
	thisWeek: boolean;
}

export interface DeskVenue {
	venue: Venue;
	uses: DeskUse[];
}

export function bookingDesk(db: Db, villageId: number, today: string): DeskVenue[] {
	const until = addDays(today, DESK_DAYS);
	const weekEnd = addDays(today, 7);
	const events = eventsBetween(db, villageId, today, until, { publicOnly: false });
	const meetings = db
		.prepare(
			`select id, title, venue_id as venueId, meeting_date as meetingDate, starts_at as startsAt,
			   ends_at as endsAt from meetings
			 where village_id = ? and venue_id is not null and state in ('notified', 'open')
			   and meeting_date >= ? and meeting_date < ?`
		)
		.all(villageId, today, until) as {
		id: number;
		title: string;
		venueId: number;
		meetingDate: string;
		startsAt: string;
		endsAt: string;
	}[];
	return listVenues(db, villageId).map((venue) => {
		const uses: DeskUse[] = [
			...events
				.filter((e) => e.venueId === venue.id)
				.map((e) => ({
					kind: 'event' as const,
					id: e.id,
					title: e.title,
					eventKind: e.kind,
					startsAt: e.startsAt,
					endsAt: e.endsAt,
					thisWeek: e.startsAt < weekEnd
				})),
			...meetings
				.filter((mt) => mt.venueId === venue.id)
				.map((mt) => ({
					kind: 'meeting' as const,
					id: mt.id,
					title: mt.title,
					eventKind: null,
					...meetingSpan(mt),
					thisWeek: mt.meetingDate < weekEnd
				}))
		].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
		return { venue, uses };
	});
}
