// The whole loop of a service request on phones (issue 17 item 1): the grid head 赵桂兰 files for an
// elderly villager of her grid who has no phone, reading it back to her (点单); the clerk
// dispatches it to the party member 刘志强 (派单), who accepts and completes it on his phone (接单,
// 办结); the grid head records the villager's rating, 满意 (评价). The case ends closed with every
// step on its page. Each page at 360 px, checked by axe, with nothing scrolling sideways.
import type { Page } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	expect,
	hydrated,
	open,
	test,
	type App
} from './fixtures.ts';
import { expectNoHorizontalScroll } from './layout-checks.ts';
import { GRID_HEAD, PARTY_MEMBER } from './service-helpers.ts';

/** An elderly villager of 第一网格 with no phone and no login: the grid head files for her. */
function elderlyWithoutPhone(app: App): string {
	const db = openDatabase(app.dbPath) as Db;
	try {
		return db
			.prepare(
				`select p.name from people p join households h on h.id = p.household_id
				 join grids g on g.id = h.grid_id
				 where p.village_id = (select id from villages where slug = 'xinyang') and g.name = '第一网格' and p.status = 'resident' and p.phone is null
				   and p.birth_date < '1950-01-01'
				   and not exists (select 1 from users u where u.person_id = p.id)
				   and (select count(*) from people q where q.name = p.name) = 1
				 order by p.birth_date limit 1`
			)
			.pluck()
			.get() as string;
	} finally {
		db.close();
	}
}

/** Now on a phone in China, as a datetime-local field takes it. */
const chinaNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);

async function checkPage(page: Page) {
	await checkA11y(page);
	await expectNoHorizontalScroll(page);
}

test('a grid head files for an elderly villager, a party member accepts and completes it, and her rating closes it', async ({
	page,
	app,
	newContext
}) => {
	const villager = elderlyWithoutPhone(app);
	expect(villager).toBeTruthy();

	// 点单: at her grid point, 赵桂兰 finds the villager and reads the request back to her.
	await page.setViewportSize(PHONE_VIEWPORT);
	await addSession(page, GRID_HEAD.phone, GRID_HEAD.password);
	await open(page, '/xinyang/services/new');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我要办事');
	await page.getByLabel('查找村民').fill(villager);
	await page.getByRole('search').getByRole('button', { name: '查找' }).click();
	await expect(page).toHaveURL(`/xinyang/services/new?for=${encodeURIComponent(villager)}`);
	await hydrated(page);
	const her = page.getByLabel('替谁办').locator('option').filter({ hasText: villager });
	await expect(her).toHaveCount(1);
	await page.getByLabel('替谁办').selectOption((await her.getAttribute('value'))!);
	await page.getByLabel('渠道').selectOption({ label: '网格议事点' });
	await page.getByRole('radio', { name: '当面念读，村民确认同意' }).check();
	await page.getByLabel('念给村民听并得到同意的时间').fill(chinaNow());
	await page.getByRole('radio', { name: '证明开具（2个工作日内办结）' }).check();
	const title = '开具独居老人证明';
	await page.getByLabel('要办的事').fill(title);
	await page.getByLabel('详细说明（可不填）').fill('申请高龄补贴要用，老人腿脚不便。');
	await checkPage(page);
	await page.getByRole('button', { name: '提交办事' }).click();

	await expect(page).toHaveURL(/\/xinyang\/services\/XY-FW-\d{4}-\d{4}$/);
	const number = new URL(page.url()).pathname.split('/').pop()!;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByRole('main')).toContainText('待派单');
	await checkPage(page);
	// The request is in her 我的办事, for the villager.
	await open(page, '/xinyang/services?view=mine');
	await expect(page.getByTestId('case-row').filter({ hasText: number })).toContainText(villager);

	// 派单: the clerk finds it in the window, waiting for dispatch, and gives it to 刘志强.
	const clerk = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await addSession(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await open(clerk, '/xinyang/services?view=all&state=submitted');
	const row = clerk.getByTestId('case-row').filter({ hasText: number });
	await expect(row).toContainText('待派单');
	await expect(row).toContainText('未派单');
	await checkPage(clerk);
	await row.getByRole('link', { name: title }).click();
	await expect(clerk).toHaveURL(`/xinyang/services/${number}`);
	await hydrated(clerk);
	const to = clerk.getByLabel('派给谁');
	const liu = to.locator('option').filter({ hasText: PARTY_MEMBER.name });
	await to.selectOption((await liu.first().getAttribute('value'))!);
	await clerk.getByRole('button', { name: '派单', exact: true }).click();
	await expect(clerk.getByText('已派单。')).toBeVisible();

	// 接单 and 办结: 刘志强 on his phone sees it first in 派给我的.
	const liuPhone = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await addSession(liuPhone, PARTY_MEMBER.phone, PARTY_MEMBER.password);
	await open(liuPhone, '/xinyang/services');
	await expect(liuPhone.getByRole('heading', { level: 1 })).toHaveText('派给我的');
	const first = liuPhone.getByTestId('case-row').first();
	await expect(first).toContainText(number);
	await expect(first).toContainText('已派单，等经办人接单');
	await checkPage(liuPhone);
	await first.getByRole('link', { name: title }).click();
	await hydrated(liuPhone);
	await liuPhone.getByRole('button', { name: '接单', exact: true }).click();
	await expect(liuPhone.getByText('已接单，请按时办结。')).toBeVisible();
	await liuPhone.getByLabel('办理结果').fill('已到村委会开具证明，送到老人家中。');
	await liuPhone.getByRole('button', { name: '办结', exact: true }).click();
	await expect(liuPhone.getByText('已办结，等村民评价。').first()).toBeVisible();
	await checkPage(liuPhone);

	// 评价: back at the grid point, 赵桂兰 records what the villager says: 满意.
	await open(page, `/xinyang/services/${number}`);
	const rate = page.getByRole('region', { name: '评价' });
	await rate.getByRole('radio', { name: '满意', exact: true }).check();
	await rate.getByRole('button', { name: '提交评价' }).click();
	await expect(page.getByText('谢谢，评价已记录。')).toBeVisible();
	await expect(page.locator('.state')).toHaveText('已结案');
	const steps = page.getByRole('region', { name: '办理过程' }).getByRole('listitem');
	await expect(steps.locator('strong')).toHaveText(['提出', '派单', '接单', '办结', '评价']);
	await expect(steps.nth(1)).toContainText(PARTY_MEMBER.name);
	await expect(steps.nth(4)).toContainText('满意');
	await checkPage(page);

	// The window lists it closed, late on nothing.
	await open(clerk, `/xinyang/services?view=all&state=closed`);
	const closed = clerk.getByTestId('case-row').filter({ hasText: number });
	await expect(closed).toContainText('已结案');
	await expect(closed.getByTestId('overdue')).toHaveCount(0);
});
