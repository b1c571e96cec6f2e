import {
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	readOnlyTest as test
} from './fixtures.ts';
import { noticeSeq } from './notice-helpers.ts';
import { DEMO_TODAY_MEETING_TITLE } from '../src/lib/server/seed/demo-meetings.ts';
import {
	DEMO_FINANCE_NOTICE_TITLE,
	DEMO_GENERAL_NOTICE_TITLE
} from '../src/lib/server/seed/demo-notices.ts';

// A mobile number of the roster, never on a public page (a 64-hex hash may hold a digit run).
const PHONE = /(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/;

// A reader changes nothing: the stories share one server per worker.
test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('a reader without an account or JavaScript browses the board, searches and opens a notice', async ({
	page,
	app
}) => {
	await page.goto('/xinyang/notices');
	await expect(page.getByRole('heading', { level: 1, name: '村务公开栏' })).toBeVisible();
	const current = page.getByRole('region', { name: '正在公示' });
	await expect(current.getByRole('link', { name: DEMO_GENERAL_NOTICE_TITLE })).toBeVisible();
	await expect(current.getByText('财务公开').first()).toBeVisible();
	await expectNoHorizontalOverflow(page);
	expect(await page.content()).not.toMatch(PHONE);
	await checkA11yWithoutScripts(page);

	// Search by words and filter by kind, as a plain GET form.
	await page.getByLabel('关键词').fill('收益分配');
	await page.getByRole('button', { name: '搜索' }).click();
	await expect(page).toHaveURL(/q=%E6%94%B6%E7%9B%8A/);
	const archive = page.getByRole('region', { name: '全部公告' });
	await expect(archive.getByRole('listitem')).toHaveCount(1);
	await expect(page.getByRole('status').filter({ hasText: '共 1 条' })).toBeVisible();
	await page.getByLabel('关键词').fill('');
	await page.getByLabel('类别').selectOption({ label: '财务公开' });
	await page.getByRole('button', { name: '搜索' }).click();
	await expect(archive.getByRole('listitem')).toHaveCount(1);
	await expect(
		archive.getByRole('link', { name: new RegExp(DEMO_FINANCE_NOTICE_TITLE) })
	).toBeVisible();
	await page.getByLabel('类别').selectOption({ label: '全部类别' });
	await page.getByLabel('关键词').fill('没有这样的词');
	await page.getByRole('button', { name: '搜索' }).click();
	await expect(page.getByText('没有符合条件的公告。')).toBeVisible();

	// The notice itself: number, dates, text with its line breaks, share tags, the answered objection.
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);
	await page.goto(`/xinyang/notices/${seq}`);
	await expect(
		page.getByRole('heading', { level: 1, name: DEMO_GENERAL_NOTICE_TITLE })
	).toBeVisible();
	await expect(page.getByText(`公告第${seq}号`).first()).toBeVisible();
	await expect(page.getByText(/^异议期至/).first()).toBeVisible();
	const body = page.locator('.body');
	expect(await body.evaluate((el) => el.textContent!.split('\n').length)).toBeGreaterThan(3);
	expect(await body.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
	await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
		'content',
		DEMO_GENERAL_NOTICE_TITLE
	);
	await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
		'content',
		/^村集体经济收益42.6万元/
	);
	await expect(page.locator('meta[property="og:url"]')).toHaveAttribute(
		'content',
		`${app.url}/xinyang/notices/${seq}`
	);
	await expect(page.locator('.hex')).toHaveText(/^[0-9a-f]{64}$/);
	const objections = page.getByRole('region', { name: '异议' });
	await expect(objections.getByRole('heading', { name: '异议1' })).toBeVisible();
	await expect(objections.getByText(/外出务工户的分配/)).toBeVisible();
	await expect(objections.getByText(/按户籍在本村的农户分配/)).toBeVisible();
	// Logged out: no form, an invitation to sign in instead, and never the objector's name.
	await expect(objections.getByRole('link', { name: '本村村民登录后可以提出异议' })).toBeVisible();
	await expect(page.getByRole('button', { name: '提出异议' })).toHaveCount(0);
	const html = await page.content();
	expect(html).not.toMatch(PHONE);
	expect(html).not.toContain('张秀英');
	await expectNoHorizontalOverflow(page);
	await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
	await expectNoHorizontalOverflow(page);
	await checkA11yWithoutScripts(page);

	// A meeting's notice shows when and where from the meeting, the agenda from the notice.
	await page.goto(`/xinyang/notices/${noticeSeq(app, DEMO_TODAY_MEETING_TITLE)}`);
	await expect(
		page.getByRole('heading', { level: 1, name: DEMO_TODAY_MEETING_TITLE })
	).toBeVisible();
	await expect(page.getByText('会议通知').first()).toBeVisible();
	await expect(page.getByRole('term').filter({ hasText: '时间' })).toBeVisible();
	await expect(page.getByRole('term').filter({ hasText: '地点' })).toBeVisible();
	await expect(page.getByRole('heading', { name: '议程' })).toBeVisible();
	await expect(page.locator('.body')).toContainText('1. ');
	await page.getByRole('link', { name: '查看会议' }).click();
	await expect(page).toHaveURL(/\/xinyang\/meetings\/\d+$/);
	expect(await page.content()).not.toMatch(PHONE);

	// Unknown numbers and other villages' addresses are plain 404s.
	for (const path of ['/xinyang/notices/9999', '/xinyang/notices/abc', '/nowhere/notices/1']) {
		const r = await page.request.get(path);
		expect(r.status(), path).toBe(404);
	}
});

test('the Atom feed is valid, escaped, absolute and newest first', async ({ page, app }) => {
	const r = await page.request.get('/xinyang/notices.atom');
	expect(r.status()).toBe(200);
	expect(r.headers()['content-type']).toMatch(/^application\/atom\+xml/);
	const xml = await r.text();
	expect(xml).not.toMatch(PHONE);
	// Parse it in a scripted page with the browser's own XML parser.
	const context = await page.context().browser()!.newContext();
	const parser = await context.newPage();
	const feed = await parser.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'application/xml');
		const ns = 'http://www.w3.org/2005/Atom';
		return {
			error: doc.getElementsByTagName('parsererror').length,
			root: doc.documentElement.namespaceURI,
			entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
				title: e.getElementsByTagNameNS(ns, 'title')[0].textContent,
				href: e.getElementsByTagNameNS(ns, 'link')[0].getAttribute('href'),
				published: e.getElementsByTagNameNS(ns, 'published')[0].textContent,
				updated: e.getElementsByTagNameNS(ns, 'updated')[0].textContent
			}))
		};
	}, xml);
	await context.close();
	expect(feed.error).toBe(0);
	expect(feed.root).toBe('http://www.w3.org/2005/Atom');
	expect(feed.entries.length).toBeGreaterThanOrEqual(5);
	expect(feed.entries.map((e) => e.title)).toContain(DEMO_GENERAL_NOTICE_TITLE);
	for (const e of feed.entries)
		expect(e.href).toMatch(new RegExp(`^${app.url}/xinyang/notices/\\d+$`));
	// Newest first by the day each notice went up on the board.
	const days = feed.entries.map((e) => e.published!.slice(0, 10));
	expect([...days].sort().reverse()).toEqual(days);
	for (const e of feed.entries) expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
});
