// Issue 16: every villager counts, in large type too. Elderly mode (大字模式) is switched in the
// header by a plain form; propose, co-sign, check-in, vote and a notice pass axe and fit a 360 px
// phone in that mode and at 200 % zoom; so do the minutes upload and the dashboard's date filter.
import type { Locator, Page } from '@playwright/test';
import {
	DEMO,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	login,
	open,
	readOnlyTest,
	test,
	type App
} from './fixtures.ts';
import {
	expectNoHorizontalScroll,
	inElderlyMode,
	useElderlyMode,
	zoom200
} from './layout-checks.ts';
import {
	DEMO_TODAY_MEETING_TITLE,
	checkinCodeShown,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';
import { noticeSeq } from './notice-helpers.ts';

const rep = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
const SHOTS = process.env.ELDERLY_SHOTS_DIR;

const baseFontPx = (page: Page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

async function expectLargeTarget(target: Locator): Promise<void> {
	const box = (await target.boundingBox())!;
	expect(box.height, `${target} is ${box.height} px high`).toBeGreaterThanOrEqual(48);
	expect(box.width, `${target} is ${box.width} px wide`).toBeGreaterThanOrEqual(48);
}

/**
 * The page as it is now, reloaded once in elderly mode on a 360 px phone and once in the standard
 * mode at 200 % zoom: axe passes and nothing scrolls sideways either way; in elderly mode the text
 * is at least 20 px and the page's main buttons at least 48 px. Leaves the page in elderly mode.
 */
async function fitsBothWays(page: Page, app: App, shot: string, mainButtons: () => Locator[]) {
	await page.context().clearCookies({ name: 'display' });
	await zoom200(page);
	await page.reload();
	expect(await inElderlyMode(page)).toBe(false);
	await expectNoHorizontalScroll(page);
	await checkA11y(page);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${shot}-zoom200.png`, fullPage: true });

	await useElderlyMode(page, app);
	await page.reload();
	expect(await inElderlyMode(page)).toBe(true);
	expect(await baseFontPx(page)).toBeGreaterThanOrEqual(20);
	for (const button of mainButtons()) await expectLargeTarget(button);
	await expectNoHorizontalScroll(page);
	await checkA11y(page);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${shot}-elderly.png`, fullPage: true });
}

readOnlyTest(
	'the header switch turns elderly mode on and off without JavaScript, and it sticks',
	async ({ newContext, app }) => {
		const page = await (
			await newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
		).newPage();
		const noticePath = `/xinyang/notices/${noticeSeq(app, DEMO_TODAY_MEETING_TITLE)}`;
		await page.goto(noticePath);
		const standardFont = await baseFontPx(page);
		expect(standardFont).toBeLessThan(20);
		const switchButton = page.getByRole('banner').getByRole('button', { name: '大字模式' });
		await expect(switchButton).toHaveAttribute('aria-pressed', 'false');
		await expect(page.locator('html')).not.toHaveClass(/large-text/);

		await switchButton.click();
		await expect(page).toHaveURL(noticePath);
		await expect(page.locator('html')).toHaveClass('large-text');
		await expect(switchButton).toHaveAttribute('aria-pressed', 'true');
		expect(await baseFontPx(page)).toBeGreaterThanOrEqual(20);
		const cookie = (await page.context().cookies()).find((c) => c.name === 'display');
		expect(cookie).toMatchObject({ value: 'large', path: '/', sameSite: 'Lax', httpOnly: true });
		// Set once for good: longer than a year.
		expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(365 * 86_400_000);
		await checkA11yWithoutScripts(page);
		await expectNoHorizontalScroll(page);

		// It follows to other pages, and survives a reload.
		await page.goto('/login');
		await expect(page.locator('html')).toHaveClass('large-text');
		await page.reload();
		await expect(page.locator('html')).toHaveClass('large-text');
		await expect(
			page.getByRole('banner').getByRole('button', { name: '大字模式' })
		).toHaveAttribute('aria-pressed', 'true');
		await expectLargeTarget(page.getByRole('main').getByRole('button', { name: '登录' }));
		await expectNoHorizontalScroll(page);

		// And off again, on the same page.
		await page.getByRole('banner').getByRole('button', { name: '大字模式' }).click();
		await expect(page).toHaveURL('/login');
		await expect(page.locator('html')).not.toHaveClass(/large-text/);
		expect(await baseFontPx(page)).toBe(standardFont);
		expect((await page.context().cookies()).some((c) => c.name === 'display')).toBe(false);

		// A forged value changes nothing and says so; a return path to another site goes home.
		const forged = await page.request.post('/display', {
			form: { mode: 'huge', to: '/login' },
			headers: { origin: app.url },
			maxRedirects: 0
		});
		expect(forged.status()).toBe(400);
		expect(await forged.text()).toContain('无法切换显示方式');
		expect((await page.context().cookies()).some((c) => c.name === 'display')).toBe(false);
		const away = await page.request.post('/display', {
			form: { mode: 'large', to: '//evil.example/x' },
			headers: { origin: app.url },
			maxRedirects: 0
		});
		expect(away.status()).toBe(303);
		expect(away.headers()['location']).toBe('/');
		const crossSite = await page.request.post('/display', {
			form: { mode: 'large', to: '/' },
			headers: { origin: 'http://evil.example' },
			maxRedirects: 0
		});
		expect(crossSite.status()).toBe(403);
		expect(crossSite.headers()['set-cookie']).toBeUndefined();
	}
);

test('propose, co-sign, check in, vote and read a notice in large type and at 200% zoom', async ({
	page,
	app,
	newContext
}) => {
	// Five pages, each checked twice with axe, on a busy 2-core machine.
	test.setTimeout(300_000);

	// 张秀英 proposes a topic.
	await addSession(page, DEMO.villager.phone, DEMO.villager.password);
	await open(page, '/xinyang/topics/new');
	const submit = () => page.getByRole('button', { name: '提交议题' });
	await fitsBothWays(page, app, 'propose', () => [submit()]);
	await page.getByLabel('标题').fill('村口路灯坏了三盏，请尽快修好');
	await page.getByLabel('具体内容').fill('村口到小学那段路，晚上很黑，老人走路不安全。');
	await page.getByLabel('类别').selectOption({ label: '民生诉求' });
	await submit().click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	const topicPath = new URL(page.url()).pathname;

	// 刘志强 co-signs it on his phone.
	const phone = await (await newContext()).newPage();
	await addSession(phone, rep.phone, rep.password);
	await open(phone, topicPath);
	const cosign = () => phone.getByRole('button', { name: '我要附议' });
	await fitsBothWays(phone, app, 'cosign', () => [cosign()]);
	await cosign().click();
	await expect(phone.getByRole('status').filter({ hasText: '已附议' })).toBeVisible();

	// The notice of today's representatives' meeting, as anyone reads it.
	const reader = await (await newContext()).newPage();
	await open(reader, `/xinyang/notices/${noticeSeq(app, DEMO_TODAY_MEETING_TITLE)}`);
	await fitsBothWays(reader, app, 'notice', () => [
		reader.getByRole('banner').getByRole('button', { name: '大字模式' })
	]);

	// The meeting opens; he checks in with the code the hall shows.
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId, [rep.phone]));
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	await open(phone, `${meetingPath}/checkin?c=${checkinCodeShown(app, meetingId, 0)}`);
	const checkIn = () => phone.getByRole('button', { name: '我已到会，签到' });
	await fitsBothWays(phone, app, 'checkin', () => [checkIn()]);
	await checkIn().click();
	await expect(phone).toHaveURL(`${meetingPath}?done=signed`);

	// A vote opens: three large buttons, then the confirmation.
	openNewMotion(app, agendaItemId, '同意在村东头原砖厂空地建设果蔬储藏库', 'named');
	await open(phone, meetingPath);
	const card = phone.getByTestId('open-motion');
	const choice = (name: string) => card.getByRole('button', { name, exact: true });
	await fitsBothWays(phone, app, 'ballot', () => [
		choice('同意'),
		choice('不同意'),
		choice('弃权')
	]);
	await choice('同意').click();
	const confirm = phone.getByRole('button', { name: '确认投票' });
	await expectLargeTarget(confirm);
	await expectNoHorizontalScroll(phone);
	await confirm.click();
	await expect(card.getByText('您已投票：同意')).toBeVisible();
});

readOnlyTest(
	'the minutes upload and the dashboard date filter fit at 200% zoom',
	async ({ page, app }) => {
		// The demo's closed meeting: the clerk may upload its signed minutes sheet.
		const [closed] = query<{ id: number }>(
			app,
			"select id from meetings where state = 'closed' order by id limit 1"
		);
		await login(page, DEMO.clerk.phone, DEMO.clerk.password);
		await zoom200(page);
		await open(page, `/xinyang/meetings/${closed.id}/minutes`);
		await expect(page.getByLabel('签字记录的照片或 PDF')).toBeVisible();
		await expectNoHorizontalScroll(page);

		await open(page, '/xinyang/dashboard');
		await expect(page.getByLabel('起', { exact: true })).toBeVisible();
		await expectNoHorizontalScroll(page);
	}
);
