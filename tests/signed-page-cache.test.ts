// Issue 20: signed-in pages from memory. The clerk's dashboard and topic list are rendered once per
// change for her session; a topic a villager files in another browser shows on her next refresh,
// without JavaScript as with it, and her sign-out leaves nothing for the next request.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	loginWithoutScripts,
	test
} from './fixtures.ts';

const DASHBOARD = '/xinyang/dashboard';
const TOPICS = '/xinyang/topics';

test('the clerk’s refreshed dashboard and topic list show a topic filed meanwhile', async ({
	newContext
}) => {
	const clerk = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await loginWithoutScripts(clerk, DEMO.clerk.phone, DEMO.clerk.password);

	// Twice each: the second answer may come from memory and must be the page as rendered.
	for (const path of [DASHBOARD, TOPICS, DASHBOARD, TOPICS]) {
		const r = (await clerk.goto(path))!;
		expect(r.status()).toBe(200);
		expect(r.headers()['cache-control']).toBe('private, no-store');
		expect(r.headers()['content-security-policy']).toContain("script-src 'self'");
	}
	const awaiting = clerk.locator('section[aria-labelledby="awaiting-title"]');
	await clerk.goto(DASHBOARD);
	await expect(clerk.getByRole('heading', { level: 1 })).toBeVisible();
	await checkA11yWithoutScripts(clerk);

	// The villager files a topic on her own phone.
	const villager = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(villager, DEMO.villager.phone, DEMO.villager.password);
	await villager.goto('/xinyang/topics/new');
	const title = '缓存测试：三组水渠堵塞';
	await villager.getByLabel('标题').fill(title);
	await villager.getByLabel('具体内容').fill('三组水渠被落叶堵住，下雨时漫到路上。');
	await villager.getByLabel('类别').selectOption({ label: '民生诉求' });
	await villager.getByRole('button', { name: '提交议题' }).click();
	await expect(villager).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted/);

	// The clerk refreshes: both pages show it at once.
	await clerk.reload();
	await expect(awaiting.getByRole('link', { name: title })).toBeVisible();
	await clerk.goto(TOPICS);
	await expect(clerk.getByRole('link', { name: title }).first()).toBeVisible();
	await checkA11yWithoutScripts(clerk);

	// Signed out, the same address is a sign-in, never the page kept for her session.
	const session = (await clerk.context().cookies()).find((c) => c.name === 'session')!;
	await clerk.getByRole('button', { name: '退出登录' }).click();
	const after = (await clerk.goto(DASHBOARD))!;
	expect(new URL(after.url()).pathname).toBe('/login');
	const replayed = await clerk.request.get(DASHBOARD, {
		headers: { cookie: `session=${session.value}` },
		maxRedirects: 0
	});
	expect(replayed.status()).toBe(303);
});
