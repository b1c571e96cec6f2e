import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { listGrids } from '$lib/server/roster/structure';
import { parsePeriodQuery } from '$lib/server/figures/period';
import { villageStatistics } from '$lib/server/figures/statistics';
import { serviceCategories } from '$lib/server/services/categories';
import { categoryName } from '$lib/server/services/messages';
import { requireStaff } from '$lib/server/villages/context';

// Links and a GET form do everything here: no client code is shipped.
export const csr = false;

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const today = todayInChina();
	const grids = listGrids(db, village.id, today).map((g) => ({ id: g.id, name: g.name }));
	const q = parsePeriodQuery(
		event.url.searchParams,
		today,
		grids.map((g) => g.id)
	);
	const filter = { villageId: village.id, from: q.from, to: q.to, gridId: q.gridId };
	const names = new Map(serviceCategories(db, village.id).map((c) => [c.key, categoryName(c)]));
	const stats = villageStatistics(db, filter);
	return {
		filter,
		badPeriod: !q.ok,
		grids,
		today,
		stats: {
			...stats,
			services: {
				...stats.services,
				byCategory: stats.services.byCategory.map((c) => ({
					...c,
					name: names.get(c.category) ?? categoryName({ key: c.category, name: null })
				}))
			}
		}
	};
};
