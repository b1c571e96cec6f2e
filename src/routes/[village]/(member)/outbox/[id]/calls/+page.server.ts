import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { markDoneForm } from '$lib/server/outbox/forms';
import { todayInChina } from '$lib/server/calendar/dates';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { callList, findMessage } from '$lib/server/outbox/outbox';
import { callGridsFor, markDelivered } from '$lib/server/outbox/delivery';
import { outboxRefusalMessage } from '$lib/server/outbox/messages';
import { idParam, requireMember } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const db = getDb();
	// Staff see every grid's list; a grid head only the grids she heads today.
	const grids = callGridsFor(db, village.id, actorOf(user), todayInChina());
	if (grids.length === 0) error(403, m.error_forbidden());
	const id = idParam(event.params.id);
	const message = id === null ? null : findMessage(db, village.id, id);
	if (!message) error(404, m.error_not_found());
	const asked = event.url.searchParams.get('grid');
	const grid = asked === null ? grids[0] : grids.find((g) => g.id === idParam(asked));
	if (!grid) error(404, m.error_not_found());
	return {
		message: { id: message.id, title: message.title, body: message.body },
		grids,
		grid,
		calls: callList(db, village.id, message.id, grid.id),
		today: todayInChina()
	};
};

export const actions: Actions = {
	done: async (event) => {
		const { village, user } = requireMember(event);
		const parsed = parseForm(markDoneForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = markDelivered(getDb(), actorOf(user), village.id, parsed.data.delivery);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: outboxRefusalMessage(r.reason) });
		return { done: m.obx_marked_done({ name: r.delivery.name }) };
	}
};
