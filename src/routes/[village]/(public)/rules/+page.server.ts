import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { rulesOverview } from '$lib/server/village-rules/view';
import { villageFromSlug } from '$lib/server/villages/context';

// Public: the rules in force bind every villager, so anyone may read them and their history.
export const load: PageServerLoad = ({ params }) => {
	const village = villageFromSlug(params.village);
	const today = todayInChina();
	return { documents: rulesOverview(getDb(), village.id, today), today };
};
