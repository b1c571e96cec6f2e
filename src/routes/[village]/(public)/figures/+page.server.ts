import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { publicFigures } from '$lib/server/figures/public';
import { villageFromSlug } from '$lib/server/villages/context';

export const csr = false;

export const load: PageServerLoad = ({ params, locals, setHeaders }) => {
	const village = villageFromSlug(params.village);
	// The same page for every anonymous reader: a proxy may keep it five minutes. A signed-in
	// reader's header names them, so theirs stays private (hooks.server.ts).
	if (!locals.user) setHeaders({ 'cache-control': 'public, max-age=300' });
	return { figures: publicFigures(getDb(), village.id, todayInChina()) };
};
