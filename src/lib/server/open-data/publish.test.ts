import { describe, expect, it } from 'vitest';
import {
	PER_PAGE_DEFAULT,
	PER_PAGE_MAX,
	datasetCsv,
	datasetJsonPage,
	parsePaging
} from './publish';
import type { Row } from './schema';

const q = (s: string) => new URLSearchParams(s);

describe('parsePaging', () => {
	it.each([
		['', { ok: true, page: 1, perPage: PER_PAGE_DEFAULT }],
		['page=3', { ok: true, page: 3, perPage: PER_PAGE_DEFAULT }],
		['page=2&per_page=1', { ok: true, page: 2, perPage: 1 }],
		[`per_page=${PER_PAGE_MAX}`, { ok: true, page: 1, perPage: PER_PAGE_MAX }],
		['page=999999999', { ok: true, page: 999_999_999, perPage: PER_PAGE_DEFAULT }]
	])('accepts %j', (query, expected) => {
		expect(parsePaging(q(query))).toEqual(expected);
	});

	it.each([
		['page=0', 'bad_page'],
		['page=-1', 'bad_page'],
		['page=1.5', 'bad_page'],
		['page=1e3', 'bad_page'],
		['page=01', 'bad_page'],
		['page=', 'bad_page'],
		['page=abc', 'bad_page'],
		['page=%EF%BC%91', 'bad_page'],
		['page=99999999999999999999', 'bad_page'],
		['per_page=0', 'bad_per_page'],
		[`per_page=${PER_PAGE_MAX + 1}`, 'bad_per_page'],
		['per_page=1000000000000', 'bad_per_page'],
		['per_page=ten', 'bad_per_page']
	])('refuses %j as %s, with words for the client', (query, reason) => {
		const r = parsePaging(q(query));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.reason).toBe(reason);
			expect(r.message.length).toBeGreaterThan(0);
		}
	});
});

const rows: Row[] = Array.from({ length: 5 }, (_, i) => ({ n: i + 1 }));
const url = new URL('https://example.org/xinyang/open-data/notices.json?page=9');
const page = (p: number, per: number) => {
	const r = datasetJsonPage(rows, { page: p, perPage: per }, url);
	return { ...r, json: JSON.parse(r.body) };
};

describe('a JSON page', () => {
	it.each([
		[1, 2, [1, 2], 'page=2'],
		[2, 2, [3, 4], 'page=3'],
		[3, 2, [5], null],
		[1, 200, [1, 2, 3, 4, 5], null],
		// Past the last page: empty, no next, but still the total.
		[4, 2, [], null],
		[999_999_999, 2, [], null]
	])('page %i of %i per page holds %j, next %s', (p, per, ns, next) => {
		const { json } = page(p, per);
		expect(json.data.map((r: Row) => r.n)).toEqual(ns);
		expect(json).toMatchObject({ page: p, perPage: per, total: 5 });
		expect(json.next === null ? null : new URL(json.next).search.slice(1).split('&')[0]).toBe(next);
	});

	it('links first, last, prev and next with the same page size', () => {
		expect(page(2, 2).link).toBe(
			[
				'<https://example.org/xinyang/open-data/notices.json?page=1&per_page=2>; rel="first"',
				'<https://example.org/xinyang/open-data/notices.json?page=3&per_page=2>; rel="last"',
				'<https://example.org/xinyang/open-data/notices.json?page=1&per_page=2>; rel="prev"',
				'<https://example.org/xinyang/open-data/notices.json?page=3&per_page=2>; rel="next"'
			].join(', ')
		);
		// Past the end, prev points at the last page that has rows.
		expect(page(7, 2).link).toContain('page=3&per_page=2>; rel="prev"');
		expect(page(1, 2).link).not.toContain('rel="prev"');
	});

	it('has an ETag that changes with the bytes and only then', () => {
		expect(page(1, 2).etag).toBe(page(1, 2).etag);
		expect(page(1, 2).etag).not.toBe(page(2, 2).etag);
		expect(page(1, 2).etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
	});
});

describe('a CSV', () => {
	it('opens with the BOM and the Chinese column names, lists joined, formulas neutralised', () => {
		const { body, etag } = datasetCsv('meeting-notices', [
			{
				notice_number: 9,
				meeting_type: 'villagers_meeting',
				title: '=HYPERLINK("http://evil","点我")',
				meeting_date: '2026-12-20',
				starts_at: '09:00',
				ends_at: '',
				place: '湖边议事厅',
				agenda: ['村务工作报告', '储藏库建设方案'],
				temporary: false,
				posted_on: '2026-12-06',
				meeting_state: 'notified',
				link: 'https://example.org/xinyang/meetings/4'
			}
		]);
		const [header, line] = body.split('\r\n');
		expect(header).toBe(
			'\uFEFF"公告编号","会议类型","会议名称","会议日期","开始时间","结束时间","地点","议程","临时通知","公布日期","会议状态","网址"'
		);
		expect(line).toContain(`"'=HYPERLINK(""http://evil"",""点我"")"`);
		expect(line).toContain('"村务工作报告；储藏库建设方案","false"');
		expect(etag).toMatch(/^"/);
	});
});
