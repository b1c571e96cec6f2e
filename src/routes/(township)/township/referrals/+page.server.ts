import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { requireTownship } from '$lib/server/villages/context';
import { townshipReferrals } from '$lib/server/township/referrals';

export const load: PageServerLoad = (event) => {
	const { townshipId } = requireTownship(event);
	const referrals = townshipReferrals(getDb(), townshipId, todayInChina());
	return {
		open: referrals.filter((r) => r.answer === null),
		answered: referrals.filter((r) => r.answer !== null)
	};
};
