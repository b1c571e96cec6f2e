// Changing a booking (another time, venue or title) and cancelling it with a reason. A change
// passes the same checks as a new booking, leaving the booking itself out of the clash rule.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import {
	bookingConflict,
	bookingInputRefusal,
	spanOf,
	type BookEventInput,
	type BookEventResult
} from './booking';
import { findEvent, findVenue, type HallEvent } from './records';

/** A change keeps the kind and the household; a wedding does not become a film night. */
export type ChangeEventInput = Omit<BookEventInput, 'kind' | 'householdId'>;

export type ChangeEventResult =
	| BookEventResult
	| { ok: false; reason: 'cancelled' }
	| { ok: true; event: HallEvent; changed: false };

export function changeEvent(
	db: Db,
	actor: Actor,
	villageId: number,
	eventId: number,
	input: ChangeEventInput,
	options: { now?: Date } = {}
): ChangeEventResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findEvent(db, villageId, eventId),
		run: (event, ctx): ChangeEventResult => {
			if (event.state === 'cancelled') return { ok: false, reason: 'cancelled' };
			const full = { ...input, kind: event.kind, householdId: event.householdId };
			const refusal = bookingInputRefusal(full);
			if (refusal) return { ok: false, reason: refusal };
			const venue = findVenue(db, villageId, input.venueId);
			if (!venue) return { ok: false, reason: 'no_venue' };
			if (venue.retiredOn !== null && venue.retiredOn <= input.date)
				return { ok: false, reason: 'venue_retired' };
			const span = spanOf(input);
			const conflict = bookingConflict(db, villageId, venue, event.kind, input, span, {
				eventId: event.id
			});
			if (conflict) return conflict;
			const next = {
				venueId: venue.id,
				title: input.title.trim(),
				description: (input.description ?? '').trim(),
				organiser: (input.organiser ?? '').trim(),
				startsAt: span.startsAt,
				endsAt: span.endsAt
			};
			const before: Record<string, unknown> = {};
			const after: Record<string, unknown> = {};
			for (const key of Object.keys(next) as (keyof typeof next)[]) {
				if (event[key] !== next[key]) {
					before[key] = event[key];
					after[key] = next[key];
				}
			}
			if (!Object.keys(after).length) return { ok: true, event, changed: false };
			db.prepare(
				`update hall_events set venue_id = ?, title = ?, description = ?, organiser = ?,
				   starts_at = ?, ends_at = ?, updated_at = ? where id = ?`
			).run(
				next.venueId,
				next.title,
				next.description,
				next.organiser,
				next.startsAt,
				next.endsAt,
				ctx.now.toISOString(),
				event.id
			);
			ctx.audit({
				action: 'hall_event.changed',
				subjectType: 'hall_event',
				subjectId: event.id,
				before,
				after
			});
			return { ok: true, event: findEvent(db, villageId, event.id)! };
		}
	});
}

export const CANCEL_REASON_MAX = 200;

export type CancelEventResult =
	| { ok: true; event: HallEvent }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'cancelled' | 'bad_reason' };

/** Cancels a booking: it stays on record with its reason, and frees its time for others. */
export function cancelEvent(
	db: Db,
	actor: Actor,
	villageId: number,
	eventId: number,
	reason: string,
	options: { now?: Date } = {}
): CancelEventResult {
	const why = reason.trim();
	if (why.length < 1 || [...why].length > CANCEL_REASON_MAX)
		return { ok: false, reason: 'bad_reason' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findEvent(db, villageId, eventId),
		run: (event, ctx): CancelEventResult => {
			if (event.state === 'cancelled') return { ok: false, reason: 'cancelled' };
			db.prepare(
				"update hall_events set state = 'cancelled', cancel_reason = ?, updated_at = ? where id = ?"
			).run(why, ctx.now.toISOString(), event.id);
			ctx.audit({
				action: 'hall_event.cancelled',
				subjectType: 'hall_event',
				subjectId: event.id,
				before: { state: 'booked' },
				after: { state: 'cancelled', reason: why }
			});
			return { ok: true, event: findEvent(db, villageId, event.id)! };
		}
	});
}
