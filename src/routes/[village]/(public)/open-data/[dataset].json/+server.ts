import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { matchesEtag } from '$lib/server/http/etag';
import { jsonOfDataset } from '$lib/server/open-data/answer';
import { isDataset } from '$lib/server/open-data/schema';
import { villageFromSlug } from '$lib/server/villages/context';

// A read-only API under the pages' rules: public, paged, cacheable, any site may fetch it.
export const GET: RequestHandler = ({ params, url, request }) => {
	const village = villageFromSlug(params.village);
	if (!isDataset(params.dataset)) error(404, m.error_not_found());
	const cors = {
		'access-control-allow-origin': '*',
		'access-control-expose-headers': 'ETag, Link'
	};
	const r = jsonOfDataset(
		getDb(),
		params.dataset,
		{ villageId: village.id, slug: village.slug, today: todayInChina(), origin: url.origin },
		url
	);
	if (!r.ok)
		return json(
			{ error: { code: r.reason, message: r.message } },
			{ status: 400, headers: { ...cors, 'cache-control': 'no-store' } }
		);
	const headers = {
		...cors,
		etag: r.etag,
		link: r.link,
		'cache-control': 'public, max-age=300'
	};
	if (matchesEtag(request.headers.get('if-none-match'), r.etag))
		return new Response(null, { status: 304, headers });
	return new Response(r.body, {
		headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
	});
};
