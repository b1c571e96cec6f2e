import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	accountNav,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	loginThroughForm,
	open,
	test
} from './fixtures.ts';

const { clerk } = DEMO;
const newcomer = { name: '赵小明', phone: '13800000009', password: '村口那棵老槐树又开花了' };

test('a clerk issues an activation code and the villager activates with it once', async ({
	page,
	newContext
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, clerk.phone, clerk.password);
	await expect(page).toHaveURL('/xinyang');
	await checkA11y(page);

	await page.getByRole('link', { name: '账户管理' }).click();
	await expect(page).toHaveURL('/xinyang/accounts');
	await expect(page.getByRole('heading', { level: 1, name: '账户管理' })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// New account
	await hydrated(page);
	const form = page.locator('form', { has: page.getByRole('button', { name: '新建账户' }) });
	await form.getByLabel('姓名').fill(newcomer.name);
	await form.getByLabel('手机号').fill(newcomer.phone);
	await form.getByLabel('身份').selectOption({ label: '村民' });
	await form.getByRole('button', { name: '新建账户' }).click();
	await expect(page.getByRole('status')).toHaveText(`已为${newcomer.name}新建账户。请发激活码。`);
	const row = page.getByRole('row').filter({ hasText: newcomer.phone });
	await expect(row).toHaveCount(1);
	await expect(row.getByRole('cell').nth(0)).toHaveText(newcomer.name);
	await expect(row.getByRole('cell').nth(2)).toHaveText('村民');
	await expect(row.getByRole('cell').nth(3)).toHaveText('待激活');

	// Activation code slip
	await page.getByRole('button', { name: `给${newcomer.name}发激活码` }).click();
	const slip = page.locator('.code-slip');
	await expect(slip).toHaveText(/^\s*\d{4} ?\d{4}\s*$/);
	const code = ((await slip.textContent()) ?? '').replace(/\D/g, '');
	expect(code).toMatch(/^\d{8}$/);
	await expect(page.getByRole('heading', { name: '新阳村议事厅 · 账户激活码' })).toBeVisible();
	await expect(page.getByText(`${newcomer.name}（${newcomer.phone}）`)).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// The villager, on their own phone
	const phone = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await phone.goto('/login');
	await phone.getByRole('link', { name: '用激活码设置密码' }).click();
	await expect(phone).toHaveURL('/activate');
	await checkA11y(phone);
	await expectNoHorizontalOverflow(phone);

	const activate = async (password: string, withCode = code) => {
		await open(phone, '/activate');
		await phone.getByLabel('手机号').fill(newcomer.phone);
		await phone.getByLabel('激活码').fill(withCode);
		await phone.getByLabel('新密码').fill(password);
		await phone.getByRole('button', { name: '设置密码并登录' }).click();
		await phone.waitForLoadState('domcontentloaded');
	};

	// A common password is refused at the field, and the code is not used up by it.
	for (const weak of ['12345678', 'password']) {
		await activate(weak);
		await expect(phone).toHaveURL('/activate');
		const field = phone.getByLabel('新密码');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expect(field).toHaveAccessibleDescription(/这个密码太常见，容易被猜到，请换一个。/);
		await expect(phone.getByText('这个密码太常见，容易被猜到，请换一个。')).toBeVisible();
		await expect(accountNav(phone).getByRole('link', { name: '登录' })).toBeVisible();
	}
	await checkA11y(phone);

	await activate(newcomer.password);
	await expect(phone).toHaveURL('/account?activated=1');
	await expect(phone.getByRole('status')).toHaveText('账户已激活，欢迎使用议事厅。');
	await expect(accountNav(phone).getByRole('link', { name: newcomer.name })).toBeVisible();
	await checkA11y(phone);
	await expectNoHorizontalOverflow(phone);

	// The same code a second time, from another browser: refused.
	const other = await (await newContext()).newPage();
	await open(other, '/activate');
	await other.getByLabel('手机号').fill(newcomer.phone);
	await other.getByLabel('激活码').fill(code);
	await other.getByLabel('新密码').fill('另一个人想抢这个账户呀');
	await other.getByRole('button', { name: '设置密码并登录' }).click();
	await expect(other.getByRole('alert')).toHaveText(
		'手机号或激活码不正确，或激活码已过期、已使用。'
	);
	await expect(other).toHaveURL('/activate');
	await expect(accountNav(other).getByRole('link', { name: '登录' })).toBeVisible();

	// The password chosen at activation is the one that works.
	await loginThroughForm(other, newcomer.phone, newcomer.password);
	await expect(other).toHaveURL('/xinyang');

	// The clerk sees the account as active.
	await page.reload();
	await expect(
		page.getByRole('row').filter({ hasText: newcomer.phone }).getByRole('cell').nth(3)
	).toHaveText('已激活');
});

test('a clerk cannot reset the branch secretary’s login; the secretary can reset the clerk’s', async ({
	page,
	newContext
}) => {
	await addSession(page, clerk.phone, clerk.password);
	await open(page, '/xinyang/accounts');
	// The clerk is offered nothing for the secretary's login or their own, nor a staff role to
	// create (tests/attacks/accounts.test.ts sends the forms anyway).
	const secretaryRow = page.getByRole('row').filter({ hasText: DEMO.secretary.phone });
	await expect(secretaryRow.getByRole('button')).toHaveCount(0);
	const ownRow = page.getByRole('row').filter({ hasText: clerk.phone });
	await expect(ownRow.getByRole('button')).toHaveCount(0);
	const villagerRow = page.getByRole('row').filter({ hasText: DEMO.villager.phone });
	await expect(villagerRow.getByRole('button', { name: '发激活码' })).toHaveCount(1);
	await expect(page.getByLabel('身份').locator('option')).toHaveText(['村民']);
	await checkA11y(page);

	const secretary = await (await newContext()).newPage();
	await addSession(secretary, DEMO.secretary.phone, DEMO.secretary.password);
	await open(secretary, '/xinyang/accounts');
	const clerkRow = secretary.getByRole('row').filter({ hasText: clerk.phone });
	await clerkRow.getByRole('button', { name: '发激活码' }).click();
	await expect(secretary.locator('.code-slip')).toHaveText(/^\d{4} \d{4}$/);
});
