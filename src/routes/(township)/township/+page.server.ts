import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireTownship } from '$lib/server/villages/context';
import { findTownship, villagesOfTownship } from '$lib/server/villages/townships';

export const load: PageServerLoad = (event) => {
	const { townshipId } = requireTownship(event);
	const db = getDb();
	return {
		township: findTownship(db, townshipId)!,
		villages: villagesOfTownship(db, townshipId)
	};
};
