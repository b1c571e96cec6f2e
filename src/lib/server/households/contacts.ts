// Assigning households to party members (联系包保) and ending an assignment. The branch
// secretary assigns in the article; the clerk keeps the roster the assignments are made from and
// enters them for the secretary, so both staff logins may (docs/domain.md §10.4).
import { command } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { currentContact, findContact, isPartyMemberOn, type HouseholdContact } from './records';

// A member looks after "a few" households; a form may not hand one a whole grid at once.
export const ASSIGN_AT_ONCE_MAX = 20;

export type AssignResult =
	| { ok: true; contacts: HouseholdContact[] }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'no_households'
				| 'too_many_households'
				| 'not_a_party_member'
				| 'household_not_found'
				| 'already_has_contact';
	  };

/**
 * Makes the person the contact of each household from today. A household has one contact at a
 * time: one that already has one is refused (end that assignment first, so a move is two visible
 * steps), and then none of the households is assigned.
 */
export function assignHouseholds(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { personId: number; householdIds: number[] },
	options: { now?: Date } = {}
): AssignResult {
	const householdIds = [...new Set(input.householdIds)];
	if (householdIds.length === 0) return { ok: false, reason: 'no_households' };
	if (householdIds.length > ASSIGN_AT_ONCE_MAX) return { ok: false, reason: 'too_many_households' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): AssignResult => {
			const today = todayInChina(ctx.now);
			if (!isPartyMemberOn(db, villageId, input.personId, today))
				return { ok: false, reason: 'not_a_party_member' };
			const contacts: HouseholdContact[] = [];
			for (const householdId of householdIds) {
				const known = db
					.prepare('select 1 from households where id = ? and village_id = ?')
					.get(householdId, villageId);
				if (!known) return { ok: false, reason: 'household_not_found' };
				if (currentContact(db, villageId, householdId))
					return { ok: false, reason: 'already_has_contact' };
				const { lastInsertRowid } = db
					.prepare(
						`insert into household_contacts (village_id, household_id, person_id, start_date, assigned_by_user_id)
						 values (?, ?, ?, ?, ?)`
					)
					.run(villageId, householdId, input.personId, today, actor.userId);
				const contact = findContact(db, villageId, Number(lastInsertRowid))!;
				ctx.audit({
					action: 'household.contact_assigned',
					subjectType: 'household',
					subjectId: householdId,
					after: contact
				});
				contacts.push(contact);
			}
			return { ok: true, contacts };
		}
	}) as AssignResult;
}

export type EndContactResult =
	| { ok: true; contact: HouseholdContact }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'already_ended' };

/** Ends an assignment today: the member stays the contact through today, the household is free. */
export function endHouseholdContact(
	db: Db,
	actor: Actor,
	villageId: number,
	contactId: number,
	options: { now?: Date } = {}
): EndContactResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findContact(db, villageId, contactId),
		run: (before, ctx): EndContactResult => {
			if (before.endDate !== null) return { ok: false, reason: 'already_ended' };
			db.prepare('update household_contacts set end_date = ? where id = ?').run(
				todayInChina(ctx.now),
				contactId
			);
			const contact = findContact(db, villageId, contactId)!;
			ctx.audit({
				action: 'household.contact_ended',
				subjectType: 'household',
				subjectId: before.householdId,
				before,
				after: contact
			});
			return { ok: true, contact };
		}
	}) as EndContactResult;
}
