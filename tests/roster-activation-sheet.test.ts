import {
	DEMO,
	PHONE_VIEWPORT,
	accountNav,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk } = DEMO;

test('a clerk prints a grid’s activation slips and a villager activates with one', async ({
	page,
	app,
	newContext
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, clerk.phone, clerk.password);
	await open(page, '/xinyang/roster/activation-sheet');
	await expect(page.getByRole('heading', { level: 1, name: '打印激活码' })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	await page.getByLabel('网格').selectOption({ label: '第二网格' });
	await page.getByRole('button', { name: '生成并打印' }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: '新阳村 · 第二网格 · 议事厅激活码' })
	).toBeVisible();
	await hydrated(page);

	const slips = page.locator('.slip-card');
	const n = await slips.count();
	expect(n).toBeGreaterThan(0);
	await expect(page.getByRole('status')).toContainText(`已生成 ${n} 张激活码。`);
	const activateUrl = `${app.url}/activate`;
	const codes = new Set<string>();
	for (let i = 0; i < n; i++) {
		const slip = slips.nth(i);
		await expect(slip.locator('.slip-name')).not.toBeEmpty();
		await expect(slip).toContainText(/手机号：1\d{10}/);
		const code = slip.locator('.code-slip');
		await expect(code).toHaveText(/^\s*\d{4} ?\d{4}\s*$/);
		codes.add(((await code.textContent()) ?? '').replace(/\D/g, ''));
		await expect(slip.locator('.qr svg')).toHaveCount(1);
		await expect(slip).toContainText(`扫码或打开 ${activateUrl}`);
	}
	expect(codes.size, 'every slip has its own code').toBe(n);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// The first slip, as its villager receives it.
	const first = slips.first();
	const name = ((await first.locator('.slip-name').textContent()) ?? '').trim();
	const phone = /手机号：(1\d{10})/.exec((await first.textContent()) ?? '')![1];
	const code = ((await first.locator('.code-slip').textContent()) ?? '').replace(/\D/g, '');
	expect(code).toMatch(/^\d{8}$/);

	// Printed, the sheet is the slips alone: no site header, no form.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.getByRole('button', { name: '生成并打印' })).toBeHidden();
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	await expect(first).toBeVisible();
	await expect(first.locator('.qr svg')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });
	await expect(page.locator('.site-header')).toBeVisible();

	const villager = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await open(villager, '/activate');
	await villager.getByLabel('手机号').fill(phone);
	await villager.getByLabel('激活码').fill(code);
	await villager.getByLabel('新密码').fill('屋后那片白桦林在秋天最好看');
	await villager.getByRole('button', { name: '设置密码并登录' }).click();
	await expect(villager).toHaveURL('/account?activated=1');
	await expect(villager.getByRole('status')).toHaveText('账户已激活，欢迎使用议事厅。');
	await expect(accountNav(villager).getByRole('link', { name })).toBeVisible();
	await villager.goto('/xinyang');
	await expect(villager.getByRole('heading', { level: 1, name: '新阳村议事厅' })).toBeVisible();
	await expect(accountNav(villager).getByRole('link', { name })).toBeVisible();
});
