// The accessibility check every story relies on must itself fail on a bad page: on the page, inside
// a frame, and after the page changed since its last check (axe stays loaded in a document).
import { test } from '@playwright/test';
import { checkA11y, expect } from './fixtures';

const ORIGIN = 'http://a11y-check.test';

const page = (body: string) =>
	`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>检查</title></head>` +
	`<body><main><h1>检查</h1>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
	'/clean': page('<p>一段正常的文字。</p><button type="button">提交</button>'),
	'/no-alt': page('<img src="/photo.png" width="40" height="40">'),
	'/faint': page('<p style="color:#c8c8c8;background:#fff">看不清的灰色小字</p>'),
	'/framed': page('<iframe src="/frame" title="嵌入的内容"></iframe>'),
	'/frame': page('<button type="button"></button>')
};

test.beforeEach(async ({ page }) => {
	await page.route(`${ORIGIN}/**`, (route) => {
		const path = new URL(route.request().url()).pathname;
		const body = PAGES[path];
		return body === undefined
			? route.fulfill({ status: 404, body: '' })
			: route.fulfill({ contentType: 'text/html; charset=utf-8', body });
	});
});

const cases: { path: string; rule: string | null }[] = [
	{ path: '/clean', rule: null },
	{ path: '/no-alt', rule: 'image-alt' },
	{ path: '/faint', rule: 'color-contrast' },
	{ path: '/framed', rule: 'button-name' }
];

for (const { path, rule } of cases) {
	test(`axe on ${path} ${rule ? `fails naming ${rule}` : 'passes'}`, async ({ page }) => {
		await page.goto(`${ORIGIN}${path}`);
		const outcome = await checkA11y(page).then(
			() => null,
			(e: Error) => e.message
		);
		if (rule === null) expect(outcome).toBeNull();
		else expect(outcome).toContain(rule);
	});
}

test('a page checked once and changed since fails its next check', async ({ page }) => {
	await page.goto(`${ORIGIN}/clean`);
	await checkA11y(page);
	await page.evaluate(() => {
		const img = document.createElement('img');
		img.src = '/photo.png';
		document.querySelector('main')!.append(img);
	});
	await expect(checkA11y(page)).rejects.toThrow(/image-alt/);
});
