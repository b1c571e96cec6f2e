// Applying a validated roster file: a plan (what would change) for the preview, then the same plan
// applied in one transaction with one audit entry. Matching is by household number and by
// name + birth date, so importing the same file twice changes nothing the second time.
import { createHash } from 'node:crypto';
import { command } from '../command';
import type { Db } from '../db';
import { nameInitials } from './initials';
import type { RosterRow } from './parse/validate';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';

export interface ImportIssue {
	line: number;
	column: 'group' | 'grid' | 'household';
	value: string;
	code: 'unknown_group' | 'unknown_grid' | 'household_conflict';
}

interface HouseholdPlan {
	key: string;
	address: string;
	groupId: number;
	gridId: number;
}

interface PersonFields {
	name: string;
	gender: 'm' | 'f';
	birthDate: string;
	idLast4: string | null;
	phone: string | null;
	relation: string;
	isHead: boolean;
	householdKey: string;
}

export interface ImportPlan {
	issues: ImportIssue[];
	householdsToCreate: HouseholdPlan[];
	householdsToUpdate: (HouseholdPlan & { id: number })[];
	peopleToCreate: PersonFields[];
	peopleToUpdate: (PersonFields & { id: number; changed: (keyof PersonFields)[] })[];
	unchanged: number;
	notInFile: number;
}

const isHeadRow = (r: RosterRow) =>
	r.relation === '户主' ||
	r.relation === '本人' ||
	(!!r.householdHead && r.name === r.householdHead && !r.relation);

interface ExistingPerson extends Omit<PersonFields, 'isHead'> {
	id: number;
	isHead: number;
}

export function planImport(db: Db, villageId: number, rows: RosterRow[]): ImportPlan {
	const groups = new Map(
		(
			db.prepare('select name, id from village_groups where village_id = ?').all(villageId) as {
				name: string;
				id: number;
			}[]
		).map((g) => [g.name, g.id])
	);
	const grids = new Map(
		(
			db.prepare('select name, id from grids where village_id = ?').all(villageId) as {
				name: string;
				id: number;
			}[]
		).map((g) => [g.name, g.id])
	);
	const issues: ImportIssue[] = [];
	const households = new Map<string, HouseholdPlan & { line: number }>();
	for (const r of rows) {
		const groupId = groups.get(r.group);
		const gridId = grids.get(r.grid);
		if (groupId === undefined)
			issues.push({ line: r.line, column: 'group', value: r.group, code: 'unknown_group' });
		if (gridId === undefined)
			issues.push({ line: r.line, column: 'grid', value: r.grid, code: 'unknown_grid' });
		if (groupId === undefined || gridId === undefined) continue;
		const seen = households.get(r.householdKey);
		if (!seen) {
			households.set(r.householdKey, {
				key: r.householdKey,
				address: r.address,
				groupId,
				gridId,
				line: r.line
			});
		} else if (seen.groupId !== groupId || seen.gridId !== gridId) {
			issues.push({
				line: r.line,
				column: 'household',
				value: r.householdKey,
				code: 'household_conflict'
			});
		} else if (!seen.address || (isHeadRow(r) && r.address)) {
			seen.address = r.address || seen.address;
		}
	}

	const existingHouseholds = new Map(
		(
			db
				.prepare(
					'select id, household_key as key, address, group_id as groupId, grid_id as gridId from households where village_id = ?'
				)
				.all(villageId) as (HouseholdPlan & { id: number })[]
		).map((h) => [h.key, h])
	);
	const householdsToCreate: HouseholdPlan[] = [];
	const householdsToUpdate: (HouseholdPlan & { id: number })[] = [];
	for (const { key, address, groupId, gridId } of households.values()) {
		const h = { key, address, groupId, gridId };
		const old = existingHouseholds.get(h.key);
		if (!old) householdsToCreate.push(h);
		else if (old.address !== h.address || old.groupId !== h.groupId || old.gridId !== h.gridId) {
			householdsToUpdate.push({ ...h, id: old.id });
		}
	}

	const existingPeople = db
		.prepare(
			`select p.id, p.name, p.gender, p.birth_date as birthDate, p.id_last4 as idLast4, p.phone, p.relation,
			        p.is_head as isHead, h.household_key as householdKey
			 from people p join households h on h.id = p.household_id where p.village_id = ?`
		)
		.all(villageId) as ExistingPerson[];
	const byNameBirth = new Map<string, ExistingPerson[]>();
	for (const p of existingPeople) {
		const k = `${p.name}|${p.birthDate}`;
		byNameBirth.set(k, [...(byNameBirth.get(k) ?? []), p]);
	}
	const matched = new Set<number>();
	const peopleToCreate: PersonFields[] = [];
	const peopleToUpdate: ImportPlan['peopleToUpdate'] = [];
	let unchanged = 0;
	for (const r of rows) {
		if (!households.has(r.householdKey)) continue;
		const fields: PersonFields = {
			name: r.name,
			gender: r.gender,
			birthDate: r.birthDate,
			idLast4: r.idLast4,
			phone: r.phone,
			relation: r.relation,
			isHead: isHeadRow(r),
			householdKey: r.householdKey
		};
		const candidates = (byNameBirth.get(`${r.name}|${r.birthDate}`) ?? []).filter(
			(p) => !matched.has(p.id)
		);
		// Namesakes born the same day are told apart by the ID number's last digits, then household.
		const match =
			candidates.find((p) => r.idLast4 && p.idLast4 === r.idLast4) ??
			candidates.find((p) => p.householdKey === r.householdKey) ??
			candidates.find((p) => !p.idLast4 || !r.idLast4);
		if (!match) {
			peopleToCreate.push(fields);
			continue;
		}
		matched.add(match.id);
		// An empty cell keeps what the roster already knows (e.g. a phone added by the clerk).
		const next: PersonFields = {
			...fields,
			idLast4: fields.idLast4 ?? match.idLast4,
			phone: fields.phone ?? match.phone
		};
		const changed = (Object.keys(next) as (keyof PersonFields)[]).filter((k) =>
			k === 'isHead' ? next.isHead !== (match.isHead === 1) : next[k] !== match[k]
		);
		if (changed.length) peopleToUpdate.push({ ...next, id: match.id, changed });
		else unchanged++;
	}
	return {
		issues,
		householdsToCreate,
		householdsToUpdate,
		peopleToCreate,
		peopleToUpdate,
		unchanged,
		notInFile: existingPeople.length - matched.size
	};
}

export interface ImportSummary {
	householdsCreated: number;
	householdsUpdated: number;
	peopleCreated: number;
	peopleUpdated: number;
	unchanged: number;
}

export type ApplyImportResult =
	{ ok: true; summary: ImportSummary } | { ok: false; reason: 'has_issues'; issues: ImportIssue[] };

/** Applies the rows in one transaction with one audit entry; nothing at all when nothing changed. */
export function applyImport(
	db: Db,
	actorId: number | null,
	villageId: number,
	rows: RosterRow[],
	source: { fileName: string; sha256: string }
): ApplyImportResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		run: (_, ctx): ApplyImportResult => {
			const plan = planImport(db, villageId, rows);
			if (plan.issues.length) return { ok: false, reason: 'has_issues', issues: plan.issues };
			const insertHousehold = db.prepare(
				'insert into households (village_id, household_key, address, group_id, grid_id) values (?, ?, ?, ?, ?)'
			);
			const updateHousehold = db.prepare(
				'update households set address = ?, group_id = ?, grid_id = ? where id = ?'
			);
			for (const h of plan.householdsToCreate)
				insertHousehold.run(villageId, h.key, h.address, h.groupId, h.gridId);
			for (const h of plan.householdsToUpdate)
				updateHousehold.run(h.address, h.groupId, h.gridId, h.id);
			const householdIds = new Map(
				(
					db
						.prepare('select household_key as key, id from households where village_id = ?')
						.all(villageId) as {
						key: string;
						id: number;
					}[]
				).map((h) => [h.key, h.id])
			);
			const now = new Date().toISOString();
			const insertPerson = db.prepare(
				`insert into people (village_id, household_id, name, name_initials, gender, birth_date, id_last4, phone, relation, is_head, created_at)
				 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			);
			const updatePerson = db.prepare(
				`update people set household_id = ?, name = ?, name_initials = ?, gender = ?, birth_date = ?, id_last4 = ?,
				 phone = ?, relation = ?, is_head = ? where id = ?`
			);
			for (const p of plan.peopleToCreate) {
				insertPerson.run(
					villageId,
					householdIds.get(p.householdKey),
					p.name,
					nameInitials(p.name),
					p.gender,
					p.birthDate,
					p.idLast4,
					p.phone,
					p.relation,
					p.isHead ? 1 : 0,
					now
				);
			}
			for (const p of plan.peopleToUpdate) {
				updatePerson.run(
					householdIds.get(p.householdKey),
					p.name,
					nameInitials(p.name),
					p.gender,
					p.birthDate,
					p.idLast4,
					p.phone,
					p.relation,
					p.isHead ? 1 : 0,
					p.id
				);
			}
			const summary: ImportSummary = {
				householdsCreated: plan.householdsToCreate.length,
				householdsUpdated: plan.householdsToUpdate.length,
				peopleCreated: plan.peopleToCreate.length,
				peopleUpdated: plan.peopleToUpdate.length,
				unchanged: plan.unchanged
			};
			const changes =
				summary.householdsCreated +
				summary.householdsUpdated +
				summary.peopleCreated +
				summary.peopleUpdated;
			if (changes > 0) {
				ctx.audit({
					action: 'roster.imported',
					subjectType: 'village',
					subjectId: villageId,
					after: {
						...summary,
						fileName: source.fileName,
						sha256: source.sha256,
						updatedPeople: plan.peopleToUpdate.map((p) => ({ id: p.id, changed: p.changed }))
					}
				});
			}
			return { ok: true, summary };
		}
	}) as ApplyImportResult;
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Keeps validated rows between the preview and the clerk's confirmation. Not audited: the staged
 * rows change nothing on the roster until `applyStagedImport`, whose entry names the file.
 */
export function stageImport(
	db: Db,
	actorId: number,
	villageId: number,
	source: { fileName: string; sha256: string },
	rows: RosterRow[]
): number {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		run: (_, { now }) => {
			const { lastInsertRowid } = db
				.prepare(
					'insert into roster_imports (village_id, created_by, file_name, file_sha256, rows, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(
					villageId,
					actorId,
					source.fileName,
					source.sha256,
					JSON.stringify(rows),
					now.toISOString()
				);
			// Staged files older than a day are of no use and hold personal data: drop them.
			db.prepare("delete from roster_imports where status = 'previewed' and created_at < ?").run(
				new Date(now.getTime() - 86_400_000).toISOString()
			);
			return Number(lastInsertRowid);
		}
	}) as number;
}

export function loadStagedImport(
	db: Db,
	villageId: number,
	importId: number
): { fileName: string; sha256: string; rows: RosterRow[] } | null {
	const row = db
		.prepare(
			"select file_name, file_sha256, rows from roster_imports where id = ? and village_id = ? and status = 'previewed'"
		)
		.get(importId, villageId) as
		{ file_name: string; file_sha256: string; rows: string } | undefined;
	return row
		? {
				fileName: row.file_name,
				sha256: row.file_sha256,
				rows: JSON.parse(row.rows) as RosterRow[]
			}
		: null;
}

export type ApplyStagedResult =
	ApplyImportResult | { ok: false; reason: 'not_found' } | { ok: false; reason: 'forbidden' };

/** Applies a previewed import and closes it, in one transaction: confirming twice applies once. */
export function applyStagedImport(
	db: Db,
	actorId: number,
	villageId: number,
	importId: number
): ApplyStagedResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		load: () => loadStagedImport(db, villageId, importId),
		run: (staged): ApplyStagedResult => {
			const result = applyImport(db, actorId, villageId, staged.rows, staged);
			if (result.ok) {
				db.prepare(
					"update roster_imports set status = 'applied', applied_at = ?, rows = '[]' where id = ?"
				).run(new Date().toISOString(), importId);
			}
			return result;
		}
	});
}
