import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { isRulesKind } from '$lib/server/village-rules/records';
import { versionPage } from '$lib/server/village-rules/view';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

// Public: one version's full text and what changed from another (?from=N, the one before by
// default) — a GET form, so the comparison works without JavaScript and can be linked.
export const load: PageServerLoad = ({ params, url }) => {
	const village = villageFromSlug(params.village);
	const number = idParam(params.n);
	const from = url.searchParams.get('from');
	const fromNumber = from ? idParam(from) : null;
	if (!isRulesKind(params.kind) || number === null || (from && fromNumber === null))
		error(404, m.error_not_found());
	const page = versionPage(getDb(), village.id, params.kind, number, fromNumber, todayInChina());
	if (!page || (fromNumber !== null && !page.from && fromNumber !== number))
		error(404, m.error_not_found());
	return { ...page, kind: params.kind };
};
