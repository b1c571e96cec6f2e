import type { Page } from '@playwright/test';
import {
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	open,
	test
} from './fixtures.ts';
import {
	expectNoHorizontalScroll,
	inElderlyMode,
	useElderlyMode,
	zoom200
} from './layout-checks.ts';

const gridHead = { phone: '13800000004', password: 'demo-gridhead-2026' };
const clerk = { phone: '13800000001', password: 'demo-clerk-2026' };

/** The counts by outcome on the weekly summary, read from its table. */
async function weekCounts(page: Page): Promise<Record<string, number>> {
	const rows = page.getByTestId('outcome-counts').locator('tbody tr');
	const out: Record<string, number> = {};
	for (const row of await rows.all())
		out[(await row.locator('th').textContent())!.trim()] = Number(
			await row.locator('td').textContent()
		);
	return out;
}

/** The open item holding this text, on the grid head's page. */
const openItem = (page: Page, text: string) =>
	page.getByTestId('open-items').getByRole('listitem').filter({ hasText: text });

test('a grid head records what villagers raised at her grid point, without JavaScript on a phone: one becomes a service request, one a note, and the week shows both', async ({
	app,
	newContext
}) => {
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('手机号').fill(gridHead.phone);
	await page.getByLabel('密码', { exact: true }).fill(gridHead.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');

	// The week as it stood before: the demo has items of its own this week.
	await page.goto('/xinyang/grid-point');
	await page.getByRole('link', { name: '周汇总（可打印）' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '网格议事点周汇总' })).toBeVisible();
	const before = await weekCounts(page);

	await page.goto('/xinyang');
	await page.getByRole('link', { name: '网格议事点' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('网格议事点：第一网格');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// 张秀英 of her grid asks about the street lights; she is on the roster.
	const lights = '村口到小学的路灯坏了三盏，孩子们放学时天已经黑了。';
	const zhang = page.getByLabel('提出人').locator('option', { hasText: '张秀英' });
	await expect(zhang).toHaveCount(1);
	await page.getByLabel('提出人').selectOption((await zhang.getAttribute('value'))!);
	await page.getByLabel('提出的事').fill(lights);
	await page.getByRole('button', { name: '记下' }).click();
	await expect(page).toHaveURL(/\/xinyang\/grid-point\?grid=\d+&recorded=1$/);
	await expect(page.getByRole('status')).toHaveText('已记下。');

	// One tap makes it a service request, filed for her through the grid point.
	const item = openItem(page, lights);
	await expect(item).toContainText('张秀英提出');
	await item.getByLabel('办事类别').selectOption({ label: '设施报修' });
	await item.getByRole('button', { name: '转为办事申请' }).click();
	const became = page.getByRole('status').filter({ hasText: '已转为办事申请' });
	await expect(became).toHaveText(/^已转为办事申请 XY-FW-\d{4}-\d{4}。$/);
	const number = /XY-FW-\d{4}-\d{4}/.exec((await became.textContent())!)![0];
	// The link is resolved relative to the page (SvelteKit's relative paths): it ends at the case.
	await expect(page.getByRole('link', { name: number }).first()).toHaveAttribute(
		'href',
		new RegExp(`/xinyang/services/${number}$`)
	);
	await expect(openItem(page, lights)).toHaveCount(0);
	await expectNoHorizontalOverflow(page);

	// Someone passing by, not on the roster, asks about the hall; she answers on the spot.
	const hall = '活动室周末能不能开放给跳广场舞的用？';
	await page.getByLabel('提出人').selectOption({ label: '不在花名册上' });
	await page.getByLabel('提出的事').fill(hall);
	await page.getByRole('button', { name: '记下' }).click();
	await expect(page.getByRole('status')).toHaveText('已记下。');
	const passerBy = openItem(page, hall);
	await expect(passerBy).toContainText('不在花名册上的村民提出');
	// Without a villager it can only be a note: the request and topic forms are not offered.
	await expect(passerBy.getByRole('button', { name: '转为办事申请' })).toHaveCount(0);
	await expect(passerBy).toContainText('没有登记提出人，只能记为说明。');
	await passerBy.getByLabel('说明').fill('当场答复：周末白天开放，已告诉他找管理员拿钥匙。');
	await passerBy.getByRole('button', { name: '记为说明' }).click();
	await expect(page.getByRole('status')).toHaveText('已记为说明。');
	await checkA11yWithoutScripts(page);

	// The week's summary shows both, the request with its number.
	await page.getByRole('link', { name: '周汇总（可打印）' }).click();
	await expect(page).toHaveURL(/\/xinyang\/grid-point\/summary\?grid=\d+&week=\d{4}-\d{2}-\d{2}$/);
	const after = await weekCounts(page);
	expect(after['转办事申请']).toBe(before['转办事申请'] + 1);
	expect(after['记为说明']).toBe(before['记为说明'] + 1);
	expect(after['待处理']).toBe(before['待处理']);
	const week = page.getByTestId('week-items');
	const request = week.getByRole('listitem').filter({ hasText: lights });
	await expect(request).toContainText('转办事申请');
	await expect(request.getByRole('link', { name: number })).toBeVisible();
	await expect(week.getByRole('listitem').filter({ hasText: hall })).toContainText(
		'当场答复：周末白天开放'
	);
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// The printed sheet carries the summary, not the page's controls.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '查看' })).toBeHidden();
	await expect(page.getByTestId('outcome-counts')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// Her page with its open items fits in elderly mode and at 200 % zoom.
	await page.goto('/xinyang/grid-point');
	await expect(openItem(page, '水渠有一段塌了').first()).toBeVisible();
	await useElderlyMode(page, app);
	await page.reload();
	expect(await inElderlyMode(page)).toBe(true);
	await expectNoHorizontalScroll(page);
	await zoom200(page);
	await expectNoHorizontalScroll(page);
});

test('the clerk adds a volunteer from the roster, who then serves', async ({ page }) => {
	await addSession(page, clerk.phone, clerk.password);
	await open(page, '/xinyang/roster/volunteers');
	await expect(page.getByRole('heading', { level: 1, name: '帮办志愿者' })).toBeVisible();
	const serving = page.getByTestId('volunteers').getByRole('listitem');
	const before = await serving.count();
	await page.getByLabel('按姓名或拼音首字母查找').fill('lzq');
	await page.getByRole('search').getByRole('button', { name: '查找' }).click();
	const liu = page.getByLabel('村民', { exact: true }).locator('option', { hasText: '刘志强' });
	await expect(liu).not.toHaveCount(0);
	await page
		.getByLabel('村民', { exact: true })
		.selectOption((await liu.first().getAttribute('value'))!);
	await page.getByLabel('帮办内容').fill('陪同就医、代办社保');
	await page.getByRole('button', { name: '登记', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('已登记志愿者。');
	await expect(serving).toHaveCount(before + 1);
	await expect(serving.filter({ hasText: '刘志强' })).toContainText('陪同就医、代办社保');
	await checkA11y(page);

	// Entered twice is refused with words, and nothing is added.
	await page.getByLabel('按姓名或拼音首字母查找').fill('lzq');
	await page.getByRole('search').getByRole('button', { name: '查找' }).click();
	await page
		.getByLabel('村民', { exact: true })
		.selectOption((await liu.first().getAttribute('value'))!);
	await page.getByRole('button', { name: '登记', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('此人在这段时间已是志愿者。');
	await expect(serving).toHaveCount(before + 1);
});
