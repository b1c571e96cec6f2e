// How a person wants to be told (issue 16): online, the default, or through a named person, their
// grid head or a party member, for villagers without a phone. Set by the villager or by the clerk
// for them, and read wherever someone must be told about a topic's answer.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isMemberNow, isStaffOf } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { labelPeople } from './person-labels';

export const NOTIFY_VIA = ['online', 'person'] as const;
export type NotifyVia = (typeof NOTIFY_VIA)[number];

// The people a villager already knows to carry word: the grid head of their grid, a party member.
const MESSENGER_ROLES = ['grid_head', 'party_member'] as const;
export type MessengerRole = (typeof MESSENGER_ROLES)[number];

export type NotifyPreference =
	{ via: 'online' } | { via: 'person'; personId: number; label: string; roles: MessengerRole[] };

export type SetNotifyResult =
	| { ok: true; preference: NotifyPreference }
	| { ok: false; reason: 'not_found' | 'forbidden' | 'not_a_messenger' };

export interface Messenger {
	id: number;
	name: string;
	label: string;
	roles: MessengerRole[];
}

/**
 * Whom this person may be told through, on `date`: residents holding a grid head's or a party
 * member's role then, other than the person, grid heads first; namesakes labelled apart.
 */
export function messengersFor(
	db: Db,
	villageId: number,
	personId: number,
	date = todayInChina()
): Messenger[] {
	const rows = db
		.prepare(
			`select p.id, p.name, json_group_array(distinct r.role) as roles,
			   max(r.role = 'grid_head') as gridHead
			 from people p join roles r on r.person_id = p.id
			 where p.village_id = @village and p.status = 'resident' and p.id <> @person
			   and r.role in (select value from json_each(@roles))
			   and r.start_date <= @date and (r.end_date is null or r.end_date >= @date)
			 group by p.id order by gridHead desc, p.name_initials, p.id`
		)
		.all({
			village: villageId,
			person: personId,
			roles: JSON.stringify(MESSENGER_ROLES),
			date
		}) as { id: number; name: string; roles: string }[];
	return labelPeople(
		db,
		villageId,
		rows.map((r) => ({ id: r.id, name: r.name, roles: JSON.parse(r.roles) as MessengerRole[] }))
	);
}

/** How this person of the village wants to be told; online when they never said. */
export function notifyPreferenceOf(
	db: Db,
	villageId: number,
	personId: number,
	date = todayInChina()
): NotifyPreference {
	const row = db
		.prepare(
			'select via_person_id as viaPersonId from notify_preferences where person_id = ? and village_id = ?'
		)
		.get(personId, villageId) as { viaPersonId: number | null } | undefined;
	if (!row?.viaPersonId) return { via: 'online' };
	const via = labelPeople(db, villageId, [
		db.prepare('select id, name from people where id = ?').get(row.viaPersonId) as {
			id: number;
			name: string;
		}
	])[0];
	// The roles held today: a grid head who stepped down is still named, with no title.
	const roles = messengersFor(db, villageId, personId, date).find((p) => p.id === via.id)?.roles;
	return { via: 'person', personId: via.id, label: via.label, roles: roles ?? [] };
}

/**
 * Sets how a person wants to be told: by the person themselves, or by staff for them. The one
 * named must be a grid head or party member of the village today.
 */
export function setNotifyPreference(
	db: Db,
	actor: Actor,
	villageId: number,
	personId: number,
	choice: { via: NotifyVia; viaPersonId: number | null },
	now = new Date()
): SetNotifyResult {
	return command(db, {
		actor,
		villageId,
		now,
		may: () =>
			isStaffOf(db, actor, villageId) ||
			(actor.personId === personId && isMemberNow(db, actor, villageId)),
		load: () =>
			db
				.prepare('select id from people where id = ? and village_id = ?')
				.get(personId, villageId) as { id: number } | undefined,
		run: (_, ctx): SetNotifyResult => {
			const today = todayInChina(ctx.now);
			const before = notifyPreferenceOf(db, villageId, personId, today);
			const viaPersonId = choice.via === 'person' ? choice.viaPersonId : null;
			if (
				choice.via === 'person' &&
				!messengersFor(db, villageId, personId, today).some((p) => p.id === viaPersonId)
			)
				return { ok: false, reason: 'not_a_messenger' };
			db.prepare(
				`insert into notify_preferences (person_id, village_id, via, via_person_id, updated_at)
				 values (@person, @village, @via, @viaPerson, @now)
				 on conflict (person_id) do update set via = @via, via_person_id = @viaPerson, updated_at = @now`
			).run({
				person: personId,
				village: villageId,
				via: choice.via,
				viaPerson: viaPersonId,
				now: ctx.now.toISOString()
			});
			const preference = notifyPreferenceOf(db, villageId, personId, today);
			ctx.audit({
				action: 'roster.notify_preference_set',
				subjectType: 'person',
				subjectId: personId,
				before: summary(before),
				after: summary(preference)
			});
			return { ok: true, preference };
		}
	});
}

const summary = (p: NotifyPreference) =>
	p.via === 'online' ? { via: 'online' } : { via: 'person', personId: p.personId };
