import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { todayInChina } from '$lib/server/calendar/dates';
import { findHouseholdByKey } from '$lib/server/roster/people';
import { bookEvent } from '$lib/server/venues/booking';
import { bookingDesk } from '$lib/server/venues/desk';
import { bookingForm } from '$lib/server/venues/forms';
import { getHallRules } from '$lib/server/venues/hall-rules';
import { EVENT_KINDS, PRIVATE_KINDS, listVenues, type EventKind } from '$lib/server/venues/records';
import { venueRefusalMessage } from '$lib/server/venues/messages';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const today = todayInChina();
	return {
		today,
		desk: bookingDesk(db, village.id, today),
		venues: listVenues(db, village.id),
		kinds: EVENT_KINDS,
		hallRules: getHallRules(db, village.id)
	};
};

export const actions: Actions = {
	book: async (event) => {
		const { village, user } = requireStaff(event);
		const db = getDb();
		const parsed = parseForm(bookingForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const { household, ...input } = parsed.data;
		// A private use names its household by 户号, as the desk's paper form does.
		const householdId = household
			? (findHouseholdByKey(db, village.id, household)?.id ?? -1)
			: null;
		const r = bookEvent(db, actorOf(user), village.id, {
			...input,
			householdId: PRIVATE_KINDS.includes(input.kind as EventKind) ? householdId : null
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				values,
				errors: {},
				message: venueRefusalMessage(r),
				clash: r.reason === 'clash' ? { kind: r.clash.kind, id: r.clash.id } : null
			});
		redirect(303, `/${village.slug}/hall/${r.event.id}?booked=1`);
	}
};
