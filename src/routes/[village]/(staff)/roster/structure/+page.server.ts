import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { structureNamesForm } from '$lib/server/roster/forms';
import { addStructureNames, listGrids, listGroups } from '$lib/server/roster/structure';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	return { groups: listGroups(db, village.id), grids: listGrids(db, village.id) };
};

async function add(event: Parameters<Actions[string]>[0], kind: 'group' | 'grid') {
	const { village, user } = requireStaff(event);
	const parsed = parseForm(structureNamesForm, await readForm(event.request));
	if (!parsed.ok) return fail(400, { kind, message: firstError(parsed.errors) });
	const result = addStructureNames(getDb(), user.id, village.id, kind, parsed.data.names);
	if (!result.ok && result.reason === 'forbidden')
		return fail(403, { kind, message: m.error_forbidden() });
	if (!result.ok)
		return fail(400, { kind, message: m.roster_name_too_long({ name: result.name.slice(0, 40) }) });
	return { kind, added: result.added.length };
}

export const actions: Actions = {
	addGroups: (event) => add(event, 'group'),
	addGrids: (event) => add(event, 'grid')
};
