import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { actorOf, mayFileForOthers } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { filingCandidates } from '$lib/server/topics/filing';
import { serviceCategories } from '$lib/server/services/categories';
import { fileServiceRequest } from '$lib/server/services/filing';
import { fileServiceForm, serviceOnBehalf, serviceRequestInput } from '$lib/server/services/form';
import { caseRefusalMessage, categoryName } from '$lib/server/services/messages';
import { requireMember } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const actor = actorOf(user);
	const search = (event.url.searchParams.get('for') ?? '').slice(0, 32);
	const db = getDb();
	return {
		// A retired category takes no new requests, so it is not offered.
		categories: serviceCategories(db, village.id)
			.filter((c) => c.active)
			.map((c) => ({ key: c.key, name: categoryName(c), limitDays: c.limitDays })),
		canFileForOthers: mayFileForOthers(db, village.id, actor),
		canFileForSelf: user.personId !== null,
		forSearch: search,
		candidates: filingCandidates(db, village.id, actor, search)
	};
};

export const actions: Actions = {
	file: async (event) => {
		const { village, user } = requireMember(event);
		const parsed = parseForm(fileServiceForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors as FieldErrors });
		if (parsed.data.forPerson === null && user.personId === null)
			return fail(400, { values, errors: { forPerson: m.topic_choose_villager() } as FieldErrors });
		const r = fileServiceRequest(
			getDb(),
			actorOf(user),
			village.id,
			serviceRequestInput(parsed.data),
			{
				onBehalf: serviceOnBehalf(parsed.data)
			}
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), { values, message: caseRefusalMessage(r.reason) });
		// Post, then redirect: reloading the case page never files the request twice.
		redirect(303, `/${village.slug}/services/${r.serviceCase.number}`);
	}
};

// Filled in on cheap phones over slow rural networks: plain form posts, no JavaScript shipped.
export const csr = false;
