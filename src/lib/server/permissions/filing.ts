// Who may file a topic for whom (代提): staff for anyone, grid heads, representatives and party
// members for the people they look after. Asked by the topic commands inside their transaction.
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import type { Actor } from './actor';
import { isStaffOf } from './village';

function activeRolesOf(db: Db, villageId: number, personId: number, date: string) {
	return db
		.prepare(
			`select role, grid_id as gridId, id from roles where village_id = ? and person_id = ?
			 and start_date <= ? and (end_date is null or end_date >= ?)`
		)
		.all(villageId, personId, date, date) as { role: string; gridId: number | null; id: number }[];
}

type FilingTarget = { householdId: number; gridId: number | null };

/** Whom an actor may file for: everyone, or the people of some grids and some households. */
export interface FilingScope {
	everyone: boolean;
	grids: number[];
	households: number[];
}

/**
 * Clerks and the branch secretary file for anyone at the hall window; grid heads for people of
 * their grids; representatives for the households they represent; party members for people of
 * their own grid and of the households they are the contact of. Worked out once per actor, so that a picker of
 * hundreds of villagers is one query rather than a few per villager.
 */
export function filingScope(db: Db, villageId: number, actor: Actor, date: string): FilingScope {
	const scope: FilingScope = { everyone: false, grids: [], households: [] };
	if (isStaffOf(db, actor, villageId)) return { ...scope, everyone: true };
	if (actor.personId === null) return scope;
	const roles = activeRolesOf(db, villageId, actor.personId, date);
	for (const r of roles)
		if (r.role === 'grid_head' && r.gridId !== null) scope.grids.push(r.gridId);
	for (const r of roles.filter((r) => r.role === 'village_rep')) {
		const rows = db
			.prepare('select household_id from represented_households where role_id = ?')
			.pluck()
			.all(r.id) as number[];
		scope.households.push(...rows);
	}
	if (roles.some((r) => r.role === 'party_member')) {
		// The households they are the contact of (党员联系户) on the day, wherever they live.
		const contacts = db
			.prepare(
				`select household_id from household_contacts where village_id = ? and person_id = ?
				 and start_date <= ? and (end_date is null or end_date >= ?)`
			)
			.pluck()
			.all(villageId, actor.personId, date, date) as number[];
		scope.households.push(...contacts);
		const own = db
			.prepare(
				'select h.grid_id from people p join households h on h.id = p.household_id where p.id = ?'
			)
			.pluck()
			.get(actor.personId) as number | null | undefined;
		if (own != null) scope.grids.push(own);
	}
	return scope;
}

export const inScope = (scope: FilingScope, t: FilingTarget) =>
	scope.everyone ||
	(t.gridId !== null && scope.grids.includes(t.gridId)) ||
	scope.households.includes(t.householdId);

/** Whether the actor may file for this resident villager (see filingScope). */
export function mayFileFor(
	db: Db,
	villageId: number,
	actor: Actor,
	personId: number,
	date = todayInChina()
): boolean {
	const target = db
		.prepare(
			`select p.household_id as householdId, h.grid_id as gridId from people p join households h on h.id = p.household_id
			 where p.id = ? and p.village_id = ? and p.status = 'resident'`
		)
		.get(personId, villageId) as FilingTarget | undefined;
	return !!target && inScope(filingScope(db, villageId, actor, date), target);
}

/** Whether the actor may file for anyone at all: staff, or a grid head, representative or party member. */
export function mayFileForOthers(
	db: Db,
	villageId: number,
	actor: Actor,
	date = todayInChina()
): boolean {
	if (isStaffOf(db, actor, villageId)) return true;
	if (actor.personId === null) return false;
	return activeRolesOf(db, villageId, actor.personId, date).some((r) =>
		['grid_head', 'village_rep', 'party_member'].includes(r.role)
	);
}
