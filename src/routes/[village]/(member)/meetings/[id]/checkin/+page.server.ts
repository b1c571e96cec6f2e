import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { actorOf } from '$lib/server/permissions';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { CHECKIN_CODE_MAX, checkinForm } from '$lib/server/meetings/forms';
import { attendeeStatus } from '$lib/server/meetings/attendee';
import { normalizeCheckinCode, verifyCheckinCode } from '$lib/server/meetings/checkin';
import { signIn } from '$lib/server/meetings/attendance';
import { requireMember } from '$lib/server/villages/context';
import { attendeeRefusalMessage, meetingFromParams } from '$lib/server/meetings/attendee-pages';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	// Signed out, the scan leads to the login page and back here with the code.
	const { user } = requireMember(event);
	const { meeting } = meetingFromParams(event);
	const status = user.personId === null ? null : attendeeStatus(getDb(), meeting.id, user.personId);
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			type: meeting.type,
			place: meeting.place,
			meetingDate: meeting.meetingDate,
			startsAt: meeting.startsAt,
			state: meeting.state
		},
		code: normalizeCheckinCode((event.url.searchParams.get('c') ?? '').slice(0, CHECKIN_CODE_MAX)),
		signedIn: !!status?.signedInAt && !status.leftAt
	};
};

export const actions: Actions = {
	checkIn: async (event) => {
		const { user } = requireMember(event);
		const { village, meeting } = meetingFromParams(event);
		const parsed = parseForm(checkinForm, await readForm(event.request));
		if (!parsed.ok || !verifyCheckinCode(getDb(), meeting.id, parsed.data.code))
			return fail(400, { message: m.mtg_checkin_expired() });
		if (user.personId === null)
			return fail(400, { message: attendeeRefusalMessage('not_on_roster') });
		const r = signIn(getDb(), actorOf(user), village.id, meeting.id, user.personId);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: attendeeRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/meetings/${meeting.id}?done=signed`);
	}
};
