import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireMember } from '$lib/server/villages/context';
import { memberHouseholds } from '$lib/server/households/coverage';
import { visitCadenceDays } from '$lib/server/households/cadence';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const db = getDb();
	return {
		cadence: visitCadenceDays(db, village.id),
		households: user.personId === null ? [] : memberHouseholds(db, village.id, user.personId)
	};
};
