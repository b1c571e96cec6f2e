import {
	DEMO,
	PHONE_VIEWPORT,
	accountNav,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	loginThroughForm,
	readOnlyTest as test
} from './fixtures.ts';

// The language lives in a cookie, so these stories change nothing on the server: they share one
// server per worker.

test('the chosen language sticks across pages and follows into new tabs', async ({
	page,
	context
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1, name: '村级议事厅' })).toBeVisible();
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Village deliberation halls' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'false');
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);
	const cookie = (await context.cookies()).find((c) => c.name === 'PARAGLIDE_LOCALE');
	expect(cookie?.value).toBe('en');

	// Following links keeps English.
	await accountNav(page).getByRole('link', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await expect(page.getByLabel('Mobile number')).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// Signing in keeps it too, and so does a new tab.
	await loginThroughForm(page, DEMO.villager.phone, DEMO.villager.password);
	await expect(page).toHaveURL('/xinyang');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(accountNav(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
	await checkA11y(page);

	const tab = await context.newPage();
	await tab.goto('/account');
	await expect(tab.locator('html')).toHaveAttribute('lang', 'en');
	await expect(tab.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
	await expect(tab.getByText('Villager', { exact: true })).toBeVisible();

	// Back to Chinese from a page deeper in: the page stays, the language changes.
	await tab.getByRole('button', { name: '中文' }).click();
	await expect(tab).toHaveURL('/account');
	await expect(tab.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(tab.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
	await expect(accountNav(tab).getByRole('button', { name: '退出登录' })).toBeVisible();

	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1, name: '新阳村议事厅' })).toBeVisible();
	await page
		.getByRole('banner')
		.getByRole('link', { name: /^新阳村\s*议事厅$/ })
		.click();
	await expect(page).toHaveURL('/xinyang');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the language switch keeps the query and refuses to leave the site', async ({ page, app }) => {
	await page.goto('/login?next=%2Faccount');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL('/login?next=%2Faccount');
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

	// A forged "to" may not send the browser to another site.
	const response = await page.request.post('/language', {
		form: { locale: 'zh-CN', to: '//evil.example/' },
		headers: { origin: app.url },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/');
});
