import { DEMO, accountNav, checkA11y, expect, login, readOnlyTest as test } from './fixtures.ts';

// Only reads pages (and signs in): the stories share one server per worker.

const MISSING = ['/no-such-page', '/xinyang/no-such', '/no-such-village'];

const LANGUAGES = [
	{
		button: '中文',
		lang: 'zh-CN',
		title: '页面不存在',
		message: '没有找到这个页面。',
		home: '回到首页'
	},
	{
		button: 'English',
		lang: 'en',
		title: 'Page not found',
		message: 'This page does not exist.',
		home: 'Back to the home page'
	}
] as const;

for (const language of LANGUAGES) {
	test(`a missing page says so in ${language.lang}, with status 404`, async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: language.button }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', language.lang);

		for (const path of MISSING) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await expect(page.locator('html')).toHaveAttribute('lang', language.lang);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.title);
			await expect(page).toHaveTitle(new RegExp(`^${language.title} · `));
			await expect(page.getByRole('main')).toContainText(language.message);
			await checkA11y(page);
		}

		await page.getByRole('link', { name: language.home }).click();
		await expect(page).toHaveURL('/');
	});
}

test('a signed-in villager gets the same 404 page and stays signed in', async ({ page }) => {
	await login(page, DEMO.villager.phone, DEMO.villager.password);
	const response = await page.goto('/xinyang/no-such');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
	await expect(accountNav(page).getByRole('link', { name: DEMO.villager.name })).toBeVisible();
	expect(response?.headers()['cache-control']).toBe('private, no-store');
	await checkA11y(page);
});
