// Issue 18: a booking clash is refused. On a 360 px phone without JavaScript the clerk books
// 重阳敬老 in the activity room; a second booking at an overlapping time is refused naming the
// first, with a link to it; and a meeting noticed in the hall while the hall is booked is refused
// naming the booking.
import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	test
} from './fixtures.ts';
import { query } from './meeting-helpers.ts';

const { clerk } = DEMO;

/** A China date `offset` days from today, as the date field takes it and as the pages say it. */
function chinaDay(offset: number): { iso: string; shown: string } {
	const iso = new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
	const [y, m, d] = iso.split('-').map(Number);
	return { iso, shown: `${y}年${m}月${d}日` };
}

async function clerkPhoneWithoutScripts(
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

async function book(
	page: Page,
	b: { kind: string; venue: string; title: string; date: string; start: string; end: string }
) {
	const form = page.locator('form[action="?/book#book"]');
	await form.getByLabel('类别').selectOption({ label: b.kind });
	await form.getByLabel('场地').selectOption({ label: b.venue });
	await form.getByLabel('名称').fill(b.title);
	await form.getByLabel('日期').fill(b.date);
	await form.getByLabel('开始时间').fill(b.start);
	await form.getByLabel('结束时间').fill(b.end);
	await form.getByRole('button', { name: '预约' }).click();
}

test('a booking clash is refused, naming the first booking; a meeting noticed over a booking is refused too', async ({
	app,
	newContext
}) => {
	const page = await clerkPhoneWithoutScripts(newContext);
	const day = chinaDay(10);
	await page.getByTestId('staff-nav').getByRole('link', { name: '会场', exact: true }).click();
	await expect(page).toHaveURL('/xinyang/hall');
	await expect(page.getByRole('heading', { level: 1, name: '会场预约' })).toBeVisible();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	await book(page, {
		kind: '敬老活动',
		venue: '文体活动室（容纳60人）',
		title: '重阳敬老',
		date: day.iso,
		start: '09:00',
		end: '11:00'
	});
	await expect(page).toHaveURL(/\/xinyang\/hall\/\d+\?booked=1(#book)?$/);
	const firstPath = new URL(page.url()).pathname;
	await expect(page.getByRole('status')).toHaveText('已预约');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('重阳敬老');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// The same room an hour later, overlapping: refused, the first named with its time and linked.
	await page.getByRole('link', { name: '返回会场预约' }).click();
	await expect(page.getByRole('region', { name: /文体活动室/ })).toContainText('重阳敬老');
	await book(page, {
		kind: '培训讲座',
		venue: '文体活动室（容纳60人）',
		title: '书法培训',
		date: day.iso,
		start: '10:00',
		end: '12:00'
	});
	await expect(page.getByRole('alert')).toHaveText(
		`与已预约的「重阳敬老」（${day.shown} 09:00–11:00）时间冲突，请换时间或场地`
	);
	// What the clerk typed stays for the next try.
	await expect(page.getByLabel('名称')).toHaveValue('书法培训');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);
	expect(
		query(
			app,
			"select title from hall_events where starts_at like ? and title in ('重阳敬老', '书法培训') order by id",
			`${day.iso}%`
		),
		"the refused booking is not stored (the demo's own events of that day aside)"
	).toEqual([{ title: '重阳敬老' }]);
	await page.getByRole('link', { name: '查看冲突的安排' }).click();
	await expect(page).toHaveURL(firstPath);

	// Touching ends are no clash: the training right after it is booked.
	await page.getByRole('link', { name: '返回会场预约' }).click();
	await book(page, {
		kind: '培训讲座',
		venue: '文体活动室（容纳60人）',
		title: '书法培训',
		date: day.iso,
		start: '11:00',
		end: '12:00'
	});
	await expect(page).toHaveURL(/\/xinyang\/hall\/\d+\?booked=1(#book)?$/);

	// The venue list with its 红白理事会 rules, reached from the desk.
	await page.getByRole('link', { name: '返回会场预约' }).click();
	await page.getByRole('link', { name: '管理场地和红白理事会规定' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '场地' })).toBeVisible();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// A film night in the hall, then a meeting called in the hall at that time: its notice is refused.
	await page.goto('/xinyang/hall');
	await book(page, {
		kind: '电影放映',
		venue: '湖边议事厅（容纳120人）',
		title: '露天电影',
		date: day.iso,
		start: '14:00',
		end: '16:00'
	});
	await expect(page).toHaveURL(/\/xinyang\/hall\/\d+\?booked=1(#book)?$/);
	await page.goto('/xinyang/meetings/new');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);
	await page.getByLabel('会议名称').fill('村民代表会议：村道路灯维修');
	await page.getByLabel('会议日期').fill(day.iso);
	await page.getByLabel('开始时间').fill('13:30');
	await expect(page.getByLabel('会场')).toHaveValue(/\d+/);
	await page.getByRole('button', { name: '创建会议' }).click();
	await expect(page).toHaveURL(/\/xinyang\/meetings\/\d+\/console$/);
	await page.getByLabel('议程名称').fill('维修村道路灯');
	await page.getByRole('button', { name: '添加议程' }).click();
	await page.getByRole('button', { name: '发出通知' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		`与已预约的「露天电影」（${day.shown} 14:00–16:00）时间冲突，请换时间或场地`
	);
	await expect(page.getByTestId('meeting-state')).toHaveText('草稿');
	await expectNoHorizontalOverflow(page);
	expect(
		query(app, "select state from meetings where title = '村民代表会议：村道路灯维修'")
	).toEqual([{ state: 'draft' }]);
});
