// Roles held for a term (docs/domain.md §2.3). A term runs from start_date through end_date
// inclusive.
import type { AuditAction } from '../audit/actions';
import { command } from '../command';
import type { Db } from '../db';
import { isValidDate } from '../calendar/dates';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';
import { closeRelativesOf, type RelationKind } from './relations';
import { labelPeople } from './person-labels';

export const ROLE_KINDS = [
	'household_rep',
	'village_rep',
	'party_member',
	'branch_committee',
	'villagers_committee',
	'branch_secretary',
	'supervision_committee',
	'grid_head',
	'clerk'
] as const;
export type RoleKindName = (typeof ROLE_KINDS)[number];

export interface RoleTerm {
	id: number;
	personId: number;
	role: RoleKindName;
	startDate: string;
	endDate: string | null;
	fullSince: string | null;
	isChair: boolean;
	gridId: number | null;
	householdIds: number[];
}

export interface NewRole {
	personId: number;
	role: RoleKindName;
	startDate: string;
	endDate?: string | null;
	fullSince?: string | null;
	isChair?: boolean;
	gridId?: number | null;
	householdIds?: number[];
}

export type RoleRefusal =
	| 'bad_role'
	| 'person_not_found'
	| 'person_not_resident'
	| 'bad_dates'
	| 'grid_required'
	| 'already_holds'
	| 'one_at_a_time'
	| 'supervision_conflict_self'
	| 'supervision_conflict_relative'
	| 'supervision_conflict_household'
	| 'household_not_found';

/** The recorded close relative whose term bars this one, named so the clerk sees why. */
export interface ConflictingRelative {
	name: string;
	/** What the relative is to the person being assigned. */
	kind: RelationKind;
	/** The role the relative holds in the overlapping term. */
	role: RoleKindName;
}

export type AssignRoleResult =
	| { ok: true; role: RoleTerm }
	| { ok: false; reason: Exclude<RoleRefusal, 'supervision_conflict_relative'> }
	| { ok: false; reason: 'supervision_conflict_relative'; relative: ConflictingRelative }
	| { ok: false; reason: 'forbidden' };

type Refusal =
	| Exclude<RoleRefusal, 'supervision_conflict_relative'>
	| { reason: 'supervision_conflict_relative'; relative: ConflictingRelative };

interface RoleRow {
	id: number;
	person_id: number;
	role: RoleKindName;
	start_date: string;
	end_date: string | null;
	full_since: string | null;
	is_chair: number;
	grid_id: number | null;
}

// Two terms overlap unless one ends before the other starts.
const OVERLAPS = `r.start_date <= coalesce(@end, '9999-12-31') and coalesce(r.end_date, '9999-12-31') >= @start`;

function toTerm(db: Db, row: RoleRow): RoleTerm {
	return {
		id: row.id,
		personId: row.person_id,
		role: row.role,
		startDate: row.start_date,
		endDate: row.end_date,
		fullSince: row.full_since,
		isChair: row.is_chair === 1,
		gridId: row.grid_id,
		householdIds: db
			.prepare(
				'select household_id from represented_households where role_id = ? order by household_id'
			)
			.pluck()
			.all(row.id) as number[]
	};
}

export function rolesOfPerson(db: Db, villageId: number, personId: number): RoleTerm[] {
	const rows = db
		.prepare(
			'select * from roles where village_id = ? and person_id = ? order by start_date desc, id desc'
		)
		.all(villageId, personId) as RoleRow[];
	return rows.map((r) => toTerm(db, r));
}

export function findRole(db: Db, villageId: number, roleId: number): RoleTerm | null {
	const row = db
		.prepare('select * from roles where id = ? and village_id = ?')
		.get(roleId, villageId) as RoleRow | undefined;
	return row ? toTerm(db, row) : null;
}

/**
 * Why this term may not be held, or null. A supervision committee member may not sit on the
 * villagers' committee nor be a close relative of one (组织法 2018 第三十二条, 2026 第三十七条),
 * checked both ways for terms that overlap: the close relatives the clerk recorded (民法典
 * 第一千零四十五条), and, for kin nobody recorded, the same household.
 */
function refusal(db: Db, villageId: number, input: NewRole, exceptRoleId = 0): Refusal | null {
	const person = db
		.prepare('select id, household_id, status from people where id = ? and village_id = ?')
		.get(input.personId, villageId) as
		{ id: number; household_id: number; status: string } | undefined;
	if (!person) return 'person_not_found';
	if (!ROLE_KINDS.includes(input.role)) return 'bad_role';
	if (person.status !== 'resident') return 'person_not_resident';
	const end = input.endDate ?? null;
	if (
		!isValidDate(input.startDate) ||
		(end !== null && (!isValidDate(end) || end < input.startDate))
	) {
		return 'bad_dates';
	}
	if (input.fullSince && (!isValidDate(input.fullSince) || input.fullSince < input.startDate)) {
		return 'bad_dates';
	}
	if ((input.role === 'grid_head') !== (input.gridId != null)) return 'grid_required';
	if (input.gridId != null) {
		const grid = db
			.prepare('select 1 from grids where id = ? and village_id = ?')
			.get(input.gridId, villageId);
		if (!grid) return 'grid_required';
	}
	for (const h of input.householdIds ?? []) {
		if (!db.prepare('select 1 from households where id = ? and village_id = ?').get(h, villageId)) {
			return 'household_not_found';
		}
	}
	const params = {
		village: villageId,
		person: input.personId,
		start: input.startDate,
		end,
		except: exceptRoleId
	};
	const overlapping = (
		role: RoleKindName,
		who: 'person' | 'household' | 'anyone',
		personId = input.personId
	) =>
		db
			.prepare(
				`select 1 from roles r join people p on p.id = r.person_id
				 where r.village_id = @village and r.id != @except and r.role = @role and ${OVERLAPS}
				   and (@who = 'anyone' or (@who = 'person' and r.person_id = @person)
				        or (@who = 'household' and p.household_id = @household))`
			)
			.get({ ...params, person: personId, role, who, household: person.household_id });
	if (overlapping(input.role, 'person')) return 'already_holds';
	if (input.role === 'branch_secretary' && overlapping('branch_secretary', 'anyone')) {
		return 'one_at_a_time';
	}
	if (input.role === 'villagers_committee' && input.isChair) {
		if (
			db
				.prepare(
					`select 1 from roles r where r.village_id = @village and r.id != @except and r.role = 'villagers_committee' and r.is_chair = 1 and ${OVERLAPS}`
				)
				.get(params)
		) {
			return 'one_at_a_time';
		}
	}
	const conflicting: RoleKindName | null =
		input.role === 'supervision_committee'
			? 'villagers_committee'
			: input.role === 'villagers_committee'
				? 'supervision_committee'
				: null;
	if (conflicting) {
		if (overlapping(conflicting, 'person')) return 'supervision_conflict_self';
		const relative = closeRelativesOf(db, villageId, input.personId).find((r) =>
			overlapping(conflicting, 'person', r.personId)
		);
		if (relative) {
			return {
				reason: 'supervision_conflict_relative',
				relative: { name: relative.name, kind: relative.kind, role: conflicting }
			};
		}
		if (overlapping(conflicting, 'household')) return 'supervision_conflict_household';
	}
	return null;
}

function termForAudit(t: RoleTerm) {
	return {
		personId: t.personId,
		role: t.role,
		startDate: t.startDate,
		endDate: t.endDate,
		fullSince: t.fullSince,
		isChair: t.isChair,
		gridId: t.gridId,
		householdIds: t.householdIds
	};
}

export function assignRole(
	db: Db,
	actorId: number | null,
	villageId: number,
	input: NewRole
): AssignRoleResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx): AssignRoleResult => {
			const refused = refusal(db, villageId, input);
			if (typeof refused === 'string') return { ok: false, reason: refused };
			if (refused) return { ok: false, ...refused };
			const { lastInsertRowid } = db
				.prepare(
					`insert into roles (village_id, person_id, role, start_date, end_date, full_since, is_chair, grid_id)
					 values (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					input.personId,
					input.role,
					input.startDate,
					input.endDate ?? null,
					input.role === 'party_member' ? (input.fullSince ?? null) : null,
					input.role === 'villagers_committee' && input.isChair ? 1 : 0,
					input.role === 'grid_head' ? (input.gridId ?? null) : null
				);
			const roleId = Number(lastInsertRowid);
			const insertHousehold = db.prepare(
				'insert into represented_households (role_id, household_id) values (?, ?)'
			);
			if (input.role === 'village_rep') {
				for (const h of new Set(input.householdIds ?? [])) insertHousehold.run(roleId, h);
			}
			const role = findRole(db, villageId, roleId)!;
			ctx.audit({
				action: 'roster.role_assigned',
				subjectType: 'person',
				subjectId: input.personId,
				after: termForAudit(role)
			});
			return { ok: true, role };
		}
	}) as AssignRoleResult;
}

export type EndRoleResult =
	| { ok: true }
	| { ok: false; reason: 'forbidden' | 'role_not_found' | 'bad_dates' | 'already_ended' };

/** Changes one term in a transaction with its audit entry, when `change` does not refuse. */
function changeRole(
	db: Db,
	actorId: number | null,
	villageId: number,
	roleId: number,
	action: AuditAction,
	change: (before: RoleTerm) => EndRoleResult | null
): EndRoleResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx): EndRoleResult => {
			const before = findRole(db, villageId, roleId);
			if (!before) return { ok: false, reason: 'role_not_found' };
			const refused = change(before);
			if (refused) return refused;
			ctx.audit({
				action,
				subjectType: 'person',
				subjectId: before.personId,
				before: termForAudit(before),
				after: termForAudit(findRole(db, villageId, roleId)!)
			});
			return { ok: true };
		}
	}) as EndRoleResult;
}

/** Ends a term on `endDate`, its last day. */
export function endRole(
	db: Db,
	actorId: number | null,
	villageId: number,
	roleId: number,
	endDate: string
): EndRoleResult {
	return changeRole(db, actorId, villageId, roleId, 'roster.role_ended', (before) => {
		if (before.endDate !== null && before.endDate <= endDate)
			return { ok: false, reason: 'already_ended' };
		if (!isValidDate(endDate) || endDate < before.startDate)
			return { ok: false, reason: 'bad_dates' };
		db.prepare('update roles set end_date = ? where id = ?').run(endDate, roleId);
		return null;
	});
}

/** Records the day a probationary party member (预备党员) became a full member. */
export function recordFullMembership(
	db: Db,
	actorId: number | null,
	villageId: number,
	roleId: number,
	fullSince: string
): EndRoleResult {
	return changeRole(
		db,
		actorId,
		villageId,
		roleId,
		'roster.party_full_membership_recorded',
		(before) => {
			if (before.role !== 'party_member') return { ok: false, reason: 'role_not_found' };
			if (!isValidDate(fullSince) || fullSince < before.startDate)
				return { ok: false, reason: 'bad_dates' };
			db.prepare('update roles set full_since = ? where id = ?').run(fullSince, roleId);
			return null;
		}
	);
}

/**
 * Residents holding any role on `onDate` (cadres, representatives, party members, grid heads …),
 * by name: the people a clerk may name as responsible for a task, a party to a consultation or
 * an implementation.
 */
export function listRoleHolders(
	db: Db,
	villageId: number,
	onDate: string
): { id: number; name: string; label: string }[] {
	const people = db
		.prepare(
			`select distinct p.id, p.name from people p join roles r on r.person_id = p.id
			 where p.village_id = ? and p.status = 'resident' and (r.end_date is null or r.end_date >= ?)
			 order by p.name_initials, p.id`
		)
		.all(villageId, onDate) as { id: number; name: string }[];
	return labelPeople(db, villageId, people);
}
