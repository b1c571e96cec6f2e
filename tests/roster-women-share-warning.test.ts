import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	open,
	test,
	type App
} from './fixtures.ts';

const { clerk, villager } = DEMO;

const WOMEN_RULE = '妇女村民代表应占村民代表会议组成人员的三分之一以上。';
const REPS_RULE = '村民代表应占村民代表会议组成人员的五分之四以上。';
// The representatives' meeting's make-up: 2018 art. 25, since 2026-01-01 art. 29.
const SOURCE = '依据：《村民委员会组织法》第二十九条';

/**
 * The women serving as village representatives, as the clerk knows them from the election
 * records. The roster pages have no list of representatives, so the test reads the seeded roster
 * (read-only) to pick them; everything it changes goes through the pages.
 */
function womenRepresentatives(app: App): { id: number; name: string }[] {
	const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
	try {
		return db
			.prepare(
				`select p.id, p.name from roles r join people p on p.id = r.person_id
				 join villages v on v.id = r.village_id
				 where v.slug = 'xinyang' and r.role = 'village_rep' and r.end_date is null
				   and p.gender = 'f' and p.status = 'resident'
				 order by p.id`
			)
			.all() as { id: number; name: string }[];
	} finally {
		db.close();
	}
}

function previousDay(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

function checks(page: Page) {
	return page.getByRole('region', { name: '法定比例检查' });
}

function warning(page: Page, rule: string) {
	return checks(page).getByRole('listitem').filter({ hasText: rule });
}

test('the women-share warning appears when women representatives step down, and goes when one is chosen', async ({
	page,
	app
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, clerk.phone, clerk.password);

	// The demo roster meets every rule.
	await open(page, '/xinyang/roster');
	await expect(
		checks(page).getByText('村民代表人数、代表占比、妇女占比均符合法律要求。')
	).toBeVisible();
	await expect(checks(page).getByRole('listitem')).toHaveCount(0);
	const figure = (label: string) =>
		page
			.getByRole('region', { name: /的法定人数基数$/ })
			.locator('div')
			.filter({ has: page.getByText(label, { exact: true }) })
			.locator('dd');
	await expect(figure('村民代表')).toHaveText('20');
	await expect(figure('村委会成员')).toHaveText('5');
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// Ten of the 20 representatives are women; with two women on the committee of five, the
	// meeting has 12 women of 25. Six women step down (their terms ended yesterday): 6 of 19.
	const women = womenRepresentatives(app);
	expect(women).toHaveLength(10);
	let today = '';
	for (const [i, rep] of women.slice(0, 6).entries()) {
		await open(page, `/xinyang/roster/people/${rep.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(rep.name);
		const term = page
			.getByRole('list', { name: '历任身份' })
			.getByRole('listitem')
			.filter({ has: page.getByText('村民代表', { exact: true }) });
		await expect(term).toHaveCount(1);
		await expect(term).toContainText('在任');
		const endOn = term.getByLabel('结束于');
		today = await endOn.inputValue();
		expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		if (i === 0) {
			await checkA11y(page);
			await expectNoHorizontalOverflow(page);
		}
		await endOn.fill(previousDay(today));
		await term.getByRole('button', { name: '结束任期' }).click();
		await expect(page.getByRole('status')).toHaveText('已保存。');
		await expect(term).toContainText(`2021-04-01 至 ${previousDay(today)}`);
		await expect(term).not.toContainText('在任');
		await expect(term.getByRole('button', { name: '结束任期' })).toHaveCount(0);
	}

	await open(page, '/xinyang/roster');
	await expect(figure('村民代表')).toHaveText('14');
	const womenWarning = warning(page, WOMEN_RULE);
	await expect(womenWarning).toHaveCount(1);
	await expect(womenWarning).toContainText('妇女 6 人，会议组成人员 19 人：3×6 = 18，应 ≥ 19。');
	await expect(womenWarning).toContainText(SOURCE);
	// 14 of 19 is also below four fifths.
	await expect(warning(page, REPS_RULE)).toContainText('代表 14 人，会议组成人员 19 人');
	await expect(
		checks(page).getByText('村民代表人数、代表占比、妇女占比均符合法律要求。')
	).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// 张秀英 is chosen as a representative from today, for five households: 7 women of 20.
	await page.getByLabel('查找').fill(villager.phone);
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByRole('status')).toHaveText('共 1 人');
	await page.getByRole('table').getByRole('link', { name: villager.name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(villager.name);
	await hydrated(page);
	await page.getByLabel('身份', { exact: true }).selectOption({ label: '村民代表' });
	await expect(page.getByLabel('任期开始日期')).toHaveValue(today);
	await page.getByLabel('联系的户（村民代表适用）').fill('003，004，005，006，007');
	await page.getByRole('button', { name: '登记身份' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	const newTerm = page
		.getByRole('list', { name: '历任身份' })
		.getByRole('listitem')
		.filter({ has: page.getByText('村民代表', { exact: true }) });
	await expect(newTerm).toContainText(`${today} 至 今`);
	await expect(newTerm).toContainText('在任');
	await expect(newTerm).toContainText('联系 5 户');

	await open(page, '/xinyang/roster');
	await expect(figure('村民代表')).toHaveText('15');
	await expect(warning(page, WOMEN_RULE)).toHaveCount(0);
	await expect(warning(page, REPS_RULE)).toContainText('代表 15 人，会议组成人员 20 人');
});
