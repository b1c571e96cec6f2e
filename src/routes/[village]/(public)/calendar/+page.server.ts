import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { byDay, chinaNow, monthOf, publicCalendar } from '$lib/server/venues/calendar';
import { villageFromSlug } from '$lib/server/villages/context';

// Links only: the month is read without any client code.
export const csr = false;

// No shared cache header, unlike the feed: the page's look follows the reader's display cookie
// (elderly mode), which a cached copy would not.
export const load: PageServerLoad = ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const today = todayInChina();
	const month = monthOf(url.searchParams.get('month'), today);
	return {
		month,
		today,
		now: chinaNow(),
		days: byDay(publicCalendar(getDb(), village.id, month.from, month.to, { withCancelled: true }))
	};
};
