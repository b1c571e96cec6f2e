import type { PageServerLoad } from './$types';
import { loadCaseList } from '$lib/server/services/list-page';

export const load: PageServerLoad = (event) => loadCaseList(event);

// Links, GET filters and plain form posts do everything here: no client code is shipped, and no
// copy of the page's data is serialised into it for a framework to hydrate.
export const csr = false;
