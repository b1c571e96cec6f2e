// The vote page's live script asks here every few seconds whether the page may have changed, and
// fetches the page only when the answer moves: a lookup in an index instead of a page render.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { meetingFromParams } from '$lib/server/meetings/attendee-pages';
import { liveStamp } from '$lib/server/meetings/live-stamp';

export const GET: RequestHandler = (event) => {
	const { meeting } = meetingFromParams(event);
	return json(
		{ stamp: liveStamp(getDb(), meeting.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
