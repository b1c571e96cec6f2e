import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { meetingFromParams } from '$lib/server/meetings/attendee-pages';
import { getMotion } from '$lib/server/meetings/records';
import { speechResponse } from '$lib/server/speech/serve';
import { motionReading } from '$lib/server/speech/text';
import { idParam } from '$lib/server/villages/context';

// A motion read aloud: its text is on the meeting's public page, so the recording is public too.
export const GET: RequestHandler = async (event) => {
	const { village, meeting } = meetingFromParams(event);
	const id = idParam(event.params.motion);
	const motion = id ? getMotion(getDb(), village.id, id) : null;
	if (!motion || motion.meetingId !== meeting.id) error(404, m.error_not_found());
	return speechResponse(
		event.request,
		`motion-${village.id}-${motion.id}`,
		motionReading(motion),
		true
	);
};
