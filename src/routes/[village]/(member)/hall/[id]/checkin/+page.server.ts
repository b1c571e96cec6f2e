import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf } from '$lib/server/permissions';
import { checkInToEvent, hasCheckedIn } from '$lib/server/venues/attendance';
import {
	CHECKIN_KEY_MAX,
	attendanceRefusalMessage,
	eventCheckinForm
} from '$lib/server/venues/attendance-forms';
import { findEvent } from '$lib/server/venues/records';
import { idParam, requireMember } from '$lib/server/villages/context';

function eventOf(villageId: number, param: string) {
	const id = idParam(param);
	const event = id ? findEvent(getDb(), villageId, id) : null;
	if (!event) error(404, m.error_not_found());
	return event;
}

export const load: PageServerLoad = (event) => {
	// Signed out, the scan leads to the login page and back here with the key.
	const { user, village } = requireMember(event);
	const e = eventOf(village.id, event.params.id);
	const signedIn = user.personId !== null && hasCheckedIn(getDb(), e.id, user.personId);
	const done = event.url.searchParams.get('done');
	return {
		event: {
			id: e.id,
			title: e.title,
			kind: e.kind,
			startsAt: e.startsAt,
			endsAt: e.endsAt,
			venueName: e.venueName,
			attendance: e.attendance
		},
		key: (event.url.searchParams.get('k') ?? '').slice(0, CHECKIN_KEY_MAX),
		signedIn,
		done: done === 'signed' || done === 'already' ? done : null
	};
};

export const actions: Actions = {
	checkIn: async (event) => {
		const { user, village } = requireMember(event);
		const e = eventOf(village.id, event.params.id);
		const parsed = parseForm(eventCheckinForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: attendanceRefusalMessage('bad_key') });
		const r = checkInToEvent(getDb(), actorOf(user), village.id, e.id, parsed.data.key);
		if (!r.ok)
			return fail(refusalStatus(r.reason), { message: attendanceRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/hall/${e.id}/checkin?done=${r.already ? 'already' : 'signed'}`);
	}
};
