// Townships (乡镇): a deployment serves one, or a county's several; each village belongs to the
// township it names, and the township's staff oversee its villages read-only (issue 19).
import type { Db } from '../db';

export interface Township {
	id: number;
	name: string;
	district: string;
	city: string;
	province: string;
}

export interface TownshipVillage {
	id: number;
	slug: string;
	name: string;
}

export const findTownship = (db: Db, id: number): Township | null =>
	(db.prepare('select id, name, district, city, province from townships where id = ?').get(id) as
		Township | undefined) ?? null;

export const listTownships = (db: Db): Township[] =>
	db
		.prepare(
			'select id, name, district, city, province from townships order by province, city, district, name'
		)
		.all() as Township[];

/** The villages of a township, by name. */
export const villagesOfTownship = (db: Db, townshipId: number): TownshipVillage[] =>
	db
		.prepare('select id, slug, name from villages where township_id = ? order by name, id')
		.all(townshipId) as TownshipVillage[];

/**
 * The township a new village names, created the first time a village names it; null when the
 * village names none. Called inside the command that creates the village.
 */
export function townshipIdFor(
	db: Db,
	place: { township: string; district: string; city: string; province: string }
): number | null {
	if (!place.township) return null;
	const found = db
		.prepare(
			'select id from townships where name = ? and district = ? and city = ? and province = ?'
		)
		.get(place.township, place.district, place.city, place.province) as { id: number } | undefined;
	if (found) return found.id;
	return Number(
		db
			.prepare(
				'insert into townships (name, district, city, province, created_at) values (?, ?, ?, ?, ?)'
			)
			.run(place.township, place.district, place.city, place.province, new Date().toISOString())
			.lastInsertRowid
	);
}
