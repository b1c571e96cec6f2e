import {
	DEMO,
	accountNav,
	checkA11y,
	expect,
	hydrated,
	loginThroughForm,
	submitLogin,
	test
} from './fixtures.ts';

const { villager } = DEMO;
const NEW_PASSWORD = '我家的鸡每天下两个蛋';

test('changing the password signs the villager out everywhere else', async ({
	page,
	newContext
}) => {
	// The villager is signed in on a phone (page) and on the family computer (other).
	const other = await (await newContext()).newPage();
	await loginThroughForm(page, villager.phone, villager.password);
	await loginThroughForm(other, villager.phone, villager.password);
	await expect(accountNav(other).getByRole('link', { name: villager.name })).toBeVisible();

	await accountNav(page).getByRole('link', { name: villager.name }).click();
	await expect(page).toHaveURL('/account');
	await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
	await checkA11y(page);

	// A wrong current password changes nothing.
	await hydrated(page);
	await page.getByLabel('当前密码').fill('not-the-current-one');
	await page.getByLabel('新密码').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByLabel('当前密码')).toHaveAccessibleDescription('当前密码不正确。');
	await other.reload();
	await expect(accountNav(other).getByRole('link', { name: villager.name })).toBeVisible();

	await hydrated(page);
	await page.getByLabel('当前密码').fill(villager.password);
	await page.getByLabel('新密码').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByRole('status')).toHaveText('密码已修改，其他设备上的登录已全部退出。');
	await checkA11y(page);

	// This browser stays signed in, also on its next request.
	await page.goto('/xinyang');
	await expect(accountNav(page).getByRole('link', { name: villager.name })).toBeVisible();

	// The other one is signed out on its next request.
	await other.reload();
	await expect(accountNav(other).getByRole('link', { name: '登录' })).toBeVisible();
	await expect(accountNav(other)).not.toContainText(villager.name);
	await other.goto('/account');
	await expect(other).toHaveURL('/login?next=%2Faccount');

	// The old password no longer works; the new one does.
	await submitLogin(other, villager.phone, villager.password);
	await expect(other.getByRole('alert')).toHaveText('手机号或密码不正确。');
	await submitLogin(other, villager.phone, NEW_PASSWORD);
	await expect(other).toHaveURL('/account');
	await expect(accountNav(other).getByRole('link', { name: villager.name })).toBeVisible();
});
