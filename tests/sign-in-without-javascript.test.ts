import { DEMO, accountNav, checkA11yWithoutScripts, expect, test } from './fixtures.ts';

const { villager } = DEMO;

test('a villager signs in, switches language and signs out without JavaScript', async ({
	newContext
}) => {
	const context = await newContext({ javaScriptEnabled: false });
	const page = await context.newPage();

	await page.goto('/');
	await accountNav(page).getByRole('link', { name: '登录' }).click();
	await expect(page).toHaveURL('/login');
	await checkA11yWithoutScripts(page);
	await page.getByLabel('手机号').fill(villager.phone);
	await page.getByLabel('密码', { exact: true }).fill(villager.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');
	await expect(page.getByRole('heading', { level: 1, name: '新阳村议事厅' })).toBeVisible();
	await expect(accountNav(page).getByRole('link', { name: villager.name })).toBeVisible();
	await checkA11yWithoutScripts(page);

	// The language switch is a form post that comes back to the same page.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page).toHaveURL('/xinyang');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(
		page.getByRole('heading', { level: 1, name: '新阳村 deliberation hall' })
	).toBeVisible();
	await expect(accountNav(page).getByRole('link', { name: villager.name })).toBeVisible();
	await expect(accountNav(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await checkA11yWithoutScripts(page);

	await accountNav(page).getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL('/');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Village deliberation halls' })
	).toBeVisible();
	await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
	await checkA11yWithoutScripts(page);
	await page.goto('/account');
	await expect(page).toHaveURL('/login?next=%2Faccount');

	// A wrong password is answered on the page itself, still without scripts.
	await page.getByLabel('Mobile number').fill(villager.phone);
	await page.getByLabel('Password').fill('not-my-password');
	await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong mobile number or password.');
});
