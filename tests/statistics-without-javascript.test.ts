// The clerk reads the village's figures on a phone without JavaScript (issue 17 item 5): every
// chart an <svg> with its table, filtered by grid and period through a plain GET form, each figure
// with its formula; and anyone reads the public subset, with no one's name in it.
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11yWithoutScripts,
	expect,
	loginWithoutScripts,
	readOnlyTest as test
} from './fixtures.ts';
import {
	expectNoHorizontalScroll,
	inElderlyMode,
	useElderlyMode,
	zoom200
} from './layout-checks.ts';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('the clerk opens the statistics page, filters by grid and period, and reads every formula', async ({
	page,
	app
}) => {
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/statistics');
	await expect(page.getByRole('heading', { level: 1, name: '统计' })).toBeVisible();

	const figures = page.locator('[data-testid^="figure-"]');
	const count = await figures.count();
	expect(count).toBeGreaterThanOrEqual(12);
	for (let i = 0; i < count; i++) {
		const figure = figures.nth(i);
		// Each figure: its formula, a table with a caption and header cells, and a chart unless empty.
		await expect(
			figure.getByRole('list', { name: '计算方法' }).getByRole('listitem').first()
		).not.toBeEmpty();
		const table = figure.getByRole('table');
		await expect(table.locator('caption')).not.toBeEmpty();
		await expect(table.locator('th[scope="col"]').first()).toBeVisible();
		const charts = figure.locator('svg[role="img"]');
		if ((await charts.count()) > 0)
			await expect(charts.first()).toHaveAttribute('aria-label', /：/);
	}
	await expect(page.getByText('受理率 = 已受理 ÷ 期间内申请数', { exact: false })).toBeVisible();
	await expect(page.getByText('办结率 = 已办结 ÷ 已受理', { exact: false })).toBeVisible();
	await expect(page.getByText('满意率 = （满意 + 基本满意）÷ 已评价')).toBeVisible();
	const svgs = await page.locator('main svg[role="img"]').count();
	expect(svgs).toBeGreaterThanOrEqual(10);
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);

	// The demo's topics this year, then one grid's: the GET form puts both in the address.
	const topicsTotal = page
		.getByTestId('figure-topic-categories')
		.getByRole('row', { name: /^合计/ })
		.getByRole('cell');
	const village = Number(await topicsTotal.textContent());
	expect(village).toBeGreaterThan(0);
	await page.getByLabel('网格', { exact: true }).selectOption({ label: '第一网格' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/grid=\d+/);
	await expect(page.getByTestId('period')).toContainText('第一网格');
	expect(Number(await topicsTotal.textContent())).toBeLessThanOrEqual(village);
	const grid = new URL(page.url()).searchParams.get('grid');

	// The presets are links that keep the chosen grid.
	await page.getByRole('link', { name: '本季度' }).click();
	await expect(page).toHaveURL(new RegExp(`preset=quarter&grid=${grid}`));
	await expect(page.getByTestId('period')).toContainText('第一网格');

	// A period with nothing in it shows zeros and —, not an error; a reversed one says so.
	await page.getByLabel('起', { exact: true }).fill('2001-01-01');
	await page.getByLabel('止', { exact: true }).fill('2001-01-31');
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page).toHaveURL(/from=2001-01-01&to=2001-01-31/);
	await expect(topicsTotal).toHaveText('0');
	await expect(
		page.getByTestId('figure-service-rates').getByRole('row', { name: /^受理率/ })
	).toContainText('—');
	await page.goto('/xinyang/statistics?from=2026-05-01&to=2026-04-01');
	await expect(page.getByRole('alert')).toContainText('结束日期不能早于开始日期');

	// At 200 % zoom and in elderly mode the charts shrink with the page and the tables scroll
	// inside their own boxes.
	await zoom200(page);
	await page.goto('/xinyang/statistics');
	await expectNoHorizontalScroll(page);
	await useElderlyMode(page, app);
	await page.goto('/xinyang/statistics');
	expect(await inElderlyMode(page)).toBe(true);
	await expectNoHorizontalScroll(page);
});

test('a villager is refused the statistics page', async ({ page }) => {
	await loginWithoutScripts(page, DEMO.villager.phone, DEMO.villager.password);
	const r = await page.goto('/xinyang/statistics');
	expect(r?.status()).toBe(403);
});

test('an anonymous reader sees the public figures, counts only, cacheable', async ({ page }) => {
	await page.goto('/xinyang');
	await page.getByRole('link', { name: '村务数据公开' }).click();
	await expect(page).toHaveURL('/xinyang/figures');
	const r = await page.goto('/xinyang/figures');
	expect(r?.headers()['cache-control']).toBe('public, max-age=300');
	await expect(page.getByRole('heading', { level: 1, name: '村务数据公开' })).toBeVisible();
	// Service cases and matters, then the cultural life: events a month and events by kind.
	await expect(page.locator('main svg[role="img"]')).toHaveCount(4);
	await expect(page.getByRole('table')).toHaveCount(4);
	await expect(
		page
			.getByTestId('figure-culture-months')
			.getByRole('row')
			.filter({ hasText: /^\d{4}-\d{2}/ })
	).toHaveCount(12);
	await expect(page.getByText('没有记录人数的活动单列', { exact: false })).toBeVisible();
	await expect(
		page
			.getByTestId('figure-public-services')
			.getByRole('row')
			.filter({ hasText: /^\d{4}-\d{2}/ })
	).toHaveCount(12);
	await expect(page.getByText('基数少于5件的比率不公开', { exact: false })).toBeVisible();
	// No villager's name: the demo's proposers and the roster's names never appear.
	const text = await page.locator('main').innerText();
	for (const name of [DEMO.villager.name, DEMO.clerk.name, '赵桂兰', '李建国'])
		expect(text).not.toContain(name);
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);
});
