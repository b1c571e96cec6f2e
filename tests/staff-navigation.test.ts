// A clerk finds today's work (issue 15 item 5): every staff page carries the same navigation, on a
// phone without JavaScript, with the current section marked; the dashboard opens on today's
// meetings with their public page, console and hall screen.
import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	login,
	loginWithoutScripts,
	open,
	readOnlyTest as test
} from './fixtures.ts';
import { DEMO_TODAY_MEETING_TITLE, demoMeeting } from './meeting-helpers.ts';

const SECTIONS = [
	'工作台',
	'统计',
	'议题',
	'办事',
	'会议',
	'会场',
	'公告',
	'通知',
	'花名册',
	'账户',
	'设置'
];

async function phoneWithoutScripts(
	newContext: Parameters<Parameters<typeof test>[2]>[0]['newContext'],
	who: { phone: string; password: string }
): Promise<Page> {
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await loginWithoutScripts(page, who.phone, who.password);
	return page;
}

const nav = (page: Page) => page.getByRole('navigation', { name: '工作导航' });

/** The nav's links as the page shows them, with what each says is current. */
async function navState(page: Page) {
	const links = nav(page).getByRole('link');
	const names = (await links.allTextContents()).map((t) => t.trim());
	const current = await links.evaluateAll((as) => as.map((a) => a.getAttribute('aria-current')));
	return { names, current };
}

/** At 200 % text the nav wraps onto more lines inside the phone's width, taps still ≥ 44 px. */
async function expectNavReflowsAtDoubleText(page: Page) {
	await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
	const box = await nav(page).evaluate((el) => ({
		scroll: el.scrollWidth,
		client: el.clientWidth,
		right: el.getBoundingClientRect().right
	}));
	expect(box.scroll).toBeLessThanOrEqual(box.client);
	expect(box.right).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
	const heights = await nav(page)
		.getByRole('link')
		.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
	for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
}

test('every staff page shows the same navigation without JavaScript at 360 px, the current section marked', async ({
	newContext,
	app
}) => {
	const page = await phoneWithoutScripts(newContext, DEMO.clerk);
	const { meetingId } = demoMeeting(app);
	const pages: [string, string, 'page' | 'true'][] = [
		['/xinyang/dashboard', '工作台', 'page'],
		['/xinyang/statistics', '统计', 'page'],
		['/xinyang/topics', '议题', 'page'],
		['/xinyang/services', '办事', 'page'],
		['/xinyang/meetings', '会议', 'page'],
		[`/xinyang/meetings/${meetingId}/console`, '会议', 'true'],
		['/xinyang/hall', '会场', 'page'],
		['/xinyang/notices/desk', '公告', 'page'],
		['/xinyang/outbox', '通知', 'page'],
		['/xinyang/roster', '花名册', 'page'],
		['/xinyang/roster/households', '花名册', 'true'],
		['/xinyang/accounts', '账户', 'page'],
		['/xinyang/settings', '设置', 'page']
	];
	for (const [path, section, current] of pages) {
		await page.goto(path);
		const state = await navState(page);
		expect(state.names, path).toEqual(SECTIONS);
		expect(state.current, path).toEqual(SECTIONS.map((s) => (s === section ? current : null)));
		await expectNoHorizontalOverflow(page);
		for (const h of await nav(page)
			.getByRole('link')
			.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height)))
			expect(h, path).toBeGreaterThanOrEqual(44);
	}

	// The links lead where they say, as plain links.
	await page.goto('/xinyang/settings');
	await nav(page).getByRole('link', { name: '公告', exact: true }).click();
	await expect(page).toHaveURL('/xinyang/notices/desk');
	await nav(page).getByRole('link', { name: '工作台', exact: true }).click();
	await expect(page).toHaveURL('/xinyang/dashboard');
	await checkA11yWithoutScripts(page);
});

test('at 200 % text on a 360 px phone the navigation wraps within the screen', async ({
	newContext
}) => {
	// The style is injected by a script, so this phone runs them; the nav is the same markup.
	const context = await newContext({ viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	for (const path of ['/xinyang/dashboard', '/xinyang/roster']) {
		await open(page, path);
		await expectNavReflowsAtDoubleText(page);
	}
});

test('the branch secretary gets the same navigation; a villager none', async ({ newContext }) => {
	const secretary = await phoneWithoutScripts(newContext, DEMO.secretary);
	await secretary.goto('/xinyang/accounts');
	expect((await navState(secretary)).names).toEqual(SECTIONS);

	const villager = await phoneWithoutScripts(newContext, DEMO.villager);
	await villager.goto('/xinyang/topics');
	await expect(villager.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(nav(villager)).toHaveCount(0);
});

test("the dashboard opens on today's meetings, each with its public page, console and hall screen", async ({
	newContext,
	app
}) => {
	const page = await phoneWithoutScripts(newContext, DEMO.clerk);
	const { meetingId } = demoMeeting(app);
	await page.goto('/xinyang/dashboard');
	// Today's meetings come first, before every reminder and figure.
	const headings = page.getByRole('main').getByRole('heading', { level: 2 });
	await expect(headings.first()).toHaveText(/^今天的会议/);
	const today = page.getByTestId('today-meeting').filter({ hasText: DEMO_TODAY_MEETING_TITLE });
	await expect(today).toHaveCount(1);
	const hrefs: Record<string, string> = {
		打开: `/xinyang/meetings/${meetingId}`,
		控制台: `/xinyang/meetings/${meetingId}/console`,
		大屏幕: `/xinyang/meetings/${meetingId}/hall`
	};
	for (const [name, path] of Object.entries(hrefs)) {
		const link = today.getByRole('link', {
			name: new RegExp(`^${name}\\s*：${DEMO_TODAY_MEETING_TITLE}$`)
		});
		const href = await link.getAttribute('href');
		expect(new URL(href!, page.url()).pathname).toBe(path);
	}
	// The villagers' meeting called two weeks ahead is not this week's.
	await expect(page.getByTestId('week-meetings')).not.toContainText('村民会议：修订村规民约');

	await today.getByRole('link', { name: /^控制台/ }).click();
	await expect(page).toHaveURL(hrefs['控制台']);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_TODAY_MEETING_TITLE);
	await page.goto('/xinyang/dashboard');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);
});
