import type { LayoutServerLoad } from './$types';
import { villageFromSlug } from '$lib/server/villages/context';
import { isMemberOf, isVillageStaff } from '$lib/server/permissions';

export const load: LayoutServerLoad = ({ params, locals }) => {
	const village = villageFromSlug(params.village);
	return {
		village: {
			slug: village.slug,
			name: village.name,
			place: [village.province, village.city, village.district, village.township]
				.filter(Boolean)
				.join(' ')
		},
		member: isMemberOf(locals.user, village),
		staff: isVillageStaff(locals.user, village)
	};
};
