// Issue 20 item 1: the sign-in page is the first page of every phone's visit and no cache can
// answer it, so it ships no framework. With JavaScript on it still signs in and leads on; the page
// a scanned hall code opens still names the meeting.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	login,
	readOnlyTest as test
} from './fixtures.ts';
import { scriptsOf } from './script-bytes.ts';

const { villager } = DEMO;

test('the sign-in page runs no script, and signing in with JavaScript on still leads home', async ({
	page
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	const seen = await scriptsOf(page, '/login');
	expect(seen.paths).toEqual([]);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	await login(page, villager.phone, villager.password);
	await expect(page).toHaveURL('/xinyang');
	await expect(page.getByRole('heading', { level: 1, name: '新阳村议事厅' })).toBeVisible();
});
