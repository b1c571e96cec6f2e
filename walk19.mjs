import { chromium } from '@playwright/test';
const base = 'http://localhost:4619';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
async function as(phone, pw, js, shots) {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: js, locale: 'zh-CN' });
	const page = await ctx.newPage();
	await page.goto(base + '/login');
	await page.getByLabel(/手机/).fill(phone);
	await page.getByLabel(/密码/).fill(pw);
	await page.getByRole('button', { name: /登录/ }).click();
	await page.waitForLoadState('load');
	for (const [path, name] of shots) {
		const r = await page.goto(base + path);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
		console.log(name, r.status(), 'overflow', overflow, (await page.locator('h1').first().textContent())?.trim());
		await page.screenshot({ path: `/tmp/w19-${name}.png`, fullPage: true });
	}
	await ctx.close();
}
await as('13800000010', 'demo-township-2026', false, [
	['/township', 'overview'], ['/township/filings', 'filings'], ['/township/referrals', 'referrals'],
	['/township/meetings', 'meetings'], ['/township/villages/hudong', 'hudong'], ['/xinyang/topics', 'member-topics'], ['/xinyang/dashboard', 'dashboard']
]);
await as('13800000001', 'demo-clerk-2026', false, [['/xinyang/outbox', 'outbox'], ['/xinyang/outbox/sms', 'sms'], ['/xinyang/dashboard', 'clerk-dash']]);
await as('13800000003', 'demo-villager-2026', false, [['/xinyang/open-data', 'opendata'], ['/xinyang', 'villager-home']]);
await browser.close();
