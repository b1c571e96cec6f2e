import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { addDays, isValidDate, todayInChina } from '$lib/server/calendar/dates';
import { actorOf } from '$lib/server/permissions';
import { idParam, requireMember } from '$lib/server/villages/context';
import { gridsKeptBy } from '$lib/server/grid-points/records';
import { weekSummary } from '$lib/server/grid-points/summary';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const db = getDb();
	const today = todayInChina();
	// The grid's head sees their grid's weeks; staff see every grid's.
	const grids = gridsKeptBy(db, village.id, actorOf(user), today);
	if (grids.length === 0) error(403, m.error_forbidden());
	const asked = event.url.searchParams.get('grid');
	const grid = asked === null ? grids[0] : grids.find((g) => g.id === idParam(asked));
	if (!grid) error(404, m.error_not_found());
	const week = event.url.searchParams.get('week') ?? '';
	const summary = weekSummary(db, village.id, grid.id, isValidDate(week) ? week : today);
	return {
		grids,
		grid,
		summary,
		previous: addDays(summary.from, -7),
		next: summary.to < today ? addDays(summary.from, 7) : null
	};
};

// A printed sheet for the committee's file: nothing on it needs a script.
export const csr = false;
