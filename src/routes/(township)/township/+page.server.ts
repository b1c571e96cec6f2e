import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireTownship } from '$lib/server/villages/context';
import { overviewPage } from '$lib/server/township/overview-page';

export const load: PageServerLoad = (event) => {
	const { townshipId } = requireTownship(event);
	return overviewPage(getDb(), townshipId, event.url.searchParams);
};
