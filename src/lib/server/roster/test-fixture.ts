// A tiny roster built directly in SQL, for the unit tests of the rules that read it.
import type { Db } from '../db';
import { createVillage } from '../villages/villages';

let phoneCounter = 0;

export function rosterFixture(db: Db, slug = 'xinyang') {
	const created = createVillage(db, null, {
		slug,
		name: slug,
		township: '',
		district: '',
		city: '',
		province: '',
		oneShoulder: true,
		clerk: { name: '文书', phone: `1370000${String(++phoneCounter).padStart(4, '0')}` }
	});
	if (!created.ok) throw new Error(created.reason);
	const villageId = created.village.id;
	const group = Number(
		db.prepare("insert into village_groups (village_id, name) values (?, '一组')").run(villageId)
			.lastInsertRowid
	);
	const grid = Number(
		db.prepare("insert into grids (village_id, name) values (?, '一网格')").run(villageId)
			.lastInsertRowid
	);
	let households = 0;
	const household = (key = `H${++households}`) =>
		Number(
			db
				.prepare(
					'insert into households (village_id, household_key, group_id, grid_id) values (?, ?, ?, ?)'
				)
				.run(villageId, key, group, grid).lastInsertRowid
		);
	const person = (
		householdId: number,
		birthDate: string,
		opts: {
			gender?: 'm' | 'f';
			name?: string;
			status?: 'moved_out' | 'deceased';
			statusDate?: string;
		} = {}
	) =>
		Number(
			db
				.prepare(
					`insert into people (village_id, household_id, name, gender, birth_date, status, status_date, created_at)
					 values (?, ?, ?, ?, ?, ?, ?, '2026-01-01')`
				)
				.run(
					villageId,
					householdId,
					opts.name ?? '村民',
					opts.gender ?? 'm',
					birthDate,
					opts.status ?? 'resident',
					opts.statusDate ?? null
				).lastInsertRowid
		);
	return { villageId, group, grid, household, person, clerkId: created.clerkId };
}
