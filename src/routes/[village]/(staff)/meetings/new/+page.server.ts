import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { field, readForm, type FieldErrors } from '$lib/server/forms';
import { meetingTypeGuide, officerCandidates } from '$lib/server/meetings/console';
import { createMeeting } from '$lib/server/meetings/calling';
import { meetingRefusalMessage } from '$lib/server/meetings/messages';
import { isValidDate, todayInChina } from '$lib/server/roster/dates';
import { listGroups } from '$lib/server/roster/structure';
import { MEETING_TYPES, type MeetingType } from '$lib/server/votes/rules';
import { villageRules } from '$lib/server/villages/settings';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';

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
		officers: officerCandidates(db, village.id, today)
	};
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The field a domain refusal is shown at; others are shown for the whole form. */
const FIELD_OF_REFUSAL: Partial<Record<string, string>> = {
	bad_group: 'groupId',
	bad_person: 'chairPersonId',
	bad_place: 'place'
};

/** What a refused form gets back: a 1 MB paste is not sent back to the browser. */
const echoOf = (values: Record<string, string>) =>
	Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.slice(0, 200)]));

export const actions: Actions = {
	create: async (event) => {
		const { village, user } = requireStaff(event);
		const actor = actorOf(user);
		const form = await readForm(event.request);
		const values = {
			type: field(form, 'type'),
			title: field(form, 'title').slice(0, 200),
			meetingDate: field(form, 'meetingDate'),
			startsAt: field(form, 'startsAt'),
			place: field(form, 'place'),
			groupId: field(form, 'groupId'),
			chairPersonId: field(form, 'chairPersonId'),
			recorderPersonId: field(form, 'recorderPersonId')
		};
		const errors: FieldErrors = {};
		if (!(MEETING_TYPES as readonly string[]).includes(values.type))
			errors.type = m.meeting_refused_bad_type();
		if (!values.title) errors.title = m.error_required();
		else if ([...values.title].length > 100) errors.title = m.meeting_refused_bad_title();
		if (!isValidDate(values.meetingDate)) errors.meetingDate = m.error_date();
		if (values.startsAt && !TIME.test(values.startsAt)) errors.startsAt = m.mtg_new_bad_time();
		const optionalId = (v: string) => (v ? idParam(v) : null);
		for (const key of ['groupId', 'chairPersonId', 'recorderPersonId'] as const)
			if (values[key] && !idParam(values[key])) errors[key] = m.error_choose_one();
		if (Object.keys(errors).length) return fail(400, { values: echoOf(values), errors });

		const r = createMeeting(getDb(), actor, village.id, {
			type: values.type as MeetingType,
			title: values.title,
			meetingDate: values.meetingDate,
			startsAt: values.startsAt,
			place: values.place,
			groupId: optionalId(values.groupId),
			chairPersonId: optionalId(values.chairPersonId),
			recorderPersonId: optionalId(values.recorderPersonId)
		});
		if (!r.ok) {
			const key = FIELD_OF_REFUSAL[r.reason] ?? null;
			const message = meetingRefusalMessage(r.reason);
			return fail(refusalStatus(r.reason), {
				values: echoOf(values),
				errors: key ? { [key]: message } : {},
				message
			});
		}
		redirect(303, `/${village.slug}/meetings/${r.meeting.id}/console`);
	}
};
