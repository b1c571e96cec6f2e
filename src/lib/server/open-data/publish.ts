// How a dataset is answered: the whole of it as CSV (UTF-8 with a BOM, Chinese column names), or
// one page of it as JSON; either with a strong ETag of the exact bytes, so a 304 costs one hash.
import { m } from '$lib/paraglide/messages';
import { toCsv } from '../csv';
import { etagOf } from '../http/etag';
import { SCHEMA, type Dataset, type Row } from './schema';
import { FIELD_WORDS } from './words';

export const PER_PAGE_DEFAULT = 50;
export const PER_PAGE_MAX = 200;

export type Paging =
	| { ok: true; page: number; perPage: number }
	| { ok: false; reason: 'bad_page' | 'bad_per_page'; message: string };

/** A whole number written plainly: no sign, exponent, fraction or leading zero. */
const whole = (text: string) => (/^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : null);

/**
 * ?page= from 1 and ?per_page= from 1 to PER_PAGE_MAX. Anything else is refused rather than
 * clamped: a client that asked for more than it gets would miscount the pages.
 */
export function parsePaging(params: URLSearchParams): Paging {
	const pageText = params.get('page');
	const perText = params.get('per_page');
	const page = pageText === null ? 1 : whole(pageText);
	if (page === null) return { ok: false, reason: 'bad_page', message: m.odata_bad_page() };
	const perPage = perText === null ? PER_PAGE_DEFAULT : whole(perText);
	if (perPage === null || perPage > PER_PAGE_MAX)
		return {
			ok: false,
			reason: 'bad_per_page',
			message: m.odata_bad_per_page({ max: PER_PAGE_MAX })
		};
	return { ok: true, page, perPage };
}

const zh = { locale: 'zh-CN' } as const;

/** The dataset as a spreadsheet; a list cell is joined by the Chinese semicolon. */
export function datasetCsv(dataset: Dataset, rows: Row[]): { body: string; etag: string } {
	const fields = SCHEMA[dataset];
	const header = fields.map((f) => FIELD_WORDS[dataset][f.key].label({}, zh));
	const separator = m.punct_semicolon_list({}, zh);
	const body = toCsv(
		header,
		rows.map((row) =>
			fields.map((f) => {
				const v = row[f.key];
				return Array.isArray(v) ? v.join(separator) : typeof v === 'boolean' ? String(v) : v;
			})
		)
	);
	return { body, etag: etagOf(body) };
}

export interface JsonPage {
	body: string;
	etag: string;
	/** RFC 8288 links to the first, previous, next and last pages. */
	link: string;
}

/** One page of the dataset; a page past the last is empty, with `next` null. */
export function datasetJsonPage(
	rows: Row[],
	paging: { page: number; perPage: number },
	url: URL
): JsonPage {
	const { page, perPage } = paging;
	const total = rows.length;
	const last = Math.max(1, Math.ceil(total / perPage));
	const at = (p: number) => {
		const u = new URL(url.pathname, url.origin);
		u.searchParams.set('page', String(p));
		u.searchParams.set('per_page', String(perPage));
		return u.href;
	};
	const next = page < last ? at(page + 1) : null;
	const links = [`<${at(1)}>; rel="first"`, `<${at(last)}>; rel="last"`];
	if (page > 1) links.push(`<${at(Math.min(page - 1, last))}>; rel="prev"`);
	if (next) links.push(`<${next}>; rel="next"`);
	const body = JSON.stringify({
		data: rows.slice((page - 1) * perPage, page * perPage),
		page,
		perPage,
		total,
		next
	});
	return { body, etag: etagOf(body), link: links.join(', ') };
}
