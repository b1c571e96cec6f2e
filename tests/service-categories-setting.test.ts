// The clerk sets the village's service categories without JavaScript (issue 17 item 1): a limit
// changed, one of the village's own added, a built-in one retired; the filing page offers what
// was saved, each with its limit in words. A limit out of range is refused in words, nothing saved.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	loginWithoutScripts,
	test
} from './fixtures.ts';

test('the clerk changes a limit, adds a category and retires one; filing offers exactly those', async ({
	newContext
}) => {
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await loginWithoutScripts(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/settings');
	const rows = page.getByTestId('category-row');
	const row = (name: string) => rows.filter({ has: page.getByText(name, { exact: true }) });

	// Out of range: refused with the range in words, and the page keeps what was typed.
	await row('证明开具').getByLabel('时限（工作日）').fill('0');
	await page.getByRole('button', { name: '保存办事类别' }).click();
	await expect(page.getByRole('alert')).toHaveText('时限须是 1 到 60 之间的整数（工作日）。');
	await expect(row('证明开具').getByLabel('时限（工作日）')).toHaveValue('0');
	await page.goto('/xinyang/settings');
	await expect(row('证明开具').getByLabel('时限（工作日）')).toHaveValue('2');

	await row('证明开具').getByLabel('时限（工作日）').fill('3');
	await row('农业生产').getByRole('checkbox', { name: '接受新的办事' }).uncheck();
	const add = page.getByRole('group', { name: '新增一类（可不填）' });
	await add.getByLabel('名称').fill('宅基地审批');
	await add.getByLabel('时限（工作日）').fill('5');
	await page.getByRole('button', { name: '保存办事类别' }).click();
	await expect(page.getByText('已保存办事类别。')).toBeVisible();
	await expect(row('证明开具').getByLabel('时限（工作日）')).toHaveValue('3');
	await expect(row('农业生产').getByRole('checkbox')).not.toBeChecked();
	await expect(rows.last().getByLabel('名称')).toHaveValue('宅基地审批');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	await page.goto('/xinyang/services/new');
	await expect(page.getByRole('radio', { name: '证明开具（3个工作日内办结）' })).toBeVisible();
	await expect(page.getByRole('radio', { name: '宅基地审批（5个工作日内办结）' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /农业生产/ })).toHaveCount(0);
});
