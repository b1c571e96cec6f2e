// The village's villagers' groups (村民小组) and grids (网格). The clerk sets them up before the
// first import, so a misspelt grid in a spreadsheet is caught instead of becoming a new grid.
import type { AuditAction } from '../audit/actions';
import { command } from '../command';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';

/** The longest name a group or grid may have, in characters. */
export const STRUCTURE_NAME_MAX = 32;

export interface Grid {
	id: number;
	name: string;
	households: number;
	heads: { personId: number; name: string }[];
}

export interface Group {
	id: number;
	name: string;
	households: number;
}

export function listGrids(db: Db, villageId: number, date = todayInChina()): Grid[] {
	const grids = db
		.prepare(
			`select g.id, g.name, (select count(*) from households h where h.grid_id = g.id) as households
			 from grids g where g.village_id = ? order by g.id`
		)
		.all(villageId) as Omit<Grid, 'heads'>[];
	const heads = db
		.prepare(
			`select r.grid_id as gridId, p.id as personId, p.name from roles r join people p on p.id = r.person_id
			 where r.village_id = ? and r.role = 'grid_head' and r.start_date <= ? and (r.end_date is null or r.end_date >= ?)
			 order by p.id`
		)
		.all(villageId, date, date) as { gridId: number; personId: number; name: string }[];
	return grids.map((g) => ({
		...g,
		heads: heads.filter((h) => h.gridId === g.id).map(({ personId, name }) => ({ personId, name }))
	}));
}

export function listGroups(db: Db, villageId: number): Group[] {
	return db
		.prepare(
			`select g.id, g.name, (select count(*) from households h where h.group_id = g.id) as households
			 from village_groups g where g.village_id = ? order by g.id`
		)
		.all(villageId) as Group[];
}

export type AddNamesResult =
	| { ok: true; added: string[] }
	| { ok: false; reason: 'bad_name'; name: string }
	| { ok: false; reason: 'forbidden' };

const ADDED = {
	group: 'roster.groups_added',
	grid: 'roster.grids_added'
} as const satisfies Record<'group' | 'grid', AuditAction>;

/** Adds groups or grids by name; names already there are left alone. */
export function addStructureNames(
	db: Db,
	actorId: number | null,
	villageId: number,
	kind: 'group' | 'grid',
	names: string[]
): AddNamesResult {
	const table = kind === 'group' ? 'village_groups' : 'grids';
	const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
	const bad = wanted.find((n) => [...n].length > STRUCTURE_NAME_MAX);
	if (bad) return { ok: false, reason: 'bad_name', name: bad };
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx): AddNamesResult => {
			const insert = db.prepare(
				`insert into ${table} (village_id, name) values (?, ?) on conflict do nothing`
			);
			const added = wanted.filter((n) => insert.run(villageId, n).changes > 0);
			if (added.length) {
				ctx.audit({
					action: ADDED[kind],
					subjectType: 'village',
					subjectId: villageId,
					after: { names: added }
				});
			}
			return { ok: true, added };
		}
	}) as AddNamesResult;
}
