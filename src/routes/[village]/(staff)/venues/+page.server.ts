import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { todayInChina } from '$lib/server/calendar/dates';
import { hallRulesForm, retireVenueForm, venueForm, venueIdForm } from '$lib/server/venues/forms';
import { getHallRules, updateHallRules } from '$lib/server/venues/hall-rules';
import { listVenues } from '$lib/server/venues/records';
import { hallRulesRefusalMessage, venueRefusalMessage } from '$lib/server/venues/messages';
import { addVenue, changeVenue, retireVenue } from '$lib/server/venues/venues';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	return {
		today: todayInChina(),
		venues: listVenues(db, village.id, { withRetired: true }),
		hallRules: getHallRules(db, village.id),
		saved: event.url.searchParams.has('saved'),
		rulesSaved: event.url.searchParams.has('rulesSaved')
	};
};

/** A refusal shown at the form it came from: `form` names the venue's row, or 'add' / 'rules'. */
const refuse = (
	status: number,
	form: string,
	values: Record<string, unknown>,
	message: string,
	errors: Record<string, string> = {}
) => fail(status, { form, values, errors, message });

export const actions: Actions = {
	add: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(venueForm, await readForm(event.request));
		if (!parsed.ok) return refuse(400, 'add', parsed.values, '', parsed.errors);
		const { position, capacity, ...rest } = parsed.data;
		const r = addVenue(getDb(), actorOf(user), village.id, {
			...rest,
			capacity: capacity ?? 0,
			position: position ?? undefined
		});
		if (!r.ok) return refuse(refusalStatus(r.reason), 'add', parsed.values, venueRefusalMessage(r));
		redirect(303, `/${village.slug}/venues?saved=1`);
	},
	change: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const which = parseForm(venueIdForm, form);
		if (!which.ok) return refuse(400, 'add', {}, which.errors.venueId ?? '');
		const key = `venue-${which.data.venueId}`;
		const parsed = parseForm(venueForm, form);
		if (!parsed.ok) return refuse(400, key, parsed.values, '', parsed.errors);
		const { position, capacity, ...rest } = parsed.data;
		const r = changeVenue(getDb(), actorOf(user), village.id, which.data.venueId, {
			...rest,
			capacity: capacity ?? 0,
			position: position ?? undefined
		});
		if (!r.ok) return refuse(refusalStatus(r.reason), key, parsed.values, venueRefusalMessage(r));
		redirect(303, `/${village.slug}/venues?saved=1`);
	},
	retire: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(retireVenueForm, await readForm(event.request));
		if (!parsed.ok) return refuse(400, 'add', parsed.values, Object.values(parsed.errors)[0] ?? '');
		const key = `venue-${parsed.data.venueId}`;
		const r = retireVenue(
			getDb(),
			actorOf(user),
			village.id,
			parsed.data.venueId,
			parsed.data.from
		);
		if (!r.ok) return refuse(refusalStatus(r.reason), key, parsed.values, venueRefusalMessage(r));
		redirect(303, `/${village.slug}/venues?saved=1`);
	},
	rules: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(hallRulesForm, await readForm(event.request));
		if (!parsed.ok) return refuse(400, 'rules', parsed.values, '', parsed.errors);
		const r = updateHallRules(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok)
			return refuse(
				refusalStatus(r.reason),
				'rules',
				parsed.values,
				hallRulesRefusalMessage(r.reason)
			);
		redirect(303, `/${village.slug}/venues?rulesSaved=1#rules`);
	}
};
