import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf } from '$lib/server/permissions';
import { addDays, todayInChina } from '$lib/server/calendar/dates';
import { CATEGORY_ROWS, openRoundForm, openRoundInput } from '$lib/server/honours/forms';
import { honourRefusalMessage } from '$lib/server/honours/messages';
import { openHonourRound } from '$lib/server/honours/rounds';
import { getDb } from '$lib/server/db';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const today = todayInChina();
	// A usual round: two weeks of nominations, a week for the review, a week of voting.
	return {
		rows: CATEGORY_ROWS,
		defaults: {
			nominationsFrom: today,
			nominationsUntil: addDays(today, 14),
			votingFrom: addDays(today, 21),
			votingUntil: addDays(today, 28)
		}
	};
};

export const actions: Actions = {
	open: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const parsed = parseForm(openRoundForm, form);
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors as FieldErrors });
		const r = openHonourRound(
			getDb(),
			actorOf(user),
			village.id,
			openRoundInput(parsed.data, form)
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), { values, message: honourRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/honours/${r.round.id}`);
	}
};
