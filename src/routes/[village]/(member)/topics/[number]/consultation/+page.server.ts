import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { field, readForm } from '$lib/server/forms';
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
import { idParam, requireMember } from '$lib/server/villages/context';
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

/** Runs one consultation command and answers the form the same way for each. */
async function act(
	event: RequestEvent,
	action: string,
	run: (form: FormData, c: ReturnType<typeof context>) => ConsultationResult
) {
	const c = context(event);
	const form = await readForm(event.request);
	const r = run(form, c);
	if (!r.ok)
		return fail(refusalStatus(r.reason), {
			action,
			message: consultRefusal(r.reason)
		});
	return { action, saved: m.consult_saved() };
}

export const actions: Actions = {
	party: (event) =>
		act(event, 'party', (form, { village, topic, actor }) =>
			addParty(getDb(), actor, village.id, topic.id, {
				personId: idParam(field(form, 'person')),
				name: field(form, 'name'),
				interest: field(form, 'interest')
			})
		),
	materials: (event) =>
		act(event, 'materials', (form, { village, topic, actor }) =>
			recordMaterialsSent(getDb(), actor, village.id, topic.id, field(form, 'date'))
		),
	meeting: (event) =>
		act(event, 'meeting', (form, { village, topic, actor }) => {
			const id = idParam(field(form, 'meeting'));
			if (!id) return { ok: false, reason: 'bad_meeting' };
			return linkMeeting(getDb(), actor, village.id, topic.id, id);
		}),
	outcome: (event) =>
		act(event, 'outcome', (form, { village, topic, actor }) =>
			recordOutcome(getDb(), actor, village.id, topic.id, field(form, 'outcome'))
		),
	route: (event) =>
		act(event, 'route', (form, { village, topic, actor }) =>
			chooseRoute(getDb(), actor, village.id, topic.id, {
				route: field(form, 'route'),
				reason: field(form, 'reason')
			})
		),
	feedback: (event) =>
		act(event, 'feedback', (form, { village, topic, actor }) =>
			recordFeedback(getDb(), actor, village.id, topic.id, field(form, 'feedback'))
		)
};
