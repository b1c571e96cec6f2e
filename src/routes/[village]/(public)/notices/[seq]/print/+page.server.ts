import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { noticeUrl } from '$lib/server/notices/qr';
import { noticeView } from '$lib/server/board/notice-view';
import { getObjectionRoute } from '$lib/server/villages/objection-route';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

// The A4 sheet for the hall's board: public, like the notice itself.
export const load: PageServerLoad = async ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const seq = idParam(params.seq);
	const view = seq ? noticeView(getDb(), village.id, seq, null) : null;
	if (!view) error(404, m.error_not_found());
	return {
		notice: view.notice,
		meeting: view.meeting,
		issuer: view.issuer,
		route: getObjectionRoute(getDb(), village.id),
		...(await noticeUrl(url.origin, village.slug, view.notice.seq))
	};
};
