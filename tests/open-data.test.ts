// Open data without signing in, on a 360 px phone without JavaScript (issue 19 items 2 and 4):
// the village home links the documented schema; the CSV downloads with the BOM and the right
// Chinese column row and no name or phone of anyone on the roster; the JSON pages through every
// row, links the next page and answers 304 to its own ETag; bad paging gets 400 with words.
import { readFileSync } from 'node:fs';
import type { APIResponse } from '@playwright/test';
import Papa from 'papaparse';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	readOnlyTest as test,
	type App
} from './fixtures.ts';
import { expectNoHorizontalScroll } from './layout-checks.ts';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

function personal(app: App): { names: string[]; phones: string[] } {
	const db = openDatabase(app.dbPath) as Db;
	try {
		return {
			names: db
				.prepare('select name from people where length(name) >= 2 union select name from users')
				.pluck()
				.all() as string[],
			phones: db
				.prepare('select phone from people where phone is not null union select phone from users')
				.pluck()
				.all() as string[]
		};
	} finally {
		db.close();
	}
}

const RESOLUTION_COLUMNS = [
	'决议编号',
	'决议内容',
	'通过日期',
	'会议类型',
	'会议名称',
	'会议日期',
	'表决方式',
	'赞成',
	'反对',
	'弃权',
	'应到',
	'实到',
	'到会人数计算',
	'到会人数达到',
	'通过规则',
	'通过计算',
	'通过',
	'公告编号',
	'网址'
];

test('anyone downloads the village’s public records as CSV and JSON, with nothing personal', async ({
	page,
	app
}) => {
	const { names, phones } = personal(app);
	expect(names).toContain(DEMO.villager.name);
	const slug = DEMO.village.slug;

	await page.goto(`/${slug}`);
	await page.getByRole('link', { name: '开放数据' }).click();
	await expect(page).toHaveURL(`/${slug}/open-data`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('新阳村开放数据');
	const resolutions = page.getByTestId('dataset-resolutions');
	// The documented schema: each field's machine name beside its CSV column.
	await expect(resolutions.getByText('quorum_check', { exact: true })).toBeVisible();
	await expect(resolutions.getByText('到会人数计算', { exact: true })).toBeVisible();
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		resolutions.getByRole('link', { name: '下载表格（CSV）' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`${slug}-resolutions.csv`);
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8');
	const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	const [header, ...rows] = parsed.data;
	expect(header).toEqual(RESOLUTION_COLUMNS);
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows) expect(row).toHaveLength(RESOLUTION_COLUMNS.length);
	expect(rows.map((r) => r[0])).toContain('新阳村决〔2026〕1号');

	// Every dataset, both forms: no name of anyone on the roster or with an account, no phone.
	const bodies: string[] = [];
	for (const dataset of ['notices', 'resolutions', 'meeting-notices', 'implementations']) {
		for (const ext of ['csv', 'json']) {
			const r = await page.request.get(`/${slug}/open-data/${dataset}.${ext}?per_page=200`);
			expect(r.status(), `${dataset}.${ext}`).toBe(200);
			bodies.push(await r.text());
		}
	}
	const all = bodies.join('\n');
	expect(names.filter((n) => all.includes(n))).toEqual([]);
	expect(phones.filter((p) => all.includes(p))).toEqual([]);

	// JSON pages: follow `next` to the end; every row once, the total right.
	let next: string | null = `${app.url}/${slug}/open-data/notices.json?per_page=4`;
	const seen: number[] = [];
	let total = -1;
	while (next) {
		const r: APIResponse = await page.request.get(next);
		expect(r.status()).toBe(200);
		expect(r.headers()['content-type']).toContain('application/json');
		expect(r.headers()['link']).toContain('rel="first"');
		const body: { data: { number: number }[]; total: number; next: string | null } = await r.json();
		total = body.total;
		seen.push(...body.data.map((n) => n.number));
		next = body.next;
	}
	expect(seen.length).toBe(total);
	expect(new Set(seen).size).toBe(total);

	// The ETag: asked again with it, nothing is sent; a changed page size is another ETag.
	const first = await page.request.get(`/${slug}/open-data/notices.json?per_page=4`);
	const etag = first.headers()['etag'];
	expect(etag).toMatch(/^"[^"]+"$/);
	expect(first.headers()['cache-control']).toBe('public, max-age=300');
	const again = await page.request.get(`/${slug}/open-data/notices.json?per_page=4`, {
		headers: { 'if-none-match': etag }
	});
	expect(again.status()).toBe(304);
	expect(await again.text()).toBe('');
	const other = await page.request.get(`/${slug}/open-data/notices.json?per_page=5`, {
		headers: { 'if-none-match': etag }
	});
	expect(other.status()).toBe(200);
	const csv = await page.request.get(`/${slug}/open-data/notices.csv`);
	const csvAgain = await page.request.get(`/${slug}/open-data/notices.csv`, {
		headers: { 'if-none-match': csv.headers()['etag'] }
	});
	expect(csvAgain.status()).toBe(304);

	// Paging it cannot answer: 400 with words, never a 500; unknown things: 404.
	for (const q of ['page=0', 'per_page=201', 'per_page=99999999999', 'page=abc']) {
		const r = await page.request.get(`/${slug}/open-data/notices.json?${q}`);
		expect(r.status(), q).toBe(400);
		const body = await r.json();
		expect(body.error.message, q).toMatch(/[\u4e00-\u9fff]/);
	}
	const beyond = await (
		await page.request.get(`/${slug}/open-data/notices.json?page=999&per_page=200`)
	).json();
	expect(beyond).toMatchObject({ data: [], page: 999, next: null });
	expect((await page.request.get(`/${slug}/open-data/people.json`)).status()).toBe(404);
	expect((await page.request.get('/no-such-village/open-data/notices.csv')).status()).toBe(404);
});
