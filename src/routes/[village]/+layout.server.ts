import type { LayoutServerLoad } from './$types';
import { villageFromSlug } from '$lib/server/villages/context';
import { isMemberOf, isSupervisorOn, isVillageStaff } from '$lib/server/permissions';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';

export const load: LayoutServerLoad = ({ params, locals }) => {
	const village = villageFromSlug(params.village);
	const member = isMemberOf(locals.user, village);
	return {
		village: {
			slug: village.slug,
			name: village.name,
			place: [village.province, village.city, village.district, village.township]
				.filter(Boolean)
				.join(' ')
		},
		member,
		staff: isVillageStaff(locals.user, village),
		// A member on the supervision committee today: their workspace is linked from home and bar.
		supervisor:
			member && isSupervisorOn(getDb(), village.id, locals.user?.personId ?? null, todayInChina())
	};
};
