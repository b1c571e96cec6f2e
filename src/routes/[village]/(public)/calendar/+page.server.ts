import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { byDay, chinaNow, monthOf, publicCalendar } from '$lib/server/venues/calendar';
import { villageFromSlug } from '$lib/server/villages/context';

// Links only: the month is read without any client code.
export const csr = false;

export const load: PageServerLoad = ({ params, url, locals, setHeaders }) => {
	const village = villageFromSlug(params.village);
	const today = todayInChina();
	const month = monthOf(url.searchParams.get('month'), today);
	// The same page for every anonymous reader, as the public figures (hooks.server.ts).
	if (!locals.user) setHeaders({ 'cache-control': 'public, max-age=300' });
	return {
		month,
		today,
		now: chinaNow(),
		days: byDay(publicCalendar(getDb(), village.id, month.from, month.to, { withCancelled: true }))
	};
};
