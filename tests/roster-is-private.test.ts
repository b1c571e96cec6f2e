import type { Page } from '@playwright/test';
import {
	DEMO,
	checkA11y,
	expect,
	formPostHeaders,
	login,
	open,
	openSecondVillage,
	test
} from './fixtures.ts';

const { admin, clerk, secretary, villager } = DEMO;

/** A signed-in page is refused: status 403 and the "no permission" page, nothing of the roster. */
async function expectForbidden(page: Page, path: string, secretName: string): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(403);
	await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('没有权限');
	await expect(page.getByRole('main'), path).toContainText('您没有权限做这件事。');
	await expect(page.getByRole('main'), path).not.toContainText(secretName);
	await expect(page.getByRole('main'), path).not.toContainText('村民花名册');
}

test('the roster is for the village’s own clerk and secretary only', async ({
	page,
	app,
	newContext
}) => {
	// The 新阳 clerk sees person 1 (the first household's head) and takes note of the name.
	await login(page, clerk.phone, clerk.password);
	await open(page, '/xinyang/roster/people/1');
	const original = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
	expect(original.length).toBeGreaterThan(1);
	await checkA11y(page);

	// Signed out: sent to sign in, and back afterwards.
	const anon = await (await newContext()).newPage();
	await anon.goto('/xinyang/roster');
	await expect(anon).toHaveURL('/login?next=%2Fxinyang%2Froster');
	await anon.goto('/xinyang/roster/people/1');
	await expect(anon).toHaveURL('/login?next=%2Fxinyang%2Froster%2Fpeople%2F1');
	await expect(anon.getByRole('main')).not.toContainText(original);

	// A villager of 新阳 may not open it, nor post to it.
	const v = await (await newContext()).newPage();
	await login(v, villager.phone, villager.password);
	await expectForbidden(v, '/xinyang/roster', original);
	await checkA11y(v);
	await expectForbidden(v, '/xinyang/roster/people/1', original);
	await expectForbidden(v, '/xinyang/roster/import', original);
	const byVillager = await v.request.post('/xinyang/roster/people/1?/update', {
		form: { name: '村民改的', gender: 'm', birthDate: '1968-05-16', phone: '', relation: '户主' },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(byVillager.status()).toBe(403);

	// The administrator runs the server, not the village's roster.
	const adm = await (await newContext()).newPage();
	await login(adm, admin.phone, admin.password);
	await expectForbidden(adm, '/xinyang/roster', original);

	// The branch secretary is village staff.
	const sec = await (await newContext()).newPage();
	await login(sec, secretary.phone, secretary.password);
	expect((await sec.goto('/xinyang/roster/people/1'))?.status()).toBe(200);
	await expect(sec.getByRole('heading', { level: 1 })).toHaveText(original);

	// The administrator opens 东山村; its first clerk activates.
	const ds = await (await newContext()).newPage();
	await openSecondVillage(adm, ds);

	// 东山's clerk has a roster of their own (empty), but none of 新阳's.
	expect((await ds.goto('/dongshan/roster'))?.status()).toBe(200);
	await expect(ds.getByRole('heading', { level: 1 })).toHaveText('村民花名册');
	await expect(ds.getByRole('status')).toHaveText('共 0 人');
	await expect(ds.getByRole('main')).not.toContainText(original);
	await checkA11y(ds);
	await expectForbidden(ds, '/xinyang/roster', original);
	await expectForbidden(ds, '/xinyang/roster/people/1', original);

	// Nor can they change a 新阳 person: not through 新阳's address…
	const change = { name: '被改了', gender: 'f', birthDate: '1990-01-01', phone: '', relation: '' };
	const headers = formPostHeaders(app);
	const direct = await ds.request.post('/xinyang/roster/people/1?/update', {
		form: change,
		headers,
		maxRedirects: 0
	});
	expect(direct.status()).toBe(403);
	// …nor through their own village's, where person 1 does not exist.
	for (const action of ['update', 'move', 'status', 'assignRole']) {
		const response = await ds.request.post(`/dongshan/roster/people/1?/${action}`, {
			form: { ...change, householdKey: '002', status: 'moved_out', date: '2026-01-01' },
			headers,
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(404);
		expect(await response.text(), action).not.toContain(original);
	}

	// Person 1 of 新阳 is as the clerk left them.
	await open(page, '/xinyang/roster/people/1');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(original);
	await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(original);
	await expect(page.getByLabel('出生日期')).not.toHaveValue('1990-01-01');
	const facts = page.locator('dl.facts');
	await expect(facts).toContainText('在册');
	await expect(facts).not.toContainText('已迁出');
});
