import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf } from '$lib/server/permissions';
import {
	invitationsOfOfficial,
	signInAsTownshipAttendee
} from '$lib/server/meetings/township-attendee';
import {
	townshipAttendeeRefusal,
	townshipSignInForm
} from '$lib/server/meetings/township-attendee-forms';
import { requireTownship } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { user } = requireTownship(event);
	return {
		...invitationsOfOfficial(getDb(), user.id),
		isOfficial: user.role === 'township_official',
		signedIn: event.url.searchParams.get('signedIn') === '1'
	};
};

export const actions: Actions = {
	signIn: async (event) => {
		const { user } = requireTownship(event);
		const parsed = parseForm(townshipSignInForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: m.error_not_found() });
		// Only the official's own invitations, in their own township, name a village to sign in to.
		const { upcoming, past } = invitationsOfOfficial(getDb(), user.id);
		const invitation = [...upcoming, ...past].find((i) => i.meetingId === parsed.data.meetingId);
		if (!invitation) return fail(404, { message: townshipAttendeeRefusal('not_invited') });
		const r = signInAsTownshipAttendee(
			getDb(),
			actorOf(user),
			invitation.villageId,
			invitation.meetingId
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				message: townshipAttendeeRefusal(r.reason),
				meetingId: invitation.meetingId
			});
		redirect(303, `/township/meetings?signedIn=1#meeting-${invitation.meetingId}`);
	}
};
