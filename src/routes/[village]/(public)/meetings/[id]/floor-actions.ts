// Asking for the floor from the attendee's phone (issue 15 item 9), listed by name in
// +page.server.ts: for oneself only, and withdrawing one's own waiting request.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { askForFloor, withdrawFloorRequest } from '$lib/server/meetings/speakers';
import { parseSpeakerRequest, speakerRefusalMessage } from '$lib/server/meetings/speaker-forms';
import { meetingFromParams } from '$lib/server/meetings/attendee-pages';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { requireMember } from '$lib/server/villages/context';

const here = (slug: string, meetingId: number, done: string) =>
	`/${slug}/meetings/${meetingId}?done=${done}#floor`;

export async function askFloor(event: RequestEvent) {
	const { user } = requireMember(event);
	const { village, meeting } = meetingFromParams(event);
	if (user.personId === null) return fail(403, { message: m.spk_refused_not_present() });
	const r = askForFloor(getDb(), actorOf(user), village.id, meeting.id, user.personId);
	if (!r.ok) return fail(refusalStatus(r.reason), { message: speakerRefusalMessage(r.reason) });
	redirect(303, here(village.slug, meeting.id, 'asked'));
}

export async function withdrawFloor(event: RequestEvent) {
	const { user } = requireMember(event);
	const { village, meeting } = meetingFromParams(event);
	const p = parseSpeakerRequest(await readForm(event.request));
	if (!p.ok) return fail(400, { message: p.message });
	const r = withdrawFloorRequest(getDb(), actorOf(user), village.id, p.input.requestId);
	if (!r.ok) return fail(refusalStatus(r.reason), { message: speakerRefusalMessage(r.reason) });
	redirect(303, here(village.slug, meeting.id, 'withdrawn'));
}
