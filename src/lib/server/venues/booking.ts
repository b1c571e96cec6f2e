// Booking a venue (预约场地): an activity or a private use on one of the village's venues, refused
// when it clashes with another use of the venue (clash.ts), with the clashing one named.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate } from '../calendar/dates';
import { findClash, type Clash } from './clash';
import {
	EVENT_KINDS,
	PRIVATE_KINDS,
	findEvent,
	findVenue,
	type EventKind,
	type HallEvent
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
	| 'no_household';

export type BookEventResult =
	| { ok: true; event: HallEvent }
	| { ok: false; reason: 'forbidden' | 'not_found' | BookingRefusal }
	| { ok: false; reason: 'clash'; clash: Clash };

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
	return null;
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
	const span = {
		startsAt: `${input.date}T${input.startTime}`,
		endsAt: `${input.date}T${input.endTime}`
	};
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
			const clash = findClash(db, villageId, venue.id, span);
			if (clash) return { ok: false, reason: 'clash', clash };
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
				after: { venueId: venue.id, kind, startsAt: span.startsAt, endsAt: span.endsAt }
			});
			return { ok: true, event };
		}
	});
}
