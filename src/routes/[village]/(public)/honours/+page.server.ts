import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { isMemberOf, isVillageStaff } from '$lib/server/permissions';
import { listRounds, publicHonourees } from '$lib/server/honours/records';
import { villageFromSlug } from '$lib/server/villages/context';

// Public page: the published rounds and their honourees; members also see the rounds under way.
export const load: PageServerLoad = (event) => {
	const village = villageFromSlug(event.params.village);
	const user = event.locals.user;
	const db = getDb();
	return {
		published: listRounds(db, village.id, ['published']).map((r) => ({
			id: r.id,
			title: r.title,
			honourees: publicHonourees(db, village.id, r.id)
		})),
		open: isMemberOf(user, village)
			? listRounds(db, village.id, ['nominating', 'reviewing', 'voting', 'counted']).map((r) => ({
					id: r.id,
					title: r.title,
					state: r.state
				}))
			: [],
		staff: isVillageStaff(user, village)
	};
};
