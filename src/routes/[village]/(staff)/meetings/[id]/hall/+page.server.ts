import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { hallScreen } from '$lib/server/votes/hall-screen';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { actorOf } from '$lib/server/permissions';
import { LIVE } from '$lib/meetings/live.svelte';
import { hallSpeakers } from '$lib/server/meetings/speaker-queue';

export const load: PageServerLoad = async (event) => {
	event.depends(LIVE);
	// The screen runs on the clerk's laptop: the code on it lets anyone in the hall sign in.
	const { village, user } = requireStaff(event);
	const id = idParam(event.params.id);
	const screen = id
		? hallScreen(getDb(), village.id, id, { now: new Date(), actor: actorOf(user) })
		: null;
	if (!screen) error(404, m.error_not_found());
	// The QR code carries the public address (ORIGIN), never a loopback one.
	const checkinUrl = screen.code
		? new URL(
				`/${village.slug}/meetings/${screen.meeting.id}/checkin?c=${screen.code}`,
				event.url.origin
			).href
		: null;
	const qr = checkinUrl
		? await QRCode.toString(checkinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
		: null;
	// A projector page: the root layout draws no header, account or language controls around it.
	return {
		...screen,
		checkinUrl,
		qr,
		speakers: hallSpeakers(getDb(), screen.meeting.id),
		bare: true
	};
};
