import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requireTownship } from '$lib/server/villages/context';
import { overviewPage } from '$lib/server/township/overview-page';
import { overviewCsv } from '$lib/server/township/overview-export';

// The overview table for the township's spreadsheets: one row per village, in the page's order.
export const GET: RequestHandler = (event) => {
	const { townshipId } = requireTownship(event);
	const page = overviewPage(getDb(), townshipId, event.url.searchParams);
	const name = `${m.tov_csv_file_name()}-${page.today}.csv`;
	return new Response(overviewCsv(page.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="township-overview-${page.today}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'private, no-store'
		}
	});
};
