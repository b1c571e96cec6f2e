import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { messageBroadcast } from '$lib/server/meetings/broadcast';
import { speechEngine } from '$lib/server/speech/serve';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = async (event) => {
	const { village } = requireStaff(event);
	const id = /^\d{1,9}$/.test(event.params.id) ? Number(event.params.id) : 0;
	const broadcast = messageBroadcast(getDb(), village, id);
	if (!broadcast) error(404, m.error_not_found());
	return { broadcast, serverAudio: !!(await speechEngine()) };
};
