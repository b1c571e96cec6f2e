import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { publicMotion } from '$lib/server/meetings/attendee';
import { currentCheckinCode } from '$lib/server/meetings/checkin';
import { meetingView } from '$lib/server/meetings/view';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { actorOf } from '$lib/server/permissions';
import { LIVE } from '$lib/meetings/live.svelte';
import { hallSpeakers } from '$lib/server/meetings/speaker-queue';

export const load: PageServerLoad = async (event) => {
	event.depends(LIVE);
	// The screen runs on the clerk's laptop: the code on it lets anyone in the hall sign in.
	const { village, user } = requireStaff(event);
	const id = idParam(event.params.id);
	const db = getDb();
	const view = id ? meetingView(db, village.id, id) : null;
	if (!view) error(404, m.error_not_found());
	const meeting = view.meeting;
	const code = currentCheckinCode(db, meeting.id, new Date(), { actor: actorOf(user) });
	// The QR code carries the public address (ORIGIN), never a loopback one.
	const checkinUrl = code
		? new URL(`/${village.slug}/meetings/${meeting.id}/checkin?c=${code}`, event.url.origin).href
		: null;
	const qr = checkinUrl
		? await QRCode.toString(checkinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
		: null;
	const attendance = { ...view.attendance, counts: undefined };
	return {
		meeting: {
			id: meeting.id,
			type: meeting.type,
			title: meeting.title,
			place: meeting.place,
			meetingDate: meeting.meetingDate,
			startsAt: meeting.startsAt,
			state: meeting.state
		},
		attendance,
		motions: view.agenda.flatMap((a) =>
			a.motions.map((mv) => publicMotion(mv, { voterNames: false }))
		),
		code,
		checkinUrl,
		qr,
		speakers: hallSpeakers(db, meeting.id)
	};
};
