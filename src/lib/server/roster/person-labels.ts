// The labels every person picker shows (issue 15): the name, and where two people picked from the
// same list share it, what tells them apart (roster/namesakes.ts), read from their households.
import type { Db } from '../db';
import { withNamesakeLabels, type NamedPerson } from './namesakes';

/** These people of the village, in the order given, each with a `label`. */
export function labelPeople<T extends { id: number; name: string }>(
	db: Db,
	villageId: number,
	people: readonly T[]
): (T & { label: string })[] {
	if (!people.length) return [];
	const details = new Map(
		(
			db
				.prepare(
					`select p.id, h.household_key as householdKey, g.name as groupName,
					   gr.name as gridName, p.birth_date as birthDate
					 from people p join households h on h.id = p.household_id
					 left join village_groups g on g.id = h.group_id
					 left join grids gr on gr.id = h.grid_id
					 where p.village_id = ? and p.id in (select value from json_each(?))`
				)
				.all(villageId, JSON.stringify(people.map((p) => p.id))) as Omit<NamedPerson, 'name'>[]
		).map((d) => [d.id, d])
	);
	const labelled = withNamesakeLabels(people.map((p) => ({ ...details.get(p.id), ...p })));
	return people.map((p, i) => ({ ...p, label: labelled[i].label }));
}
