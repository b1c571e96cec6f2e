import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { getNotice } from '$lib/server/notices/notices';
import { noticePdf, selfOrigin } from '$lib/server/notices/pdf';
import { idParam, villageFromSlug } from '$lib/server/villages/context';
import { getObjectionRoute } from '$lib/server/villages/objection-route';

export const GET: RequestHandler = async ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const seq = idParam(params.seq);
	const notice = seq ? getNotice(getDb(), village.id, seq) : null;
	if (!notice) error(404, m.error_not_found());
	// The notice never changes, but the office and contacts printed on it may: a new route, a new PDF.
	const route = JSON.stringify(getObjectionRoute(getDb(), village.id));
	const pdf = await noticePdf(
		`${village.id}/${notice.id}/${route}`,
		new URL(`/${village.slug}/notices/${notice.seq}/print`, selfOrigin(url.origin)).href
	);
	if (!pdf) error(503, m.notice_pdf_unavailable());
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="notice-${village.slug}-${notice.seq}.pdf"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
