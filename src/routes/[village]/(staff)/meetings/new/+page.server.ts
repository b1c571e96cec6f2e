import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms';
import { newMeetingForm } from '$lib/server/meetings/forms';
import { meetingTypeGuide, officerCandidates } from '$lib/server/meetings/console';
import { createMeeting } from '$lib/server/meetings/calling';
import { meetingRefusalMessage } from '$lib/server/meetings/messages';
import { todayInChina } from '$lib/server/calendar/dates';
import { listGroups } from '$lib/server/roster/structure';
import type { MeetingType } from '$lib/server/votes/rules';
import { villageRules } from '$lib/server/villages/settings';
import { requireStaff } from '$lib/server/villages/context';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { listVenues } from '$lib/server/venues/records';

const DEFAULT_TYPE: MeetingType = 'reps_meeting';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const today = todayInChina();
	return {
		today,
		defaultType: DEFAULT_TYPE,
		// The village's own rules on today's law; a meeting is frozen under the law of its own day.
		guide: meetingTypeGuide(villageRules(db, village.id, today), today),
		groups: listGroups(db, village.id).map((g) => ({ id: g.id, name: g.name })),
		officers: officerCandidates(db, village.id, today),
		venues: listVenues(db, village.id).map((v) => ({
			id: v.id,
			name: v.name,
			capacity: v.capacity
		}))
	};
};

/** The field a domain refusal is shown at; others are shown for the whole form. */
const FIELD_OF_REFUSAL: Partial<Record<string, string>> = {
	bad_group: 'groupId',
	bad_person: 'chairPersonId',
	bad_place: 'place',
	bad_venue: 'venueId',
	bad_end_time: 'endsAt'
};

export const actions: Actions = {
	create: async (event) => {
		const { village, user } = requireStaff(event);
		const actor = actorOf(user);
		const parsed = parseForm(newMeetingForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });

		const r = createMeeting(getDb(), actor, village.id, {
			...parsed.data
		});
		if (!r.ok) {
			const key = FIELD_OF_REFUSAL[r.reason] ?? null;
			const message = meetingRefusalMessage(r.reason);
			return fail(refusalStatus(r.reason), {
				values,
				errors: key ? { [key]: message } : {},
				message
			});
		}
		redirect(303, `/${village.slug}/meetings/${r.meeting.id}/console`);
	}
};
