import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { chinaNow } from '$lib/server/venues/calendar';
import { weeklyPoster } from '$lib/server/venues/poster';
import { villageFromSlug } from '$lib/server/villages/context';

// A sheet to print: nothing on it needs client code.
export const csr = false;

export const load: PageServerLoad = async ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const poster = await weeklyPoster(getDb(), village.id, village.slug, params.date, url.origin);
	if (!poster) error(404, m.error_not_found());
	return { poster, now: chinaNow() };
};
