import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { cancelEvent, changeEvent } from '$lib/server/venues/booking-changes';
import { cancelBookingForm, changeBookingForm } from '$lib/server/venues/forms';
import { getHallRules } from '$lib/server/venues/hall-rules';
import { findEvent, listVenues } from '$lib/server/venues/records';
import { venueRefusalMessage } from '$lib/server/venues/messages';

const eventId = (raw: string): number => (/^\d{1,15}$/.test(raw) ? Number(raw) : 0);

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const found = findEvent(db, village.id, eventId(event.params.id));
	if (!found) error(404, m.error_not_found());
	return {
		event: found,
		// The booking's own venue stays choosable even once retired: a change may keep it.
		venues: listVenues(db, village.id, { withRetired: true }).filter(
			(v) => v.retiredOn === null || v.id === found.venueId
		),
		hallRules: getHallRules(db, village.id),
		booked: event.url.searchParams.has('booked'),
		changed: event.url.searchParams.has('changed'),
		cancelled: event.url.searchParams.has('cancelled')
	};
};

export const actions: Actions = {
	change: async (event) => {
		const { village, user } = requireStaff(event);
		const id = eventId(event.params.id);
		const parsed = parseForm(changeBookingForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { action: 'change', values, errors: parsed.errors });
		const r = changeEvent(getDb(), actorOf(user), village.id, id, parsed.data);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'change',
				values,
				errors: {},
				message: venueRefusalMessage(r),
				clash: r.reason === 'clash' ? { kind: r.clash.kind, id: r.clash.id } : null
			});
		redirect(303, `/${village.slug}/hall/${id}?changed=1`);
	},
	cancel: async (event) => {
		const { village, user } = requireStaff(event);
		const id = eventId(event.params.id);
		const parsed = parseForm(cancelBookingForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { action: 'cancel', values, errors: parsed.errors });
		const r = cancelEvent(getDb(), actorOf(user), village.id, id, parsed.data.reason);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'cancel',
				values,
				errors: {},
				message: venueRefusalMessage(r)
			});
		redirect(303, `/${village.slug}/hall/${id}?cancelled=1`);
	}
};
