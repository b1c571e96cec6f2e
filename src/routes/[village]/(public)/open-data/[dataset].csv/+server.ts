import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { matchesEtag } from '$lib/server/http/etag';
import { csvOfDataset } from '$lib/server/open-data/answer';
import { isDataset } from '$lib/server/open-data/schema';
import { villageFromSlug } from '$lib/server/villages/context';

// Public, the same for everyone: a proxy may keep it five minutes, any site may fetch it.
export const GET: RequestHandler = ({ params, url, request }) => {
	const village = villageFromSlug(params.village);
	if (!isDataset(params.dataset)) error(404, m.error_not_found());
	const { body, etag } = csvOfDataset(getDb(), params.dataset, {
		villageId: village.id,
		slug: village.slug,
		today: todayInChina(),
		origin: url.origin
	});
	const headers = {
		etag,
		'cache-control': 'public, max-age=300',
		'access-control-allow-origin': '*',
		'access-control-expose-headers': 'ETag'
	};
	if (matchesEtag(request.headers.get('if-none-match'), etag))
		return new Response(null, { status: 304, headers });
	return new Response(body, {
		headers: {
			...headers,
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${village.slug}-${params.dataset}.csv"`
		}
	});
};
