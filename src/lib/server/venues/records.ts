// The hall's venues (会场) and what is booked on them (hall events), as read by every page that
// shows them: the booking pages, the public calendar, the feed and the posters.
import type { Db } from '../db';

export interface Venue {
	id: number;
	villageId: number;
	name: string;
	capacity: number;
	outdoor: boolean;
	position: number;
	retiredOn: string | null;
}

export const EVENT_KINDS = [
	'elderly_care',
	'performance',
	'training',
	'film',
	'reading',
	'sports',
	'celebration',
	'wedding',
	'funeral',
	'other'
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Private uses under the village's 红白理事会 rules: never public. */
export const PRIVATE_KINDS: readonly EventKind[] = ['wedding', 'funeral'];

export interface HallEvent {
	id: number;
	villageId: number;
	venueId: number;
	venueName: string;
	kind: EventKind;
	title: string;
	description: string;
	/** Local wall-clock time, 'YYYY-MM-DDTHH:MM'. */
	startsAt: string;
	endsAt: string;
	public: boolean;
	organiser: string;
	householdId: number | null;
	state: 'booked' | 'cancelled';
	cancelReason: string | null;
	attendance: number | null;
	attendanceMethod: 'count' | 'qr' | null;
	checkinKey: string | null;
	createdAt: string;
}

type VenueRow = Omit<Venue, 'outdoor'> & { outdoor: number };

const VENUE = `select id, village_id as villageId, name, capacity, outdoor = 1 as outdoor, position,
	retired_on as retiredOn from venues`;

/** The village's venues in their order; retired ones only when asked (old bookings name them). */
export function listVenues(
	db: Db,
	villageId: number,
	opts: { withRetired?: boolean } = {}
): Venue[] {
	const rows = db
		.prepare(
			`${VENUE} where village_id = ? ${opts.withRetired ? '' : 'and retired_on is null'}
			 order by position, id`
		)
		.all(villageId) as VenueRow[];
	return rows.map((r) => ({ ...r, outdoor: r.outdoor === 1 }));
}

export function findVenue(db: Db, villageId: number, id: number): Venue | null {
	const r = db.prepare(`${VENUE} where id = ? and village_id = ?`).get(id, villageId) as
		VenueRow | undefined;
	return r ? { ...r, outdoor: r.outdoor === 1 } : null;
}

const EVENT = `select e.id, e.village_id as villageId, e.venue_id as venueId, v.name as venueName,
	e.kind, e.title, e.description, e.starts_at as startsAt, e.ends_at as endsAt, e.public,
	e.organiser, e.household_id as householdId, e.state, e.cancel_reason as cancelReason,
	e.attendance, e.attendance_method as attendanceMethod, e.checkin_key as checkinKey,
	e.created_at as createdAt
	from hall_events e join venues v on v.id = e.venue_id`;

type EventRow = Omit<HallEvent, 'public'> & { public: number };
const toEvent = (r: EventRow): HallEvent => ({ ...r, public: r.public === 1 });

export function findEvent(db: Db, villageId: number, id: number): HallEvent | null {
	const r = db.prepare(`${EVENT} where e.id = ? and e.village_id = ?`).get(id, villageId) as
		EventRow | undefined;
	return r ? toEvent(r) : null;
}

/**
 * The village's events that start in [from, to) (local times or dates: '2026-10-01' sorts before
 * every time of that day), in time order. Cancelled ones only when asked, private ones only for
 * staff pages (`publicOnly: false`).
 */
export function eventsBetween(
	db: Db,
	villageId: number,
	from: string,
	to: string,
	opts: { publicOnly: boolean; withCancelled?: boolean }
): HallEvent[] {
	const rows = db
		.prepare(
			`${EVENT} where e.village_id = ? and e.starts_at >= ? and e.starts_at < ?
			 ${opts.publicOnly ? 'and e.public = 1' : ''}
			 ${opts.withCancelled ? '' : "and e.state = 'booked'"}
			 order by e.starts_at, e.id`
		)
		.all(villageId, from, to) as EventRow[];
	return rows.map(toEvent);
}
