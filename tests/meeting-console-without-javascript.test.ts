import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk, villager } = DEMO;
const TODAY_MEETING = '村民代表会议：果蔬储藏库建设方案';

/** A tablet without JavaScript, signed in as the clerk. */
async function clerkWithoutScripts(
	newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
): Promise<Page> {
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('手机号').fill(clerk.phone);
	await page.getByLabel('密码', { exact: true }).fill(clerk.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');
	return page;
}

async function consolePath(page: Page): Promise<string> {
	await page.goto('/xinyang/meetings');
	// Links rendered on the server are relative (../xinyang/…): read them as the browser does.
	const href = await page.getByRole('link', { name: TODAY_MEETING }).getAttribute('href');
	const path = new URL(href!, page.url()).pathname;
	expect(path).toMatch(/^\/xinyang\/meetings\/\d+\/console$/);
	return path;
}

test('without JavaScript the clerk opens the meeting, finds people, marks them present and enters a show of hands', async ({
	newContext
}) => {
	const page = await clerkWithoutScripts(newContext);
	await page.getByTestId('staff-nav').getByRole('link', { name: '会议', exact: true }).click();
	await expect(page).toHaveURL('/xinyang/meetings');
	const path = await consolePath(page);
	await page.goto(path);
	await page.getByRole('button', { name: '开始会议' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('进行中');
	await expect(page.getByTestId('present')).toHaveText('0');

	// The roster search is a plain GET: one name, found and marked, and the search is kept.
	const rows = page.getByTestId('roster-row');
	const name = (await rows.first().locator('strong').textContent())!;
	await page.getByLabel('按姓名查找').fill(name);
	await page.getByRole('button', { name: '查找' }).click();
	await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(name)}#roster$`));
	await expect(rows.first()).toContainText(name);
	await rows
		.filter({ hasText: name })
		.first()
		.getByRole('button', { name: /^标记到会/ })
		.click();
	await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(name)}#p-\\d+$`));
	await expect(page.getByTestId('present')).toHaveText('1');
	await expect(rows.filter({ hasText: name }).first()).toContainText('已到');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// Sixteen more, one form post each, from the whole roster.
	await page.goto(path);
	for (let n = 2; n <= 17; n++) {
		await rows
			.filter({ hasNotText: '无表决权' })
			.getByRole('button', { name: /^标记到会/ })
			.first()
			.click();
		await expect(page.getByTestId('present')).toHaveText(String(n));
	}

	// Someone leaves early: no longer present.
	const leaver = rows.filter({ hasText: '已到' }).first();
	const leaverName = (await leaver.locator('strong').textContent())!;
	await leaver.getByRole('button', { name: /^中途离会/ }).click();
	await expect(page.getByTestId('present')).toHaveText('16');
	await expect(rows.filter({ hasText: leaverName }).first()).toContainText('已离会');
	await rows
		.filter({ hasNotText: '无表决权' })
		.getByRole('button', { name: /^标记到会/ })
		.first()
		.click();
	await expect(page.getByTestId('present')).toHaveText('17');

	const item = page.getByRole('region', { name: /^1\. 建设1000平方米果蔬储藏库/ });
	await item.getByLabel('表决事项').fill('同意建设果蔬储藏库');
	await item.getByRole('button', { name: '添加表决事项' }).click();
	const hands = page.getByRole('article', { name: '同意建设果蔬储藏库' });
	await hands.getByRole('button', { name: '开始表决' }).click();
	await expect(hands.getByTestId('motion-state')).toHaveText('表决中');
	await expect(page).toHaveURL(/#motion-\d+$/);
	await hands.getByLabel('不同意').fill('3');
	await hands.getByLabel('弃权').fill('2');
	await hands.getByRole('button', { name: '其余全部同意' }).click();
	await expect(hands.getByTestId('running-tally')).toHaveText('同意 12，不同意 3，弃权 2');
	// A correction with all three counts, while the vote is open.
	await hands.getByLabel('同意', { exact: true }).fill('13');
	await hands.getByLabel('不同意').fill('3');
	await hands.getByLabel('弃权').fill('1');
	await hands.getByRole('button', { name: '登记票数' }).click();
	await expect(hands.getByTestId('running-tally')).toHaveText('同意 13，不同意 3，弃权 1');
	await hands.getByRole('button', { name: '结束表决' }).click();
	await hands.getByRole('button', { name: '确认结束表决' }).click();
	await expect(hands.getByTestId('pass-formula')).toHaveText('通过条件：2 × 13 > 17 成立');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);
});

test('a villager cannot see or work the console, and a vote of another meeting is refused', async ({
	page,
	app,
	newContext
}) => {
	const desk = await (await newContext()).newPage();
	await addSession(desk, clerk.phone, clerk.password);
	await open(desk, '/xinyang/meetings');
	const meetingsBefore = (await desk.getByRole('status').textContent())!;
	const path = await consolePath(desk);

	await login(page, villager.phone, villager.password);
	// The villager's list leads to the public notice, not the console.
	await open(page, '/xinyang/meetings');
	await expect(page.getByRole('link', { name: TODAY_MEETING })).toHaveAttribute(
		'href',
		path.replace(/\/console$/, '')
	);
	await expect(page.getByRole('link', { name: '新建会议' })).toHaveCount(0);
	await checkA11y(page);
	for (const p of [path, '/xinyang/meetings/new']) {
		const response = await page.goto(p);
		expect(response?.status(), p).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有权限');
	}
	for (const action of ['open', 'signIn', 'closeMeeting']) {
		const response = await page.request.post(`${path}?/${action}`, {
			form: { person: '1' },
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(403);
	}
	const create = await page.request.post('/xinyang/meetings/new?/create', {
		form: { type: 'reps_meeting', title: '村民自己开的会', meetingDate: '2030-01-01' },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(create.status()).toBe(403);

	// Nothing changed: still notified, nobody signed in, no new meeting.
	await open(desk, path);
	await expect(desk.getByTestId('meeting-state')).toHaveText('已通知');
	await open(desk, '/xinyang/meetings');
	await expect(desk.getByRole('status')).toHaveText(meetingsBefore);

	// Anonymous visitors sign in first.
	const anonymous = await (await newContext()).newPage();
	await anonymous.goto(path);
	await expect(anonymous).toHaveURL(/\/login\?next=/);

	// The clerk posting a motion id that is not this meeting's gets a message, never a 500.
	await open(desk, path);
	await desk.getByRole('button', { name: '开始会议' }).click();
	await expect(desk.getByTestId('meeting-state')).toHaveText('进行中');
	for (const motion of ['999999', 'abc', '']) {
		const response = await desk.request.post(`${path}?/openMotion`, {
			form: { motion },
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect(response.status(), motion).toBe(404);
		expect(await response.text()).toContain('这项表决不属于本次会议。');
	}
	const unknown = await desk.request.get(path.replace(/\d+\/console$/, '999999/console'));
	expect(unknown.status()).toBe(404);
});
