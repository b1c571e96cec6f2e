// How many came to a hall event: a count the hall's staff type in once it has started, or the
// villagers' own QR sign-ins at the door (one per person), so the village's cultural life can be
// counted (figures/culture.ts) without anyone's name leaving the hall.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isMemberNow, isStaffOf } from '../permissions/village';
import { chinaNow } from './calendar';
import { findEvent, findVenue, type HallEvent } from './records';

/**
 * A typed count may reach three times the venue's seats: people stand at the back of the hall and
 * crowd round the lake stage; anything beyond that is a slip of the finger, refused for a recount.
 */
export const ATTENDANCE_CAPACITY_FACTOR = 3;

export type AttendanceRefusal =
	'forbidden' | 'not_found' | 'cancelled' | 'not_started' | 'bad_count' | 'too_many';

export type RecordAttendanceResult =
	| { ok: true; attendance: number; before: number | null }
	| { ok: false; reason: AttendanceRefusal; max?: number };

const loadEvent = (db: Db, villageId: number, eventId: number) => findEvent(db, villageId, eventId);

/**
 * Staff record how many came. Only once the event has started (nobody can count a crowd still to
 * come), not for a cancelled one; a recount replaces the number, the audit keeps both.
 */
export function recordAttendance(
	db: Db,
	actor: Actor,
	villageId: number,
	eventId: number,
	count: number,
	options: { now?: Date } = {}
): RecordAttendanceResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => loadEvent(db, villageId, eventId),
		run: (event, ctx): RecordAttendanceResult => {
			if (event.state === 'cancelled') return { ok: false, reason: 'cancelled' };
			if (chinaNow(ctx.now) < event.startsAt) return { ok: false, reason: 'not_started' };
			if (!Number.isInteger(count) || count < 0) return { ok: false, reason: 'bad_count' };
			const max = findVenue(db, villageId, event.venueId)!.capacity * ATTENDANCE_CAPACITY_FACTOR;
			if (count > max) return { ok: false, reason: 'too_many', max };
			db.prepare(
				`update hall_events set attendance = ?, attendance_method = 'count', updated_at = ?
				 where id = ?`
			).run(count, ctx.now.toISOString(), event.id);
			ctx.audit({
				action: 'hall_event.attendance_recorded',
				subjectType: 'hall_event',
				subjectId: event.id,
				before: { attendance: event.attendance, method: event.attendanceMethod },
				after: { attendance: count, method: 'count' }
			});
			return { ok: true, attendance: count, before: event.attendance };
		}
	});
}

export type CheckinKeyResult =
	| { ok: true; key: string }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'cancelled' | 'over' };

/**
 * The key the door's QR code carries, made the first time staff open the door page. It is random
 * (128 bits), so a sign-in link cannot be guessed from the event's number; once issued it stays,
 * so a sheet printed the day before still works on the day.
 */
export function issueCheckinKey(
	db: Db,
	actor: Actor,
	villageId: number,
	eventId: number,
	options: { now?: Date } = {}
): CheckinKeyResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => loadEvent(db, villageId, eventId),
		run: (event, ctx): CheckinKeyResult => {
			if (event.state === 'cancelled') return { ok: false, reason: 'cancelled' };
			if (chinaNow(ctx.now).slice(0, 10) > event.startsAt.slice(0, 10))
				return { ok: false, reason: 'over' };
			if (event.checkinKey) return { ok: true, key: event.checkinKey };
			const key = randomBytes(16).toString('base64url');
			db.prepare('update hall_events set checkin_key = ?, updated_at = ? where id = ?').run(
				key,
				ctx.now.toISOString(),
				event.id
			);
			// The key itself stays out of the log: anyone reading the log could sign in with it.
			ctx.audit({
				action: 'hall_event.checkin_key_issued',
				subjectType: 'hall_event',
				subjectId: event.id,
				after: { issued: true }
			});
			return { ok: true, key };
		}
	});
}

export type CheckInResult =
	| { ok: true; already: boolean; attendance: number }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'bad_key' | 'cancelled' | 'not_today' | 'no_person';
	  };

const sameKey = (a: string, b: string) => {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A villager signs in at the door by scanning its code, on the event's own day (China time). One
 * row per person: a second scan changes nothing and says so. The event's attendance is then the
 * number of sign-ins.
 */
export function checkInToEvent(
	db: Db,
	actor: Actor,
	villageId: number,
	eventId: number,
	key: string,
	options: { now?: Date } = {}
): CheckInResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isMemberNow(db, actor, villageId),
		load: () => loadEvent(db, villageId, eventId),
		run: (event: HallEvent, ctx): CheckInResult => {
			if (!event.checkinKey || !sameKey(event.checkinKey, key))
				return { ok: false, reason: 'bad_key' };
			if (event.state === 'cancelled') return { ok: false, reason: 'cancelled' };
			if (chinaNow(ctx.now).slice(0, 10) !== event.startsAt.slice(0, 10))
				return { ok: false, reason: 'not_today' };
			if (actor.personId === null) return { ok: false, reason: 'no_person' };
			const inserted = db
				.prepare(
					`insert into hall_event_checkins (event_id, person_id, at) values (?, ?, ?)
					 on conflict do nothing`
				)
				.run(event.id, actor.personId, ctx.now.toISOString()).changes;
			const count = db
				.prepare('select count(*) from hall_event_checkins where event_id = ?')
				.pluck()
				.get(event.id) as number;
			if (inserted === 0) return { ok: true, already: true, attendance: count };
			db.prepare(
				`update hall_events set attendance = ?, attendance_method = 'qr', updated_at = ?
				 where id = ?`
			).run(count, ctx.now.toISOString(), event.id);
			ctx.audit({
				action: 'hall_event.checked_in',
				subjectType: 'hall_event',
				subjectId: event.id,
				after: { personId: actor.personId, attendance: count }
			});
			return { ok: true, already: false, attendance: count };
		}
	});
}

/** The door page's view: whether the event takes sign-ins and how many have signed in so far. */
export function checkinCount(db: Db, eventId: number): number {
	return db
		.prepare('select count(*) from hall_event_checkins where event_id = ?')
		.pluck()
		.get(eventId) as number;
}

/** Whether this person has signed in at the event: the door page then says so instead of asking. */
export function hasCheckedIn(db: Db, eventId: number, personId: number): boolean {
	return !!db
		.prepare('select 1 from hall_event_checkins where event_id = ? and person_id = ?')
		.get(eventId, personId);
}
