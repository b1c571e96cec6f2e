// Keeping the village's list of venues: adding one, changing its name, capacity or place in the
// list, and retiring it from a date. A venue is never deleted: old bookings and meetings name it.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate } from '../calendar/dates';
import { findVenue, type Venue } from './records';

export const VENUE_NAME_MAX = 50;
export const VENUE_CAPACITY_MAX = 10000;

export interface VenueInput {
	name: string;
	capacity: number;
	outdoor: boolean;
	/** Its place in the list (1 first); the end of the list when not given. */
	position?: number;
}

export type VenueRefusal = 'bad_name' | 'bad_capacity' | 'bad_position' | 'name_taken';

/** A use that keeps a venue from being retired: a booking or a meeting on or after the date. */
export interface VenueUse {
	kind: 'meeting' | 'event';
	id: number;
	title: string;
	/** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'. */
	startsAt: string;
}

export type VenueResult =
	| { ok: true; venue: Venue }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'retired' | VenueRefusal };

export type RetireVenueResult =
	| { ok: true; venue: Venue }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'bad_date' | 'retired' }
	| { ok: false; reason: 'in_use'; uses: VenueUse[] };

function inputRefusal(input: VenueInput): VenueRefusal | null {
	const name = input.name.trim();
	if (name.length < 1 || [...name].length > VENUE_NAME_MAX) return 'bad_name';
	if (!Number.isSafeInteger(input.capacity) || input.capacity < 1) return 'bad_capacity';
	if (input.capacity > VENUE_CAPACITY_MAX) return 'bad_capacity';
	if (input.position !== undefined && (!Number.isSafeInteger(input.position) || input.position < 1))
		return 'bad_position';
	return null;
}

function nameTaken(db: Db, villageId: number, name: string, exceptId = 0): boolean {
	return !!db
		.prepare('select 1 from venues where village_id = ? and name = ? and id != ?')
		.get(villageId, name, exceptId);
}

export function addVenue(
	db: Db,
	actor: Actor,
	villageId: number,
	input: VenueInput,
	options: { now?: Date } = {}
): VenueResult {
	const refusal = inputRefusal(input);
	if (refusal) return { ok: false, reason: refusal };
	const name = input.name.trim();
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): VenueResult => {
			if (nameTaken(db, villageId, name)) return { ok: false, reason: 'name_taken' };
			const last = db
				.prepare('select coalesce(max(position), 0) from venues where village_id = ?')
				.pluck()
				.get(villageId) as number;
			const position = input.position ?? last + 1;
			const id = Number(
				db
					.prepare(
						`insert into venues (village_id, name, capacity, outdoor, position, created_at)
						 values (?, ?, ?, ?, ?, ?)`
					)
					.run(
						villageId,
						name,
						input.capacity,
						input.outdoor ? 1 : 0,
						position,
						ctx.now.toISOString()
					).lastInsertRowid
			);
			const after = { name, capacity: input.capacity, outdoor: input.outdoor, position };
			ctx.audit({ action: 'venue.added', subjectType: 'venue', subjectId: id, after });
			return { ok: true, venue: findVenue(db, villageId, id)! };
		}
	});
}

export function changeVenue(
	db: Db,
	actor: Actor,
	villageId: number,
	venueId: number,
	input: VenueInput,
	options: { now?: Date } = {}
): VenueResult {
	const refusal = inputRefusal(input);
	if (refusal) return { ok: false, reason: refusal };
	const name = input.name.trim();
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findVenue(db, villageId, venueId),
		run: (venue, ctx): VenueResult => {
			if (venue.retiredOn !== null) return { ok: false, reason: 'retired' };
			if (nameTaken(db, villageId, name, venue.id)) return { ok: false, reason: 'name_taken' };
			const next = {
				name,
				capacity: input.capacity,
				outdoor: input.outdoor,
				position: input.position ?? venue.position
			};
			const before: Record<string, unknown> = {};
			const after: Record<string, unknown> = {};
			for (const key of Object.keys(next) as (keyof typeof next)[]) {
				if (venue[key] !== next[key]) {
					before[key] = venue[key];
					after[key] = next[key];
				}
			}
			if (!Object.keys(after).length) return { ok: true, venue };
			db.prepare(
				'update venues set name = ?, capacity = ?, outdoor = ?, position = ? where id = ?'
			).run(next.name, next.capacity, next.outdoor ? 1 : 0, next.position, venue.id);
			// Meetings print the venue's name on their notice: the ones not yet held take the new name.
			if (after.name !== undefined)
				db.prepare(
					"update meetings set place = ? where venue_id = ? and state in ('draft', 'notified')"
				).run(next.name, venue.id);
			ctx.audit({
				action: 'venue.changed',
				subjectType: 'venue',
				subjectId: venue.id,
				before,
				after
			});
			return { ok: true, venue: findVenue(db, villageId, venue.id)! };
		}
	});
}

/** How many of the uses a refusal names: enough to act on, short enough to read. */
const USES_NAMED = 5;

/** The bookings and meetings (not yet closed) on the venue from `date` on, earliest first. */
export function usesFrom(db: Db, venueId: number, date: string): VenueUse[] {
	return db
		.prepare(
			`select * from (
			   select 'event' as kind, id, title, starts_at as startsAt from hall_events
			   where venue_id = ? and state = 'booked' and starts_at >= ?
			   union all
			   select 'meeting', id, title, meeting_date || case when starts_at = '' then ''
			     else 'T' || starts_at end from meetings
			   where venue_id = ? and state != 'closed' and meeting_date >= ?)
			 order by startsAt, kind, id limit ?`
		)
		.all(venueId, date, venueId, date, USES_NAMED) as VenueUse[];
}

/**
 * Retires a venue from a date (it is pulled down, or lent elsewhere): refused while bookings or
 * meetings still use it from that date on, named, so the clerk moves them first.
 */
export function retireVenue(
	db: Db,
	actor: Actor,
	villageId: number,
	venueId: number,
	from: string,
	options: { now?: Date } = {}
): RetireVenueResult {
	if (!isValidDate(from)) return { ok: false, reason: 'bad_date' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findVenue(db, villageId, venueId),
		run: (venue, ctx): RetireVenueResult => {
			if (venue.retiredOn !== null) return { ok: false, reason: 'retired' };
			const uses = usesFrom(db, venue.id, from);
			if (uses.length) return { ok: false, reason: 'in_use', uses };
			db.prepare('update venues set retired_on = ? where id = ?').run(from, venue.id);
			ctx.audit({
				action: 'venue.retired',
				subjectType: 'venue',
				subjectId: venue.id,
				after: { retiredOn: from }
			});
			return { ok: true, venue: findVenue(db, villageId, venue.id)! };
		}
	});
}
