// Booking a venue (预约场地): an activity or a private use on one of the village's venues, refused
// when it clashes with another use of the venue (clash.ts), with the clashing one named.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate } from '../calendar/dates';
import { findClash, type Clash, type Span } from './clash';
import { getHallRules, hallRuleBreach, type HallRuleBreach } from './hall-rules';
import {
	EVENT_KINDS,
	PRIVATE_KINDS,
	findEvent,
	findVenue,
	type EventKind,
	type HallEvent,
	type Venue
} from './records';

export const EVENT_TITLE_MAX = 100;
export const EVENT_DESCRIPTION_MAX = 2000;
export const EVENT_ORGANISER_MAX = 100;

export interface BookEventInput {
	venueId: number;
	kind: string;
	title: string;
	description?: string;
	/** 'YYYY-MM-DD' and 'HH:MM' each, as a form sends them. */
	date: string;
	startTime: string;
	endTime: string;
	organiser?: string;
	/** For a private use: the household that asked. */
	householdId?: number | null;
	/** How many are expected (for a private use: its guests); never more than the venue holds. */
	expected?: number | null;
	/** For a private use: the tables (桌数) it sets, which the 红白理事会 rules may limit. */
	tables?: number | null;
}

export type BookingRefusal =
	| 'bad_kind'
	| 'bad_title'
	| 'description_too_long'
	| 'organiser_too_long'
	| 'bad_date'
	| 'bad_time'
	| 'ends_before_start'
	| 'no_venue'
	| 'venue_retired'
	| 'household_needed'
	| 'no_household'
	| 'bad_expected';

/** A refusal that needs the database: the clash named, the capacity or the rule broken. */
export type BookingConflict =
	| { ok: false; reason: 'clash'; clash: Clash }
	| { ok: false; reason: 'over_capacity'; capacity: number }
	| { ok: false; reason: 'hall_rules'; breach: HallRuleBreach };

export type BookEventResult =
	| { ok: true; event: HallEvent }
	| { ok: false; reason: 'forbidden' | 'not_found' | BookingRefusal }
	| BookingConflict;

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** The checks of a booking that need no database, in the order a form shows them. */
export function bookingInputRefusal(input: BookEventInput): BookingRefusal | null {
	if (!(EVENT_KINDS as readonly string[]).includes(input.kind)) return 'bad_kind';
	const title = input.title.trim();
	if (title.length < 1 || [...title].length > EVENT_TITLE_MAX) return 'bad_title';
	if ([...(input.description ?? '').trim()].length > EVENT_DESCRIPTION_MAX)
		return 'description_too_long';
	if ([...(input.organiser ?? '').trim()].length > EVENT_ORGANISER_MAX) return 'organiser_too_long';
	if (!isValidDate(input.date)) return 'bad_date';
	if (!TIME.test(input.startTime) || !TIME.test(input.endTime)) return 'bad_time';
	if (input.endTime <= input.startTime) return 'ends_before_start';
	if (PRIVATE_KINDS.includes(input.kind as EventKind) && !input.householdId)
		return 'household_needed';
	for (const n of [input.expected, input.tables])
		if (n != null && (!Number.isSafeInteger(n) || n < 0)) return 'bad_expected';
	return null;
}

export const spanOf = (input: Pick<BookEventInput, 'date' | 'startTime' | 'endTime'>): Span => ({
	startsAt: `${input.date}T${input.startTime}`,
	endsAt: `${input.date}T${input.endTime}`
});

function hoursOf(span: Span): number {
	const minutes = (t: string) => Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
	return (minutes(span.endsAt) - minutes(span.startsAt)) / 60;
}

/**
 * What the venue and the village's rules say to a use of `span`: over the venue's capacity is
 * refused (a hall packed past what it holds is unsafe, and a larger venue is on the same list); a
 * private use over the 红白理事会 rules is refused with the rule named; a clash with another use
 * is refused naming it. `except` leaves out the event being changed.
 */
export function bookingConflict(
	db: Db,
	villageId: number,
	venue: Venue,
	kind: EventKind,
	input: Pick<BookEventInput, 'expected' | 'tables'>,
	span: Span,
	except: { eventId?: number } = {}
): BookingConflict | null {
	if ((input.expected ?? 0) > venue.capacity)
		return { ok: false, reason: 'over_capacity', capacity: venue.capacity };
	if (PRIVATE_KINDS.includes(kind)) {
		const breach = hallRuleBreach(getHallRules(db, villageId), {
			tables: input.tables,
			guests: input.expected,
			hours: hoursOf(span)
		});
		if (breach) return { ok: false, reason: 'hall_rules', breach };
	}
	const clash = findClash(db, villageId, venue.id, span, except);
	return clash ? { ok: false, reason: 'clash', clash } : null;
}

/**
 * Books an event on a venue (staff: the clerk or the committee take bookings at the hall's desk).
 * A private use (wedding, funeral) is never public and names the household that asked.
 */
export function bookEvent(
	db: Db,
	actor: Actor,
	villageId: number,
	input: BookEventInput,
	options: { now?: Date } = {}
): BookEventResult {
	const refusal = bookingInputRefusal(input);
	if (refusal) return { ok: false, reason: refusal };
	const kind = input.kind as EventKind;
	const isPrivate = PRIVATE_KINDS.includes(kind);
	const span = spanOf(input);
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): BookEventResult => {
			const venue = findVenue(db, villageId, input.venueId);
			if (!venue) return { ok: false, reason: 'no_venue' };
			if (venue.retiredOn !== null && venue.retiredOn <= input.date)
				return { ok: false, reason: 'venue_retired' };
			if (isPrivate) {
				const household = db
					.prepare('select 1 from households where id = ? and village_id = ?')
					.get(input.householdId, villageId);
				if (!household) return { ok: false, reason: 'no_household' };
			}
			const conflict = bookingConflict(db, villageId, venue, kind, input, span);
			if (conflict) return conflict;
			const at = ctx.now.toISOString();
			const id = Number(
				db
					.prepare(
						`insert into hall_events (village_id, venue_id, kind, title, description, starts_at,
						   ends_at, public, organiser, household_id, created_by, created_at, updated_at)
						 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						villageId,
						venue.id,
						kind,
						input.title.trim(),
						(input.description ?? '').trim(),
						span.startsAt,
						span.endsAt,
						isPrivate ? 0 : 1,
						(input.organiser ?? '').trim(),
						isPrivate ? input.householdId : null,
						actor.userId,
						at,
						at
					).lastInsertRowid
			);
			const event = findEvent(db, villageId, id)!;
			ctx.audit({
				action: 'hall_event.booked',
				subjectType: 'hall_event',
				subjectId: id,
				after: {
					venueId: venue.id,
					kind,
					startsAt: span.startsAt,
					endsAt: span.endsAt,
					expected: input.expected ?? null,
					tables: input.tables ?? null
				}
			});
			return { ok: true, event };
		}
	});
}
