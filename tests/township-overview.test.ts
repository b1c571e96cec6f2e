// The township official reads the overview across villages (issue 19 item 1, and item 4's "the
// overview shows a late village"): 周建华 signs in on a phone without JavaScript, finds 湖东村
// marked late in words with its reasons, sorts by a column through plain links, opens the village's
// read-only view, and downloads the table as CSV (BOM, Chinese headers) and as JSON.
import {
	PHONE_VIEWPORT,
	addSession,
	checkA11yWithoutScripts,
	expect,
	loginWithoutScripts,
	readOnlyTest as test
} from './fixtures.ts';
import { expectNoHorizontalScroll, zoom200 } from './layout-checks.ts';

const OFFICIAL = { phone: '13800000010', password: 'demo-township-2026' };

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('the township official finds 湖东村 late, sorts the overview and opens the village read-only', async ({
	page
}) => {
	await addSession(page, OFFICIAL.phone, OFFICIAL.password);
	await page.goto('/township');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('长青乡');

	const table = page.getByTestId('overview');
	const hudong = table.locator('tr[data-village="hudong"]');
	const xinyang = table.locator('tr[data-village="xinyang"]');
	await expect(hudong.getByRole('link', { name: '湖东村' })).toBeVisible();
	await expect(xinyang.getByRole('link', { name: '新阳村' })).toBeVisible();
	// Late in words, with the reasons, not by colour alone.
	await expect(hudong).toContainText('滞后');
	await expect(hudong.getByTestId('late-reasons')).toContainText('1个议题超过受理期限');
	await expect(hudong.getByTestId('late-reasons')).toContainText('1件办事超期');
	await expect(hudong.getByTestId('late-reasons')).toContainText('本季度还没有公开一般村务');
	await expect(page.getByTestId('overview-summary')).toContainText('个村滞后');
	// The latest village comes first.
	await expect(table.locator('tbody tr').first()).toHaveAttribute('data-village', 'hudong');
	await expect(table.locator('th[aria-sort="descending"]')).toContainText('状态');

	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);

	// Sorting by a column is a plain link: by overdue service cases, most first, then flipped.
	await table.getByRole('link', { name: '超期办事' }).click();
	await expect(page).toHaveURL(/sort=cases&dir=desc/);
	const casesCell = (row: number) => table.locator('tbody tr').nth(row).locator('td').nth(7);
	const first = Number(await casesCell(0).textContent());
	const second = Number(await casesCell(1).textContent());
	expect(first).toBeGreaterThanOrEqual(second);
	await expect(table.locator('th[aria-sort="descending"]')).toContainText('超期办事');
	await table.getByRole('link', { name: /超期办事/ }).click();
	await expect(page).toHaveURL(/sort=cases&dir=asc/);
	await expect(table.locator('th[aria-sort="ascending"]')).toContainText('超期办事');
	expect(Number(await casesCell(0).textContent())).toBeLessThanOrEqual(
		Number(await casesCell(1).textContent())
	);

	// The chart of overdue items has its table beside it.
	const chart = page.getByTestId('figure-overdue');
	await expect(chart.locator('svg[role="img"]')).toHaveAttribute('aria-label', /湖东村/);
	await expect(chart.getByRole('table')).toContainText('湖东村');

	// The village's own view: the reasons, the late items by name, no form anywhere.
	await table.getByRole('link', { name: '湖东村' }).click();
	await expect(page).toHaveURL(/\/township\/villages\/hudong$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('湖东村');
	await expect(page.getByTestId('village-status')).toContainText('滞后');
	await expect(page.getByTestId('late-topics')).toContainText('村西排水沟堵塞');
	await expect(page.getByTestId('late-cases')).toContainText('证明开具');
	await expect(page.locator('main form')).toHaveCount(0);
	await expect(page.getByText('受理率 = 已受理 ÷ 期间内申请数', { exact: false })).toBeVisible();
	await expect(page.getByText('郑春花')).toHaveCount(0);
	await expect(page.getByText('何德福')).toHaveCount(0);
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);

	// 200 % text on a phone: the overview still scrolls only inside its table box.
	await zoom200(page);
	await page.goto('/township');
	await expectNoHorizontalScroll(page);
});

test('the overview downloads as CSV with a BOM and Chinese headers, and as JSON', async ({
	page
}) => {
	await loginWithoutScripts(page, OFFICIAL.phone, OFFICIAL.password);
	const csv = await page.request.get('/township/overview.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const bytes = await csv.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
	expect(lines[0].startsWith('"村","状态","滞后原因","四议两公开（进行中）"')).toBe(true);
	expect(lines[0]).toContain('"受理率 %","受理数","登记数"');
	expect(lines).toHaveLength(3);
	expect(lines.find((l) => l.startsWith('"湖东村"'))).toContain('"滞后"');

	const res = await page.request.get('/township/overview.json');
	expect(res.status()).toBe(200);
	const doc = await res.json();
	expect(doc.township.name).toBe('长青乡');
	expect(Date.parse(doc.generatedAt)).not.toBeNaN();
	const names = doc.villages.map((v: { village: { name: string } }) => v.village.name);
	expect(names.sort()).toEqual(['新阳村', '湖东村'].sort());
	const hudong = doc.villages.find(
		(v: { village: { slug: string } }) => v.village.slug === 'hudong'
	);
	expect(hudong).toMatchObject({ late: true, overdue: { topics: 1, cases: 1 } });
	expect(hudong.acceptance).toEqual({ part: 0, whole: 1, permille: 0 });
});
