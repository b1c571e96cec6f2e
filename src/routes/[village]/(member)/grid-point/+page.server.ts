import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { todayInChina } from '$lib/server/calendar/dates';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { idParam, requireMember } from '$lib/server/villages/context';
import { serviceCategories } from '$lib/server/services/categories';
import { categoryName } from '$lib/server/services/messages';
import { distinguishNamesakes } from '$lib/server/roster/namesakes';
import {
	recordGridPointItem,
	resolveGridPointItem,
	type Resolution
} from '$lib/server/grid-points/log';
import { gridPointRefusalMessage } from '$lib/server/grid-points/messages';
import { gridsKeptBy, peopleOfGrid } from '$lib/server/grid-points/records';
import { openItems, weekSummary } from '$lib/server/grid-points/summary';
import { callsToMake } from '$lib/server/outbox/outbox';
import { recordItemForm, toCaseForm, toNoteForm, toTopicForm } from '$lib/server/grid-points/forms';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const db = getDb();
	const today = todayInChina();
	const grids = gridsKeptBy(db, village.id, actorOf(user), today);
	// Only a grid head (of some grid, today) or staff keeps a grid point's log.
	if (grids.length === 0) error(403, m.error_forbidden());
	const asked = event.url.searchParams.get('grid');
	const grid = asked === null ? grids[0] : grids.find((g) => g.id === idParam(asked));
	if (!grid) error(404, m.error_not_found());
	const people = peopleOfGrid(db, village.id, grid.id, today);
	const labels = distinguishNamesakes(people);
	return {
		recorded: event.url.searchParams.has('recorded'),
		today,
		grids,
		grid,
		people: people.map((p) => ({ id: p.id, label: labels.get(p.id) ?? p.name })),
		open: openItems(db, village.id, grid.id),
		week: weekSummary(db, village.id, grid.id, today),
		calls: callsToMake(db, village.id, grid.id),
		caseCategories: serviceCategories(db, village.id)
			.filter((c) => c.active)
			.map((c) => ({ key: c.key, name: categoryName(c) }))
	};
};

function resolveItem(
	{ village, user }: ReturnType<typeof requireMember>,
	itemId: number,
	resolution: Resolution
) {
	const r = resolveGridPointItem(getDb(), actorOf(user), village.id, itemId, resolution);
	if (!r.ok)
		return fail(refusalStatus(r.reason), {
			form: 'resolve',
			item: itemId,
			message: gridPointRefusalMessage(r.reason)
		});
	const { item } = r;
	return {
		form: 'resolve',
		done:
			item.outcome === 'service_case'
				? m.gp_became_case({ number: item.caseNumber! })
				: item.outcome === 'topic'
					? m.gp_became_topic({ number: item.topicNumber! })
					: m.gp_became_note(),
		caseNumber: item.caseNumber,
		topicNumber: item.topicNumber
	};
}

export const actions: Actions = {
	record: async (event) => {
		const { village, user } = requireMember(event);
		const parsed = parseForm(recordItemForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { form: 'record', values: parsed.values, errors: parsed.errors });
		const r = recordGridPointItem(getDb(), actorOf(user), village.id, {
			gridId: parsed.data.grid,
			raisedOn: parsed.data.raisedOn,
			personId: parsed.data.person,
			text: parsed.data.text
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				form: 'record',
				values: parsed.values,
				message: gridPointRefusalMessage(r.reason)
			});
		// Back to the page with a GET, so a reload on the phone does not record the item twice.
		redirect(303, `/${village.slug}/grid-point?grid=${r.item.gridId}&recorded=1`);
	},
	toCase: async (event) => {
		const asker = requireMember(event);
		const parsed = parseForm(toCaseForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'resolve', message: m.form_has_errors() });
		const { item, category, urgent } = parsed.data;
		return resolveItem(asker, item, { kind: 'service_case', category, urgent });
	},
	toTopic: async (event) => {
		const asker = requireMember(event);
		const parsed = parseForm(toTopicForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'resolve', message: m.form_has_errors() });
		return resolveItem(asker, parsed.data.item, { kind: 'topic', category: parsed.data.category });
	},
	toNote: async (event) => {
		const asker = requireMember(event);
		const parsed = parseForm(toNoteForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { form: 'resolve', message: Object.values(parsed.errors)[0] });
		return resolveItem(asker, parsed.data.item, { kind: 'note', note: parsed.data.note });
	}
};

// The grid head's phone at the grid point: plain forms and links, no JavaScript to download.
export const csr = false;
