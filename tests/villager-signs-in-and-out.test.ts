import {
	DEMO,
	PHONE_VIEWPORT,
	accountNav,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	loginThroughForm,
	readOnlyTest,
	submitLogin,
	test
} from './fixtures.ts';

const { villager } = DEMO;

// Signing in and out starts and ends only this story's own session: one server per worker is
// enough. A wrong password is counted by the throttle, so that story gets its own.
readOnlyTest(
	'a villager signs in, lands on the village page, and signs out for good',
	async ({ page }) => {
		await page.setViewportSize(PHONE_VIEWPORT);

		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
		await checkA11y(page);
		await expectNoHorizontalOverflow(page);

		await loginThroughForm(page, villager.phone, villager.password);
		await expect(page).toHaveURL('/xinyang');
		await expect(page.getByRole('heading', { level: 1, name: '新阳村议事厅' })).toBeVisible();
		await expect(accountNav(page).getByRole('link', { name: villager.name })).toBeVisible();
		await expect(accountNav(page).getByRole('button', { name: '退出登录' })).toBeVisible();
		// A villager is not staff: no account management here.
		await expect(page.getByRole('link', { name: '账户管理' })).toHaveCount(0);
		await checkA11y(page);
		await expectNoHorizontalOverflow(page);

		await accountNav(page).getByRole('button', { name: '退出登录' }).click();
		await expect(page).toHaveURL('/');
		await expect(accountNav(page).getByRole('link', { name: '登录' })).toBeVisible();
		await expect(accountNav(page)).not.toContainText(villager.name);
		await checkA11y(page);
		await expectNoHorizontalOverflow(page);

		// Back must not bring the signed-in page out of a cache.
		await page.goBack();
		await expect(page).toHaveURL('/xinyang');
		await expect(accountNav(page).getByRole('link', { name: '登录' })).toBeVisible();
		await expect(page.locator('body')).not.toContainText(villager.name);
		await page.reload();
		await expect(accountNav(page).getByRole('link', { name: '登录' })).toBeVisible();
		await expect(page.locator('body')).not.toContainText(villager.name);

		// Nor is the session alive behind the scenes.
		await page.goto('/account');
		await expect(page).toHaveURL('/login?next=%2Faccount');
	}
);

test('a wrong password and an unknown number get the same answer', async ({ page }) => {
	const answers: { status: number; message: string }[] = [];
	for (const [phone, password] of [
		[villager.phone, 'not-my-password-1'],
		['13812345678', 'not-my-password-1']
	]) {
		await page.goto('/login');
		const response = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
		);
		await submitLogin(page, phone, password);
		const alert = page.getByRole('alert');
		await expect(alert).toHaveText('手机号或密码不正确。');
		await expect(page).toHaveURL('/login');
		await expect(accountNav(page).getByRole('link', { name: '登录' })).toBeVisible();
		// The typed number stays in the field; the password never comes back.
		await expect(page.getByLabel('手机号')).toHaveValue(phone);
		await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
		answers.push({ status: (await response).status(), message: (await alert.textContent()) ?? '' });
	}
	expect(answers[1]).toEqual(answers[0]);
	await checkA11y(page);
});

readOnlyTest('what a villager types while the page is still loading is kept', async ({ page }) => {
	// On a slow phone the form shows long before the scripts arrive; typing then must not be lost.
	let scriptsMayLoad!: () => void;
	const held = new Promise<void>((resolve) => (scriptsMayLoad = resolve));
	await page.route('**/_app/immutable/entry/app.*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('手机号').fill(villager.phone);
	await page.getByLabel('密码', { exact: true }).fill(villager.password);
	scriptsMayLoad();
	await hydrated(page);

	await expect(page.getByLabel('手机号')).toHaveValue(villager.phone);
	await expect(page.getByLabel('密码', { exact: true })).toHaveValue(villager.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');
});
