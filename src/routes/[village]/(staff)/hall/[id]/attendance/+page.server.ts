import { error, fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf } from '$lib/server/permissions';
import {
	ATTENDANCE_CAPACITY_FACTOR,
	checkinCount,
	issueCheckinKey,
	recordAttendance
} from '$lib/server/venues/attendance';
import { attendanceForm, attendanceRefusalMessage } from '$lib/server/venues/attendance-forms';
import { chinaNow } from '$lib/server/venues/calendar';
import { findEvent, findVenue } from '$lib/server/venues/records';
import { idParam, requireStaff } from '$lib/server/villages/context';

function eventOf(villageId: number, param: string) {
	const id = idParam(param);
	const event = id ? findEvent(getDb(), villageId, id) : null;
	if (!event) error(404, m.error_not_found());
	return event;
}

export const load: PageServerLoad = async (event) => {
	const { village } = requireStaff(event);
	const e = eventOf(village.id, event.params.id);
	const venue = findVenue(getDb(), village.id, e.venueId)!;
	const checkinUrl = e.checkinKey
		? new URL(`/${village.slug}/hall/${e.id}/checkin?k=${e.checkinKey}`, event.url.origin).href
		: null;
	return {
		event: {
			id: e.id,
			title: e.title,
			kind: e.kind,
			startsAt: e.startsAt,
			endsAt: e.endsAt,
			venueName: e.venueName,
			cancelled: e.state === 'cancelled',
			attendance: e.attendance,
			attendanceMethod: e.attendanceMethod
		},
		maxCount: venue.capacity * ATTENDANCE_CAPACITY_FACTOR,
		started: chinaNow() >= e.startsAt,
		signIns: checkinCount(getDb(), e.id),
		checkinUrl,
		qr: checkinUrl
			? await QRCode.toString(checkinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
			: null,
		saved: event.url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	record: async (event) => {
		const { user, village } = requireStaff(event);
		const e = eventOf(village.id, event.params.id);
		const parsed = parseForm(attendanceForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { message: firstError(parsed.errors), count: parsed.values.count });
		const r = recordAttendance(getDb(), actorOf(user), village.id, e.id, parsed.data.count);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				message: attendanceRefusalMessage(r.reason, r.max),
				count: parsed.values.count
			});
		redirect(303, `/${village.slug}/hall/${e.id}/attendance?saved=count`);
	},
	openCheckin: async (event) => {
		const { user, village } = requireStaff(event);
		const e = eventOf(village.id, event.params.id);
		const r = issueCheckinKey(getDb(), actorOf(user), village.id, e.id);
		if (!r.ok)
			return fail(refusalStatus(r.reason), { message: attendanceRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/hall/${e.id}/attendance?saved=checkin`);
	}
};
