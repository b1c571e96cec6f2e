import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { TASK_LINES, coordinationOutcomeForm, tasksOf } from '$lib/server/meetings/forms';
import { actorOf, isVillageStaff } from '$lib/server/permissions';
import { getMeeting } from '$lib/server/meetings/records';
import { todayInChina } from '$lib/server/calendar/dates';
import {
	coordinationDoneOf,
	coordinationOutcomeOf,
	recordCoordinationDone,
	recordCoordinationOutcome,
	topicsCoordinationMaySettle
} from '$lib/server/consultation/coordination';
import { coordinationDoneForm } from '$lib/server/consultation/forms';
import { coordRefusal } from '$lib/server/implementation/messages';
import { listRoleHolders } from '$lib/server/roster/roles';
import { idParam, requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

/** Task rows on the form; empty ones are ignored. */

function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const id = idParam(event.params.id);
	const meeting = id ? getMeeting(getDb(), village.id, id) : null;
	// Only an urgent coordination meeting has an outcome of this kind.
	if (!meeting || meeting.type !== 'urgent_coordination') error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, meeting, actor, staff: isVillageStaff(user, village) };
}

export const load: PageServerLoad = (event) => {
	const { village, meeting, staff } = context(event);
	const db = getDb();
	const outcome = coordinationOutcomeOf(db, village.id, meeting.id);
	const mayRecord = staff && !outcome && meeting.state === 'closed';
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			meetingDate: meeting.meetingDate,
			state: meeting.state,
			mayDecide: meeting.rule.mayDecide
		},
		outcome,
		done: outcome ? coordinationDoneOf(db, outcome.id) : null,
		staff,
		mayRecord,
		today: todayInChina(),
		taskLines: TASK_LINES,
		people: mayRecord ? listRoleHolders(db, village.id, todayInChina()) : [],
		topics: mayRecord ? topicsCoordinationMaySettle(db, village.id) : []
	};
};

export const actions: Actions = {
	record: async (event) => {
		const { village, meeting, actor } = context(event);
		const parsed = parseForm(coordinationOutcomeForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = recordCoordinationOutcome(getDb(), actor, village.id, meeting.id, {
			agreed: parsed.data.agreed,
			tasks: tasksOf(parsed.data),
			topicId: parsed.data.topic
		});
		if (!r.ok) return fail(refusalStatus(r.reason), { message: coordRefusal(r.reason) });
		return { saved: m.consult_coord_saved() };
	},

	done: async (event) => {
		const { village, meeting, actor } = context(event);
		const parsed = parseForm(coordinationDoneForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = recordCoordinationDone(getDb(), actor, village.id, meeting.id, parsed.data);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: coordRefusal(r.reason) });
		return { saved: m.consult_coord_done_saved() };
	}
};
