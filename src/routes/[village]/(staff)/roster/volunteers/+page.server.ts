import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { todayInChina } from '$lib/server/calendar/dates';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { requireStaff } from '$lib/server/villages/context';
import { distinguishNamesakes } from '$lib/server/roster/namesakes';
import {
	addVolunteer,
	endVolunteer,
	listVolunteers,
	volunteerCandidates
} from '$lib/server/services/volunteers';
import { addVolunteerForm, endVolunteerForm } from '$lib/server/grid-points/forms';
import { volunteerRefusalMessage } from '$lib/server/grid-points/messages';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const today = todayInChina();
	const search = (event.url.searchParams.get('q') ?? '').trim().slice(0, 32);
	const candidates = volunteerCandidates(db, village.id, today, search);
	const labels = distinguishNamesakes(candidates);
	const saved = event.url.searchParams.get('saved');
	return {
		saved: saved === 'added' ? m.gp_vol_added() : saved === 'ended' ? m.gp_vol_ended() : null,
		today,
		search,
		volunteers: listVolunteers(db, village.id),
		candidates: candidates.map((c) => ({ id: c.id, label: labels.get(c.id) ?? c.name }))
	};
};

export const actions: Actions = {
	add: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(addVolunteerForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'add', values: parsed.values, errors: parsed.errors });
		const r = addVolunteer(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				form: 'add',
				values: parsed.values,
				message: volunteerRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/roster/volunteers?saved=added`);
	},
	end: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(endVolunteerForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'end', message: m.error_date() });
		const r = endVolunteer(
			getDb(),
			actorOf(user),
			village.id,
			parsed.data.volunteerId,
			parsed.data.endDate
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				form: 'end',
				message: volunteerRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/roster/volunteers?saved=ended`);
	}
};
