import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { jsonAbout, openDataCatalogue } from '$lib/server/open-data/answer';
import { villageFromSlug } from '$lib/server/villages/context';

// Public: the documented schema of the village's open data, with its download links.
export const load: PageServerLoad = ({ params, url }) => {
	const village = villageFromSlug(params.village);
	return {
		datasets: openDataCatalogue(getDb(), {
			villageId: village.id,
			slug: village.slug,
			today: todayInChina(),
			origin: url.origin
		}),
		jsonAbout: jsonAbout()
	};
};

// A page of text and links: nothing here needs JavaScript.
export const csr = false;
