// Carrying the outbox by hand and the roster's channel: a grid head or the clerk ticks a call (or
// the group text, or the loudspeaker) done; each person's preferred channel, set by themselves or
// by staff. Who may read a grid's call list is decided here too, so the page and the verb agree.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isMemberNow, isStaffOf } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { CHANNELS, findDelivery, type Channel, type Delivery } from './outbox';

/** Channels a person ticks done; SMS is the adapter's, online is shown in the app. */
const BY_HAND: readonly Channel[] = ['call', 'wechat', 'loudspeaker'];

export interface Grid {
	id: number;
	name: string;
}

/** The grids whose call lists the actor works on `date`: all for staff, else the grids they head. */
export function callGridsFor(db: Db, villageId: number, actor: Actor, date: string): Grid[] {
	if (isStaffOf(db, actor, villageId))
		return db
			.prepare('select id, name from grids where village_id = ? order by name, id')
			.all(villageId) as Grid[];
	if (actor.personId === null || !isMemberNow(db, actor, villageId)) return [];
	return db
		.prepare(
			`select distinct g.id, g.name from roles r join grids g on g.id = r.grid_id
			 where r.village_id = ? and r.person_id = ? and r.role = 'grid_head'
			   and r.start_date <= ? and (r.end_date is null or r.end_date >= ?)
			 order by g.name, g.id`
		)
		.all(villageId, actor.personId, date, date) as Grid[];
}

/**
 * Whether the actor may tick this delivery done: staff, the grid head of the person's grid on the
 * day, or the messenger the person is told through.
 */
function mayCarry(db: Db, villageId: number, actor: Actor, d: Delivery, date: string): boolean {
	if (isStaffOf(db, actor, villageId)) return true;
	if (actor.personId === null || !isMemberNow(db, actor, villageId)) return false;
	if (d.messengerId !== null && d.messengerId === actor.personId) return true;
	return callGridsFor(db, villageId, actor, date).some((g) => g.id === d.gridId);
}

export type MarkDeliveredResult =
	| { ok: true; delivery: Delivery }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_by_hand' | 'already_done' };

/** Ticks a delivery done (已通知): who did it and when are kept on the delivery. */
export function markDelivered(
	db: Db,
	actor: Actor,
	villageId: number,
	deliveryId: number,
	now = new Date()
): MarkDeliveredResult {
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isMemberNow(db, actor, villageId),
		load: () => findDelivery(db, villageId, deliveryId),
		allowed: (d, ctx) => mayCarry(db, villageId, actor, d, todayInChina(ctx.now)),
		run: (d, ctx): MarkDeliveredResult => {
			if (!BY_HAND.includes(d.channel)) return { ok: false, reason: 'not_by_hand' };
			if (d.state === 'done') return { ok: false, reason: 'already_done' };
			db.prepare(
				`update message_deliveries set state = 'done', done_by = ?, done_at = ?,
				   attempts = attempts + 1, last_attempt_at = ? where id = ?`
			).run(actor.userId, ctx.now.toISOString(), ctx.now.toISOString(), d.id);
			ctx.audit({
				action: 'message.marked_done',
				subjectType: 'message',
				subjectId: d.messageId,
				before: { delivery: d.id, state: d.state },
				after: { delivery: d.id, person: d.personId, channel: d.channel, state: 'done' }
			});
			return { ok: true, delivery: findDelivery(db, villageId, d.id)! };
		}
	});
}

export function preferredChannelOf(db: Db, villageId: number, personId: number): Channel | null {
	return (
		(db
			.prepare('select preferred_channel from people where id = ? and village_id = ?')
			.pluck()
			.get(personId, villageId) as Channel | undefined) ?? null
	);
}

export const isChannel = (value: unknown): value is Channel =>
	(CHANNELS as readonly unknown[]).includes(value);

export type SetPreferredChannelResult =
	{ ok: true; channel: Channel } | { ok: false; reason: 'forbidden' | 'not_found' | 'bad_channel' };

/**
 * Sets how a person is best reached (on the roster): by the person themselves, or by staff for
 * them, as setNotifyPreference. Setting the channel it already has changes and logs nothing.
 */
export function setPreferredChannel(
	db: Db,
	actor: Actor,
	villageId: number,
	personId: number,
	channel: string,
	now = new Date()
): SetPreferredChannelResult {
	return command(db, {
		actor,
		villageId,
		now,
		may: () =>
			isStaffOf(db, actor, villageId) ||
			(actor.personId === personId && isMemberNow(db, actor, villageId)),
		load: () => preferredChannelOf(db, villageId, personId),
		run: (before, ctx): SetPreferredChannelResult => {
			if (!isChannel(channel)) return { ok: false, reason: 'bad_channel' };
			if (before === channel) return { ok: true, channel };
			db.prepare('update people set preferred_channel = ? where id = ?').run(channel, personId);
			ctx.audit({
				action: 'person.preferred_channel_set',
				subjectType: 'person',
				subjectId: personId,
				before: { channel: before },
				after: { channel }
			});
			return { ok: true, channel };
		}
	});
}
