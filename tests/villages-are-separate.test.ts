import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	accountNav,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';
import { query } from './meeting-helpers.ts';

const { admin, clerk, villager, secretary } = DEMO;
const dongshan = {
	slug: 'dongshan',
	name: '东山村',
	clerk: { name: '陈明', phone: '13700000001', password: '东山脚下的小河流水' }
};

/** The hidden account id behind a row of the accounts table. */
async function accountIdOf(page: Page, phone: string): Promise<string> {
	const row = page.getByRole('row').filter({ hasText: phone });
	await expect(row).toHaveCount(1);
	return row.locator('input[name="accountId"]').first().inputValue();
}

test('an administrator opens a second village whose clerk cannot reach the first', async ({
	page,
	app,
	newContext
}) => {
	// The administrator opens 东山村 and gets the first clerk's activation code.
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, admin.phone, admin.password);
	await expect(page).toHaveURL('/admin');
	await expect(page.getByRole('heading', { level: 1, name: '系统管理' })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	await hydrated(page);
	await page.getByLabel('村名').fill(dongshan.name);
	await page.getByLabel('网址简称').fill(dongshan.slug);
	await page.getByLabel('省', { exact: true }).fill('黑龙江省');
	await page.getByLabel('首位文书姓名').fill(dongshan.clerk.name);
	await page.getByLabel('首位文书手机号').fill(dongshan.clerk.phone);
	await page.getByRole('button', { name: '开通新村' }).click();
	const slip = page.locator('.code-slip');
	await expect(slip).toHaveText(/^\s*\d{4} ?\d{4}\s*$/);
	const code = ((await slip.textContent()) ?? '').replace(/\D/g, '');
	await expect(page.getByText(`${dongshan.clerk.name}（${dongshan.clerk.phone}）`)).toBeVisible();
	await expect(page.getByRole('link', { name: dongshan.name })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// The new clerk activates and signs in.
	const ds = await (await newContext()).newPage();
	await open(ds, '/activate');
	await ds.getByLabel('手机号').fill(dongshan.clerk.phone);
	await ds.getByLabel('激活码').fill(code);
	await ds.getByLabel('新密码').fill(dongshan.clerk.password);
	await ds.getByRole('button', { name: '设置密码并登录' }).click();
	await expect(ds).toHaveURL('/account?activated=1');
	await expect(ds.getByRole('status')).toHaveText('账户已激活，欢迎使用议事厅。');
	await expect(ds.getByRole('main')).toContainText(dongshan.name);

	await ds.getByRole('main').getByRole('link', { name: dongshan.name }).click();
	await expect(ds).toHaveURL('/dongshan');
	await expect(ds.getByRole('heading', { level: 1, name: '东山村议事厅' })).toBeVisible();
	await checkA11y(ds);
	await ds.getByRole('link', { name: '账户管理' }).click();
	await expect(ds).toHaveURL('/dongshan/accounts');
	await expect(ds.getByRole('row').filter({ hasText: dongshan.clerk.phone })).toHaveCount(1);
	await expect(ds.getByRole('main')).not.toContainText(villager.phone);
	await expect(ds.getByRole('main')).not.toContainText(clerk.phone);

	// 东山's clerk is a stranger in 新阳: no staff tools, no accounts page.
	await ds.goto('/xinyang');
	await expect(ds.getByRole('heading', { level: 1, name: '新阳村议事厅' })).toBeVisible();
	await expect(ds.getByRole('link', { name: '账户管理' })).toHaveCount(0);
	const forbidden = await ds.goto('/xinyang/accounts');
	expect(forbidden?.status()).toBe(403);
	await expect(ds.getByRole('heading', { level: 1 })).toHaveText('没有权限');
	await expect(ds.getByRole('main')).not.toContainText(villager.phone);
	await checkA11y(ds);

	// Nor can it act on a 新阳 account through its own village's actions.
	const xy = await (await newContext()).newPage();
	await login(xy, clerk.phone, clerk.password);
	await xy.goto('/xinyang/accounts');
	const villagerId = await accountIdOf(xy, villager.phone);
	expect(villagerId).toMatch(/^\d+$/);
	for (const action of ['disable', 'issueCode']) {
		const response = await ds.request.post(`/dongshan/accounts?/${action}`, {
			form: { accountId: villagerId },
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(404);
		const html = await response.text();
		expect(html, action).not.toContain(villager.name);
		expect(html, action).not.toMatch(/class="code-slip"/);
	}
	// …and the 新阳 villager is untouched: still active, still signs in.
	await xy.reload();
	await expect(
		xy.getByRole('row').filter({ hasText: villager.phone }).getByRole('cell').nth(3)
	).toHaveText('已激活');
	const v = await (await newContext()).newPage();
	await login(v, villager.phone, villager.password);
	await expect(v).toHaveURL('/xinyang');

	// The 新阳 clerk likewise cannot open 东山's accounts or act there.
	const back = await xy.goto('/dongshan/accounts');
	expect(back?.status()).toBe(403);
	await expect(xy.getByRole('main')).not.toContainText(dongshan.clerk.phone);
	// Nobody manages their own login, so 东山's clerk sees no action on her own row; her id is read
	// from the database.
	await ds.goto('/dongshan/accounts');
	await expect(
		ds.getByRole('row').filter({ hasText: dongshan.clerk.phone }).getByRole('button')
	).toHaveCount(0);
	const [{ id: dsClerkId }] = query<{ id: number }>(
		app,
		'select id from users where phone = ?',
		dongshan.clerk.phone
	);
	const crossAct = await xy.request.post('/dongshan/accounts?/disable', {
		form: { accountId: String(dsClerkId) },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(crossAct.status()).toBe(403);
	await ds.reload();
	await expect(
		ds.getByRole('row').filter({ hasText: dongshan.clerk.phone }).getByRole('cell').nth(3)
	).toHaveText('已激活');
});

test('villagers and administrators stay out of the clerk tools', async ({ page, newContext }) => {
	await login(page, villager.phone, villager.password);
	for (const path of ['/xinyang/accounts', '/admin']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('没有权限');
		await expect(page.getByRole('main'), path).toContainText('您没有权限做这件事。');
		await expect(accountNav(page).getByRole('link', { name: villager.name })).toBeVisible();
	}
	await checkA11y(page);

	// The branch secretary is village staff and may manage accounts; the administrator is not.
	const sec = await (await newContext()).newPage();
	await login(sec, secretary.phone, secretary.password);
	expect((await sec.goto('/xinyang/accounts'))?.status()).toBe(200);
	expect((await sec.goto('/admin'))?.status()).toBe(403);

	const adm = await (await newContext()).newPage();
	await login(adm, admin.phone, admin.password);
	expect((await adm.goto('/xinyang/accounts'))?.status()).toBe(403);

	// Signed out, the tools send you to sign in first.
	const anon = await (await newContext()).newPage();
	await anon.goto('/xinyang/accounts');
	await expect(anon).toHaveURL('/login?next=%2Fxinyang%2Faccounts');
	await anon.goto('/admin');
	await expect(anon).toHaveURL('/login?next=%2Fadmin');
});
