import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { publicRegister } from '$lib/server/procedure/resolution-lists';
import { villageFromSlug } from '$lib/server/villages/context';

// Public: every number of the village's resolutions, an unpublished one by number and state only.
export const load: PageServerLoad = ({ params }) => {
	const village = villageFromSlug(params.village);
	return { register: publicRegister(getDb(), village.id) };
};
