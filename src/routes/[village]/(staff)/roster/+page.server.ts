import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoCountsOn } from '$lib/server/roster/counts';
import { rosterWarnings } from '$lib/server/roster/checks';
import { todayInChina } from '$lib/server/calendar/dates';
import { citeOrganicLaw } from '$lib/server/law/organic-law';
import { getLocale } from '$lib/paraglide/runtime';
import { listPeople, type PersonStatus } from '$lib/server/roster/people';
import { listGrids } from '$lib/server/roster/structure';
import { ROLE_KINDS } from '$lib/server/roster/roles';
import { idParam, requireStaff } from '$lib/server/villages/context';

const STATUSES = ['resident', 'moved_out', 'deceased', 'all'] as const;

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const q = event.url.searchParams;
	const status = (STATUSES as readonly string[]).includes(q.get('status') ?? '')
		? (q.get('status') as PersonStatus | 'all')
		: 'resident';
	const filters = {
		search: (q.get('q') ?? '').slice(0, 64),
		gridId: idParam(q.get('grid')),
		status,
		role: (ROLE_KINDS as readonly string[]).includes(q.get('role') ?? '') ? q.get('role') : null,
		page: idParam(q.get('page')) ?? 1
	};
	const today = todayInChina();
	const counts = whoCountsOn(db, village.id, today);
	return {
		filters,
		people: listPeople(db, village.id, { ...filters, date: today }),
		grids: listGrids(db, village.id, today).map((g) => ({ id: g.id, name: g.name })),
		counts,
		warnings: rosterWarnings(counts),
		// The representatives' meeting's make-up: 2018 art. 25, 2026 art. 29.
		warningsArticle: citeOrganicLaw('repsMeetingMakeUp', today, getLocale())
	};
};
