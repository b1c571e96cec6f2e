import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { rosterTemplateCsv } from '$lib/server/roster/parse/template';
import { requireStaff } from '$lib/server/villages/context';

export const GET: RequestHandler = (event) => {
	requireStaff(event);
	const name = `${m.import_template_file_name()}.csv`;
	return new Response(rosterTemplateCsv(), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'no-store'
		}
	});
};
