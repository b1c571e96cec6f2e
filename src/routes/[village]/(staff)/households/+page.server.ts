import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { visitCadenceDays } from '$lib/server/households/cadence';
import { assignHouseholds, endHouseholdContact } from '$lib/server/households/contacts';
import { coverageByGrid, membersWithHouseholds } from '$lib/server/households/coverage';
import { assignForm, endContactForm } from '$lib/server/households/forms';
import { householdRefusalMessage } from '$lib/server/households/messages';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	return {
		cadence: visitCadenceDays(db, village.id),
		coverage: coverageByGrid(db, village.id),
		members: membersWithHouseholds(db, village.id)
	};
};

export const actions: Actions = {
	assign: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(assignForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = assignHouseholds(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: householdRefusalMessage(r.reason) });
		return { notice: m.hh_assigned({ count: r.contacts.length }) };
	},
	end: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(endContactForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = endHouseholdContact(getDb(), actorOf(user), village.id, parsed.data.contactId);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: householdRefusalMessage(r.reason) });
		return { notice: m.hh_ended() };
	}
};
