// Every core page beyond the elderly-mode story's five fits a 360 px phone in elderly mode and at
// 200 % zoom (WCAG 1.4.10 reflow): read only, on the shared server.
import type { Page } from '@playwright/test';
import { DEMO, expect, login, readOnlyTest as test, type App } from './fixtures.ts';
import {
	expectNoHorizontalScroll,
	inElderlyMode,
	useElderlyMode,
	zoom200
} from './layout-checks.ts';
import { query } from './meeting-helpers.ts';

async function fitsBothWays(page: Page, app: App, path: string): Promise<void> {
	await page.context().clearCookies({ name: 'display' });
	await zoom200(page);
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(200);
	await expectNoHorizontalScroll(page);
	await useElderlyMode(page, app);
	await page.reload();
	expect(await inElderlyMode(page)).toBe(true);
	await expectNoHorizontalScroll(page);
}

test('sign-in, home, board, topics, register and account fit both ways', async ({ page, app }) => {
	await fitsBothWays(page, app, '/login');
	await fitsBothWays(page, app, '/xinyang/notices');
	await fitsBothWays(page, app, '/xinyang/resolutions');
	await login(page, DEMO.villager.phone, DEMO.villager.password);
	for (const path of ['/xinyang', '/xinyang/topics', '/xinyang/meetings', '/account'])
		await fitsBothWays(page, app, path);
});

test('the dashboard, console, minutes and notice desk fit both ways', async ({ page, app }) => {
	const [notified] = query<{ id: number }>(
		app,
		"select id from meetings where state = 'notified' order by id limit 1"
	);
	const [closed] = query<{ id: number }>(
		app,
		"select id from meetings where state = 'closed' order by id limit 1"
	);
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	for (const path of [
		'/xinyang/dashboard',
		`/xinyang/meetings/${notified.id}/console`,
		`/xinyang/meetings/${closed.id}`,
		`/xinyang/meetings/${closed.id}/minutes`,
		'/xinyang/notices/desk'
	])
		await fitsBothWays(page, app, path);
});
