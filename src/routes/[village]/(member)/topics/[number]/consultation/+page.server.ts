import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import type { z } from 'zod';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import {
	feedbackForm,
	materialsForm,
	meetingLinkForm,
	outcomeForm,
	partyForm,
	routeForm
} from '$lib/server/consultation/forms';
import { actorOf, isVillageStaff } from '$lib/server/permissions';
import { findTopicByNumber } from '$lib/server/topics/records';
import { todayInChina } from '$lib/server/calendar/dates';
import { addParty, linkMeeting, recordMaterialsSent } from '$lib/server/consultation/preparation';
import { chooseRoute, recordFeedback, recordOutcome } from '$lib/server/consultation/outcome';
import {
	consultationMeetingsOf,
	consultationOf,
	mustSubmit,
	type ConsultationResult
} from '$lib/server/consultation/consultation';
import { consultRefusal } from '$lib/server/implementation/messages';
import { listRoleHolders } from '$lib/server/roster/roles';
import { requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	if (!topic || topic.state === 'draft') error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, topic, actor, staff: isVillageStaff(user, village) };
}

export const load: PageServerLoad = (event) => {
	const { village, topic, staff } = context(event);
	const db = getDb();
	const consultation = consultationOf(db, village.id, topic.id);
	return {
		topic: { number: topic.number, title: topic.title, state: topic.state },
		onTrack: topic.state === 'consultation',
		consultation,
		mustSubmit: mustSubmit(topic),
		staff,
		people: staff ? listRoleHolders(db, village.id, todayInChina()) : [],
		meetings:
			staff && !consultation?.meeting ? consultationMeetingsOf(db, village.id, topic.id) : [],
		today: todayInChina()
	};
};

/** Parses the form with its schema, runs one consultation command and answers the same way for each. */
async function act<S extends z.ZodObject>(
	event: RequestEvent,
	action: string,
	schema: S,
	run: (data: z.output<S>, c: ReturnType<typeof context>) => ConsultationResult
) {
	const c = context(event);
	const parsed = parseForm(schema, await readForm(event.request));
	if (!parsed.ok) return fail(400, { action, message: firstError(parsed.errors) });
	const r = run(parsed.data, c);
	if (!r.ok)
		return fail(refusalStatus(r.reason), {
			action,
			message: consultRefusal(r.reason)
		});
	return { action, saved: m.consult_saved() };
}

export const actions: Actions = {
	party: (event) =>
		act(event, 'party', partyForm, (data, { village, topic, actor }) =>
			addParty(getDb(), actor, village.id, topic.id, {
				personId: data.person,
				name: data.name,
				interest: data.interest
			})
		),
	materials: (event) =>
		act(event, 'materials', materialsForm, (data, { village, topic, actor }) =>
			recordMaterialsSent(getDb(), actor, village.id, topic.id, data.date)
		),
	meeting: (event) =>
		act(event, 'meeting', meetingLinkForm, (data, { village, topic, actor }) =>
			linkMeeting(getDb(), actor, village.id, topic.id, data.meeting)
		),
	outcome: (event) =>
		act(event, 'outcome', outcomeForm, (data, { village, topic, actor }) =>
			recordOutcome(getDb(), actor, village.id, topic.id, data.outcome)
		),
	route: (event) =>
		act(event, 'route', routeForm, (data, { village, topic, actor }) =>
			chooseRoute(getDb(), actor, village.id, topic.id, data)
		),
	feedback: (event) =>
		act(event, 'feedback', feedbackForm, (data, { village, topic, actor }) =>
			recordFeedback(getDb(), actor, village.id, topic.id, data.feedback)
		)
};
