import type { PageServerLoad } from './$types';
import { loadTopicList } from '$lib/server/topics/list-page';

export const load: PageServerLoad = (event) => loadTopicList(event, false);

// Links, GET filters and plain form posts do everything here: no client code is shipped, and no
// copy of the page's data is serialised into it for a framework to hydrate.
export const csr = false;
