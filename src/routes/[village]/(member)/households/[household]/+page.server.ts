import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { idParam, requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { todayInChina } from '$lib/server/calendar/dates';
import { followUpForm, notesForm, visitForm } from '$lib/server/households/forms';
import { householdRefusalMessage } from '$lib/server/households/messages';
import { updateHouseholdNotes } from '$lib/server/households/notes';
import { householdPage } from '$lib/server/households/page';
import { followUpVisit, logHouseholdVisit } from '$lib/server/households/visits';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const id = idParam(event.params.household);
	const page = id ? householdPage(getDb(), village.id, id, actorOf(user)) : null;
	if (!page) error(404, m.error_not_found());
	return { ...page, today: todayInChina() };
};

export const actions: Actions = {
	visit: async (event) => {
		const { village, user } = requireMember(event);
		const householdId = idParam(event.params.household);
		if (!householdId) return fail(404, { message: m.error_not_found() });
		const parsed = parseForm(visitForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { visitValues: parsed.values, visitError: firstError(parsed.errors) });
		const r = logHouseholdVisit(getDb(), actorOf(user), village.id, {
			householdId,
			...parsed.data
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				visitValues: parsed.values,
				visitError: householdRefusalMessage(r.reason)
			});
		return { notice: m.hh_visit_logged(), visitId: r.visit.id };
	},
	followUp: async (event) => {
		const { village, user } = requireMember(event);
		const parsed = parseForm(followUpForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = followUpVisit(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: householdRefusalMessage(r.reason) });
		return {
			notice:
				r.kind === 'service'
					? m.hh_became_service({ number: r.number })
					: m.hh_became_topic({ number: r.number })
		};
	},
	notes: async (event) => {
		const { village, user } = requireMember(event);
		const householdId = idParam(event.params.household);
		if (!householdId) return fail(404, { message: m.error_not_found() });
		const parsed = parseForm(notesForm, await readForm(event.request));
		const notesValues = { ...parsed.values, healthConsented: parsed.values.healthConsented !== '' };
		if (!parsed.ok) return fail(400, { notesValues, notesErrors: parsed.errors });
		const r = updateHouseholdNotes(getDb(), actorOf(user), village.id, householdId, parsed.data);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				notesValues,
				notesErrors: 'field' in r ? { [r.field]: householdRefusalMessage(r.reason) } : {},
				message: 'field' in r ? undefined : householdRefusalMessage(r.reason)
			});
		return { notesSaved: true };
	}
};
