import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { actorOf } from '$lib/server/permissions';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { authorizationForm } from '$lib/server/procedure/forms';
import { authorizeReps } from '$lib/server/procedure/matters';
import { authorizationRefusalMessage } from '$lib/server/procedure/messages';
import { authorizationCandidates, listAuthorizations } from '$lib/server/procedure/authorizations';
import { ART24_ITEMS, CATEGORIES } from '$lib/server/topics/rules';
import { requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	return {
		authorizations: listAuthorizations(db, village.id),
		candidates: authorizationCandidates(db, village.id),
		// Village rules are never delegated (组织法 2018 art. 27, 2026 art. 31), so they are not offered.
		categories: CATEGORIES.filter((c) => c !== 'village_rules'),
		items: [...ART24_ITEMS]
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(authorizationForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok && parsed.errors.motion)
			return fail(400, { values, message: authorizationRefusalMessage('motion_not_found') });
		if (!parsed.ok) return fail(400, { values, message: firstError(parsed.errors) });
		const { motion, categories, items, validFrom, validTo } = parsed.data;
		const r = authorizeReps(getDb(), actorOf(user), village.id, motion, {
			categories,
			art24Items: items,
			validFrom,
			validTo
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				values,
				message: authorizationRefusalMessage(r.reason)
			});
		return { notice: m.proc_auth_recorded() };
	}
};
