import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listHouseholds } from '$lib/server/roster/people';
import { listGrids } from '$lib/server/roster/structure';
import { idParam, requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const q = event.url.searchParams;
	const filters = {
		search: (q.get('q') ?? '').slice(0, 64),
		gridId: idParam(q.get('grid')),
		page: idParam(q.get('page')) ?? 1
	};
	return {
		filters,
		households: listHouseholds(db, village.id, filters),
		grids: listGrids(db, village.id).map((g) => ({ id: g.id, name: g.name }))
	};
};
