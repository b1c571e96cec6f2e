import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { messageBroadcast } from '$lib/server/meetings/broadcast';
import { speechResponse } from '$lib/server/speech/serve';
import { requireStaff } from '$lib/server/villages/context';

// The loudspeaker script as a WAV file for the broadcast system: a download, named after the
// village and the message, so a clerk's folder of recordings says what each one is.
export const GET: RequestHandler = async (event) => {
	const { village } = requireStaff(event);
	const id = /^\d{1,9}$/.test(event.params.id) ? Number(event.params.id) : 0;
	const broadcast = messageBroadcast(getDb(), village, id);
	if (!broadcast) error(404, m.error_not_found());
	const res = await speechResponse(
		event.request,
		`broadcast-${village.id}-${broadcast.messageId}`,
		broadcast.script.join('\n'),
		false
	);
	if (res.status === 200) {
		const name = `${m.sms_broadcast_file({ village: village.name, title: broadcast.title })}.wav`;
		res.headers.set(
			'content-disposition',
			`attachment; filename="broadcast-${village.slug}-${broadcast.messageId}.wav"; filename*=UTF-8''${encodeURIComponent(name)}`
		);
	}
	return res;
};
