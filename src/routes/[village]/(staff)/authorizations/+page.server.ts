import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { actorOf } from '$lib/server/permissions';
import { getDb } from '$lib/server/db';
import { field, readForm } from '$lib/server/forms';
import { authorizeReps } from '$lib/server/procedure/matters';
import { authorizationRefusalMessage } from '$lib/server/procedure/messages';
import { authorizationCandidates, listAuthorizations } from '$lib/server/procedure/authorizations';
import { ART24_ITEMS, CATEGORIES } from '$lib/server/topics/rules';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	return {
		authorizations: listAuthorizations(db, village.id),
		candidates: authorizationCandidates(db, village.id),
		// Village rules are never delegated (组织法 art. 21–22), so they are not offered.
		categories: CATEGORIES.filter((c) => c !== 'village_rules'),
		items: [...ART24_ITEMS]
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const values = {
			motion: field(form, 'motion'),
			categories: form.getAll('categories').filter((v): v is string => typeof v === 'string'),
			items: form.getAll('items').filter((v): v is string => typeof v === 'string'),
			validFrom: field(form, 'validFrom'),
			validTo: field(form, 'validTo')
		};
		const motionId = idParam(values.motion);
		if (!motionId)
			return fail(400, { values, message: authorizationRefusalMessage('motion_not_found') });
		const r = authorizeReps(getDb(), actorOf(user), village.id, motionId, {
			categories: values.categories,
			art24Items: values.items,
			validFrom: values.validFrom,
			validTo: values.validTo
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				values,
				message: authorizationRefusalMessage(r.reason)
			});
		return { notice: m.proc_auth_recorded() };
	}
};
