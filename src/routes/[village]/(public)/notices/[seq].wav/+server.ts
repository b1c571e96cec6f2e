import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { getNotice } from '$lib/server/notices/notices';
import { speechResponse } from '$lib/server/speech/serve';
import { noticeReading } from '$lib/server/speech/text';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

// The notice read aloud: public like the notice itself.
export const GET: RequestHandler = async ({ params, request }) => {
	const village = villageFromSlug(params.village);
	const seq = idParam(params.seq);
	const notice = seq ? getNotice(getDb(), village.id, seq) : null;
	if (!notice) error(404, m.error_not_found());
	return speechResponse(request, `notice-${village.id}-${notice.id}`, noticeReading(notice), true);
};
