// People and households: reading the roster and the clerk's edits. Every edit is audited.
import type { AuditAction } from '../audit/actions';
import { command } from '../command';
import { findAccount, setAccountDisabled } from '../auth/account-records';
import { mayManageAccountNow } from '../permissions/accounts';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';
import type { Db } from '../db';
import { dayBefore, isValidDate } from '../calendar/dates';
import { nameInitials } from './initials';

export type PersonStatus = 'resident' | 'moved_out' | 'deceased';

export interface Person {
	id: number;
	householdId: number;
	householdKey: string;
	name: string;
	gender: 'm' | 'f';
	birthDate: string;
	idLast4: string | null;
	phone: string | null;
	relation: string;
	isHead: boolean;
	status: PersonStatus;
	statusDate: string | null;
	groupName: string | null;
	gridName: string | null;
	gridId: number | null;
}

export interface Household {
	id: number;
	key: string;
	address: string;
	groupId: number | null;
	groupName: string | null;
	gridId: number | null;
	gridName: string | null;
	members: number;
	headName: string | null;
}

const PERSON_SELECT = `
	select p.id, p.household_id as householdId, h.household_key as householdKey, p.name, p.gender,
	       p.birth_date as birthDate, p.id_last4 as idLast4, p.phone, p.relation, p.is_head as isHead,
	       p.status, p.status_date as statusDate, g.name as groupName, gr.name as gridName, h.grid_id as gridId
	from people p
	join households h on h.id = p.household_id
	left join village_groups g on g.id = h.group_id
	left join grids gr on gr.id = h.grid_id`;

type PersonRow = Omit<Person, 'isHead'> & { isHead: number };
const toPerson = (r: PersonRow): Person => ({ ...r, isHead: r.isHead === 1 });

export function findPerson(db: Db, villageId: number, id: number): Person | null {
	const row = db
		.prepare(`${PERSON_SELECT} where p.id = ? and p.village_id = ?`)
		.get(id, villageId) as PersonRow | undefined;
	return row ? toPerson(row) : null;
}

export interface PeopleQuery {
	search?: string;
	gridId?: number | null;
	householdId?: number | null;
	status?: PersonStatus | 'all';
	// Only people holding this role today, e.g. the current village representatives.
	role?: string | null;
	date?: string;
	page?: number;
	pageSize?: number;
}

export interface Page<T> {
	items: T[];
	total: number;
	page: number;
	pageSize: number;
	pages: number;
}

/** The page actually shown: within 1..pages, with its row offset. */
export function pageWindow(total: number, requested: number | undefined, pageSize: number) {
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(requested ?? 1, 1), pages);
	return { page, pages, offset: (page - 1) * pageSize };
}

/** People of a village, searchable by name, pinyin initials, phone or household number. */
export function listPeople(db: Db, villageId: number, q: PeopleQuery = {}): Page<Person> {
	const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
	const where = ['p.village_id = @village'];
	const search = (q.search ?? '').trim().slice(0, 64);
	const params: Record<string, unknown> = { village: villageId };
	if (search) {
		params.like = `%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		params.initials = `${search.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		where.push(
			`(p.name like @like escape '\\' or p.name_initials like @initials escape '\\' or h.household_key like @like escape '\\' or p.phone like @like escape '\\')`
		);
	}
	if (q.gridId) {
		where.push('h.grid_id = @grid');
		params.grid = q.gridId;
	}
	if (q.householdId) {
		where.push('p.household_id = @household');
		params.household = q.householdId;
	}
	if (q.role) {
		where.push(
			`exists (select 1 from roles r where r.person_id = p.id and r.role = @role and r.start_date <= @date and (r.end_date is null or r.end_date >= @date))`
		);
		params.role = q.role;
		params.date = q.date ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
	}
	const status = q.status ?? 'resident';
	if (status !== 'all') {
		where.push('p.status = @status');
		params.status = status;
	}
	const whereSql = where.join(' and ');
	const total = (
		db
			.prepare(
				`select count(*) as n from people p join households h on h.id = p.household_id where ${whereSql}`
			)
			.get(params) as { n: number }
	).n;
	const { page, pages, offset } = pageWindow(total, q.page, pageSize);
	const items = (
		db
			.prepare(
				`${PERSON_SELECT} where ${whereSql} order by h.household_key, p.is_head desc, p.id limit @limit offset @offset`
			)
			.all({ ...params, limit: pageSize, offset }) as PersonRow[]
	).map(toPerson);
	return { items, total, page, pageSize, pages };
}

const HOUSEHOLD_SELECT = `
	select h.id, h.household_key as key, h.address, h.group_id as groupId, g.name as groupName,
	       h.grid_id as gridId, gr.name as gridName,
	       (select count(*) from people p where p.household_id = h.id and p.status = 'resident') as members,
	       (select p.name from people p where p.household_id = h.id and p.is_head = 1 limit 1) as headName
	from households h
	left join village_groups g on g.id = h.group_id
	left join grids gr on gr.id = h.grid_id`;

export function findHousehold(db: Db, villageId: number, id: number): Household | null {
	return (
		(db.prepare(`${HOUSEHOLD_SELECT} where h.id = ? and h.village_id = ?`).get(id, villageId) as
			Household | undefined) ?? null
	);
}

export function findHouseholdByKey(db: Db, villageId: number, key: string): Household | null {
	return (
		(db
			.prepare(`${HOUSEHOLD_SELECT} where h.household_key = ? and h.village_id = ?`)
			.get(key, villageId) as Household | undefined) ?? null
	);
}

export function listHouseholds(
	db: Db,
	villageId: number,
	q: { search?: string; gridId?: number | null; page?: number; pageSize?: number } = {}
): Page<Household> {
	const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
	const where = ['h.village_id = @village'];
	const params: Record<string, unknown> = { village: villageId };
	const search = (q.search ?? '').trim().slice(0, 64);
	if (search) {
		params.like = `%${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		where.push(
			`(h.household_key like @like escape '\\' or h.address like @like escape '\\' or exists (select 1 from people p where p.household_id = h.id and p.name like @like escape '\\'))`
		);
	}
	if (q.gridId) {
		where.push('h.grid_id = @grid');
		params.grid = q.gridId;
	}
	const whereSql = where.join(' and ');
	const total = (
		db.prepare(`select count(*) as n from households h where ${whereSql}`).get(params) as {
			n: number;
		}
	).n;
	const { page, pages, offset } = pageWindow(total, q.page, pageSize);
	const items = db
		.prepare(
			`${HOUSEHOLD_SELECT} where ${whereSql} order by h.household_key limit @limit offset @offset`
		)
		.all({ ...params, limit: pageSize, offset }) as Household[];
	return { items, total, page, pageSize, pages };
}

// What the edit forms accept, in characters: a household's address, a person's relation to the head.
export const HOUSEHOLD_ADDRESS_MAX = 128;
export const RELATION_MAX = 16;

export interface PersonEdit {
	name: string;
	gender: 'm' | 'f';
	birthDate: string;
	phone: string | null;
	relation: string;
}

export type PersonChangeResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_date'
				| 'household_not_found'
				| 'not_resident'
				| 'login_not_yours';
	  };

function personAudit(p: Person) {
	return {
		name: p.name,
		gender: p.gender,
		birthDate: p.birthDate,
		phone: p.phone,
		relation: p.relation,
		householdId: p.householdId,
		isHead: p.isHead,
		status: p.status,
		statusDate: p.statusDate
	};
}

function changePerson(
	db: Db,
	actorId: number,
	villageId: number,
	personId: number,
	action: AuditAction,
	change: (before: Person) => PersonChangeResult | null
): PersonChangeResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		load: () => findPerson(db, villageId, personId),
		run: (before, ctx): PersonChangeResult => {
			const refused = change(before);
			if (refused) return refused;
			const after = findPerson(db, villageId, personId)!;
			ctx.audit({
				action,
				subjectType: 'person',
				subjectId: personId,
				before: personAudit(before),
				after: personAudit(after)
			});
			return { ok: true };
		}
	});
}

export function updatePerson(
	db: Db,
	actorId: number,
	villageId: number,
	personId: number,
	edit: PersonEdit
): PersonChangeResult {
	return changePerson(db, actorId, villageId, personId, 'roster.person_updated', () => {
		if (!isValidDate(edit.birthDate)) return { ok: false, reason: 'bad_date' };
		db.prepare(
			'update people set name = ?, name_initials = ?, gender = ?, birth_date = ?, phone = ?, relation = ? where id = ?'
		).run(
			edit.name,
			nameInitials(edit.name),
			edit.gender,
			edit.birthDate,
			edit.phone,
			edit.relation,
			personId
		);
		return null;
	});
}

/** Moves a person to another household of the same village (marriage, division of a household). */
export function movePerson(
	db: Db,
	actorId: number,
	villageId: number,
	personId: number,
	householdId: number
): PersonChangeResult {
	return changePerson(db, actorId, villageId, personId, 'roster.person_moved', () => {
		if (!findHousehold(db, villageId, householdId))
			return { ok: false, reason: 'household_not_found' };
		db.prepare('update people set household_id = ?, is_head = 0 where id = ?').run(
			householdId,
			personId
		);
		return null;
	});
}

const STATUS_ACTION = {
	moved_out: 'roster.person_moved_out',
	deceased: 'roster.person_deceased'
} as const satisfies Record<Exclude<PersonStatus, 'resident'>, AuditAction>;

/** Marks a person moved out or deceased from `date` on; they stop counting from that day. */
export function setPersonStatus(
	db: Db,
	actorId: number,
	villageId: number,
	personId: number,
	status: Exclude<PersonStatus, 'resident'>,
	date: string
): PersonChangeResult {
	return changePerson(db, actorId, villageId, personId, STATUS_ACTION[status], (before) => {
		if (before.status !== 'resident') return { ok: false, reason: 'not_resident' };
		if (!isValidDate(date) || date < before.birthDate) return { ok: false, reason: 'bad_date' };
		// Their login would keep reading the village's private pages from a phone that is no longer
		// theirs to use here: it is disabled, which ends its sessions; a clerk can enable it again.
		// Only someone who may manage that login may end it: a clerk cannot lock out the secretary.
		const login = db
			.prepare('select id from users where person_id = ? and disabled_at is null')
			.pluck()
			.get(personId) as number | undefined;
		if (login !== undefined && !mayManageAccountNow(db, actorId, findAccount(db, login)!))
			return { ok: false, reason: 'login_not_yours' };
		db.prepare('update people set status = ?, status_date = ? where id = ?').run(
			status,
			date,
			personId
		);
		// Their terms end the day before they leave the roster.
		const lastDay = dayBefore(date);
		db.prepare(
			'update roles set end_date = ? where person_id = ? and (end_date is null or end_date > ?) and start_date <= ?'
		).run(lastDay, personId, lastDay, lastDay);
		if (login !== undefined) setAccountDisabled(db, actorId, login, true);
		return null;
	});
}

export interface HouseholdEdit {
	address: string;
	groupId: number | null;
	gridId: number | null;
}

export function updateHousehold(
	db: Db,
	actorId: number,
	villageId: number,
	householdId: number,
	edit: HouseholdEdit
):
	| { ok: true }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'group_not_found' | 'grid_not_found' } {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		load: () => findHousehold(db, villageId, householdId),
		run: (before, ctx) => {
			if (
				edit.groupId &&
				!db
					.prepare('select 1 from village_groups where id = ? and village_id = ?')
					.get(edit.groupId, villageId)
			) {
				return { ok: false as const, reason: 'group_not_found' as const };
			}
			if (
				edit.gridId &&
				!db
					.prepare('select 1 from grids where id = ? and village_id = ?')
					.get(edit.gridId, villageId)
			) {
				return { ok: false as const, reason: 'grid_not_found' as const };
			}
			db.prepare('update households set address = ?, group_id = ?, grid_id = ? where id = ?').run(
				edit.address,
				edit.groupId,
				edit.gridId,
				householdId
			);
			ctx.audit({
				action: 'roster.household_updated',
				subjectType: 'household',
				subjectId: householdId,
				before: { address: before.address, groupId: before.groupId, gridId: before.gridId },
				after: edit
			});
			return { ok: true as const };
		}
	});
}
