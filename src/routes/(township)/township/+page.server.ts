import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireTownship } from '$lib/server/villages/context';
import { overviewPage } from '$lib/server/township/overview-page';

export const load: PageServerLoad = (event) => {
	const { townshipId } = requireTownship(event);
	return overviewPage(getDb(), townshipId, event.url.searchParams);
};

// Links, GET filters and plain form posts do everything here: no client code is shipped, and no
// copy of the page's data is serialised into it for a framework to hydrate.
export const csr = false;
