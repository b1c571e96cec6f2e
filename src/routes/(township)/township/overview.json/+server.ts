import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireTownship } from '$lib/server/villages/context';
import { overviewPage } from '$lib/server/township/overview-page';
import { overviewDocument } from '$lib/server/township/overview-export';

// The overview as data (field names: docs/domain.md, "The township's overview"), for the township's own tools.
export const GET: RequestHandler = (event) => {
	const { townshipId } = requireTownship(event);
	const page = overviewPage(getDb(), townshipId, event.url.searchParams);
	return json(overviewDocument(page.township, page.rows, page.today, page.period), {
		headers: { 'cache-control': 'private, no-store' }
	});
};
