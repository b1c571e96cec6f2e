import type { PageServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { citeOrganicLaw } from '$lib/server/law/organic-law';
import { townshipVillage } from '$lib/server/villages/context';
import { villageViewPage } from '$lib/server/township/overview-page';

// Read only: a township account sees the village's figures and late items, and changes nothing.
export const load: PageServerLoad = (event) => {
	const { village } = townshipVillage(event, event.params.village);
	const page = villageViewPage(getDb(), { id: village.id, slug: village.slug, name: village.name });
	return { ...page, cadenceArticle: citeOrganicLaw('disclosure', page.today, getLocale()) };
};

// Links, GET filters and plain form posts do everything here: no client code is shipped, and no
// copy of the page's data is serialised into it for a framework to hydrate.
export const csr = false;
