// What the secretary and the clerk see of the 联系户 system: coverage per grid with the households
// left without a contact, each party member with their households, and who is behind on visits.
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { visitCadenceDays, visitDue, type VisitDue } from './cadence';
import {
	allContactHouseholds,
	contactVisitDates,
	householdsOfMember,
	type ContactHousehold
} from './records';

export interface UncoveredHousehold {
	id: number;
	householdKey: string;
	address: string;
	headName: string | null;
}

export interface GridCoverage {
	gridId: number | null;
	gridName: string | null;
	households: number;
	covered: number;
	uncovered: UncoveredHousehold[];
}

/**
 * Households with at least one resident, per grid (a household whose people all moved away needs
 * no visit), and which of them have a contact now.
 */
export function coverageByGrid(db: Db, villageId: number): GridCoverage[] {
	const rows = db
		.prepare(
			`select h.id, h.household_key as householdKey, h.address, h.grid_id as gridId, g.name as gridName,
			   (select p.name from people p where p.household_id = h.id and p.is_head = 1 and p.status = 'resident' limit 1) as headName,
			   exists (select 1 from household_contacts c where c.household_id = h.id and c.end_date is null) as covered
			 from households h left join grids g on g.id = h.grid_id
			 where h.village_id = ? and exists (select 1 from people p where p.household_id = h.id and p.status = 'resident')
			 order by g.name is null, g.id, h.household_key`
		)
		.all(villageId) as (UncoveredHousehold & {
		gridId: number | null;
		gridName: string | null;
		covered: number;
	})[];
	const grids = new Map<number | null, GridCoverage>();
	for (const r of rows) {
		let g = grids.get(r.gridId);
		if (!g) {
			g = { gridId: r.gridId, gridName: r.gridName, households: 0, covered: 0, uncovered: [] };
			grids.set(r.gridId, g);
		}
		g.households++;
		if (r.covered) g.covered++;
		else
			g.uncovered.push({
				id: r.id,
				householdKey: r.householdKey,
				address: r.address,
				headName: r.headName
			});
	}
	return [...grids.values()];
}

export type DueHousehold = ContactHousehold & VisitDue;

/** A member's households with the next visit due and whether it is overdue. */
export function memberHouseholds(
	db: Db,
	villageId: number,
	personId: number,
	now = new Date()
): DueHousehold[] {
	const cadence = visitCadenceDays(db, villageId);
	const today = todayInChina(now);
	return householdsOfMember(db, villageId, personId).map((h) => ({
		...h,
		...visitDue(h, cadence, today)
	}));
}

export interface MemberContacts {
	personId: number;
	name: string;
	/** Probationary (预备党员) when the role has no full_since yet. */
	probationary: boolean;
	households: DueHousehold[];
	overdue: number;
}

/** The village's party members on the day (full or probationary), by name. */
function partyMembersOn(db: Db, villageId: number, today: string) {
	return db
		.prepare(
			`select p.id as personId, p.name, max(r.full_since is null or r.full_since > @today) as probationary
			 from roles r join people p on p.id = r.person_id
			 where r.village_id = @village and r.role = 'party_member' and r.start_date <= @today
			   and (r.end_date is null or r.end_date >= @today)
			 group by p.id order by p.name, p.id`
		)
		.all({ village: villageId, today }) as {
		personId: number;
		name: string;
		probationary: number;
	}[];
}

/** The village's party members on the day, each with the households they look after now. */
export function membersWithHouseholds(
	db: Db,
	villageId: number,
	now = new Date()
): MemberContacts[] {
	const today = todayInChina(now);
	const cadence = visitCadenceDays(db, villageId);
	const members = partyMembersOn(db, villageId, today);
	const byMember = new Map<number, DueHousehold[]>();
	for (const h of allContactHouseholds(db, villageId)) {
		const list = byMember.get(h.personId) ?? [];
		list.push({ ...h, ...visitDue(h, cadence, today) });
		byMember.set(h.personId, list);
	}
	return members.map((m) => {
		const households = byMember.get(m.personId) ?? [];
		return {
			personId: m.personId,
			name: m.name,
			probationary: m.probationary === 1,
			households,
			overdue: households.filter((h) => h.overdue).length
		};
	});
}

/**
 * The dashboard's card: members with overdue households and how many, most behind first. The same
 * figures as membersWithHouseholds, from the due dates alone.
 */
export function overdueByMember(db: Db, villageId: number, now = new Date()) {
	const today = todayInChina(now);
	const cadence = visitCadenceDays(db, villageId);
	const overdue = new Map<number, number>();
	for (const c of contactVisitDates(db, villageId))
		if (visitDue(c, cadence, today).overdue)
			overdue.set(c.personId, (overdue.get(c.personId) ?? 0) + 1);
	return partyMembersOn(db, villageId, today)
		.filter((m) => overdue.has(m.personId))
		.map((m) => ({ personId: m.personId, name: m.name, overdue: overdue.get(m.personId)! }))
		.sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'));
}
