import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { householdForm } from '$lib/server/roster/forms';
import { findHousehold, listPeople, updateHousehold } from '$lib/server/roster/people';
import { listGrids, listGroups } from '$lib/server/roster/structure';
import { idParam, requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const id = idParam(event.params.household);
	const household = id ? findHousehold(db, village.id, id) : null;
	if (!household) error(404, m.error_not_found());
	return {
		household,
		members: listPeople(db, village.id, { householdId: household.id, status: 'all', pageSize: 200 })
			.items,
		grids: listGrids(db, village.id).map((g) => ({ id: g.id, name: g.name })),
		groups: listGroups(db, village.id)
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { village, user } = requireStaff(event);
		const id = idParam(event.params.household);
		if (!id) return fail(404, { message: m.error_not_found() });
		const parsed = parseForm(householdForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const result = updateHousehold(getDb(), user.id, village.id, id, parsed.data);
		if (!result.ok)
			return fail(result.reason === 'not_found' ? 404 : 400, { message: m.error_not_found() });
		return { saved: true };
	}
};
