import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listVillages } from '$lib/server/villages/villages';

export const load: PageServerLoad = () => ({
	villages: listVillages(getDb()).map((v) => ({
		slug: v.slug,
		name: v.name,
		place: [v.province, v.city, v.district, v.township].filter(Boolean).join(' ')
	}))
});
