// Issue 17, 党员联系户: a demo party member opens their households on a 360 px phone, logs this
// week's visit and turns what they heard into a service request with one tap; another visit is
// logged without JavaScript; a villager who is not the contact finds no such household, the
// secretary reads its notes.
import type { Db } from '../src/lib/server/db/index.ts';
import { openDatabase } from '../src/lib/server/db/open.js';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	login,
	test,
	type App
} from './fixtures.ts';
import { expectNoHorizontalScroll } from './layout-checks.ts';

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

const MEMBER_PHONE = '13800000077';

/**
 * A demo party member behind on visits, given a login with the villager's demo password (the demo
 * gives party members none): their name and one of their households.
 */
function memberLogin(app: App): { name: string; household: number; key: string } {
	return withDb(app, (db) => {
		const m = db
			.prepare(
				`select c.person_id as personId, p.name, min(c.household_id) as household
				 from household_contacts c join people p on p.id = c.person_id
				 where c.end_date is null and not exists (select 1 from users u where u.person_id = c.person_id)
				 group by c.person_id order by c.person_id limit 1`
			)
			.get() as { personId: number; name: string; household: number };
		const villager = db
			.prepare('select village_id as villageId, password_hash as hash from users where phone = ?')
			.get(DEMO.villager.phone) as { villageId: number; hash: string };
		db.prepare(
			`insert into users (village_id, role, name, phone, password_hash, person_id, created_at)
			 values (?, 'villager', ?, ?, ?, ?, ?)`
		).run(
			villager.villageId,
			m.name,
			MEMBER_PHONE,
			villager.hash,
			m.personId,
			new Date().toISOString()
		);
		const key = db
			.prepare('select household_key from households where id = ?')
			.pluck()
			.get(m.household) as string;
		return { name: m.name, household: m.household, key };
	});
}

test('a party member logs a weekly visit on a phone and turns it into a service request; another without JavaScript', async ({
	app,
	newContext
}) => {
	const member = memberLogin(app);
	const page = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(page, MEMBER_PHONE, DEMO.villager.password);

	// From the village's home page to their households.
	await page.goto('/xinyang');
	await page.getByRole('link', { name: '我联系的户' }).click();
	await expect(page).toHaveURL('/xinyang/my-households');
	await expect(page.getByRole('heading', { level: 1, name: '我联系的户' })).toBeVisible();
	const cards = page.getByRole('main').getByRole('listitem');
	expect(await cards.count()).toBeGreaterThanOrEqual(3);
	await expectNoHorizontalScroll(page);
	await checkA11y(page);

	await page.getByRole('link', { name: new RegExp(`^${member.key}`) }).click();
	await expect(page).toHaveURL(`/xinyang/households/${member.household}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`联系户 ${member.key}`);
	await page.getByRole('radio', { name: '电话' }).check();
	await page.getByLabel('听到了什么').fill('老人不会在手机上交医保，想请村里代缴。');
	await page.getByRole('button', { name: '保存走访' }).click();
	await expect(page.getByRole('status').filter({ hasText: '走访已记录' })).toBeVisible();
	await expectNoHorizontalScroll(page);
	await checkA11y(page);

	// One tap: the follow-up of the visit just logged is open, its subject taken from what was heard.
	const followUp = page.locator('details[open]');
	await expect(followUp.getByLabel('事项')).toHaveValue(/^老人不会在手机上交医保/);
	await followUp.getByLabel('办事类别（转为办事时）').selectOption({ label: '社保医保' });
	await followUp.getByRole('button', { name: '转为办事' }).click();
	const notice = page.getByRole('status').filter({ hasText: '已转为办事' });
	await expect(notice).toBeVisible();
	const number = /XY-FW-\d{4}-\d{4}/.exec((await notice.textContent()) ?? '')![0];
	await expect(page.getByText(`已转为办事 ${number}`).first()).toBeVisible();
	const filed = withDb(app, (db) =>
		db
			.prepare(
				`select c.channel, c.consent_kind as consentKind, c.category, v.means,
				   (select count(*) from household_visits w where w.service_case_id = c.id) as links
				 from service_cases c join household_visits v on v.service_case_id = c.id where c.number = ?`
			)
			.get(number)
	);
	expect(filed).toEqual({
		channel: 'household_visit',
		consentKind: 'read_back',
		category: 'social_insurance',
		means: 'phone',
		links: 1
	});
	await expectNoHorizontalScroll(page);

	// Without JavaScript: the next household's visit, by WeChat, as a plain form post.
	const plain = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await addSession(plain, MEMBER_PHONE, DEMO.villager.password);
	await plain.goto(`/xinyang/households/${member.household}`);
	await plain.getByRole('radio', { name: '微信' }).check();
	await plain.getByLabel('听到了什么').fill('微信上说家里都好。');
	await plain.getByRole('button', { name: '保存走访' }).click();
	await expect(plain.getByRole('status').filter({ hasText: '走访已记录' })).toBeVisible();
	const means = withDb(app, (db) =>
		db
			.prepare('select means from household_visits where household_id = ? order by id')
			.pluck()
			.all(member.household)
	);
	expect(means.slice(-2)).toEqual(['phone', 'wechat']);
	await expectNoHorizontalScroll(plain);

	// Someone who is not the contact finds no such household; the secretary reads its notes.
	const villager = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(villager, DEMO.villager.phone, DEMO.villager.password);
	const refused = await villager.goto(`/xinyang/households/${member.household}`);
	expect(refused?.status()).toBe(404);
	const secretary = await (await newContext()).newPage();
	await addSession(secretary, DEMO.secretary.phone, DEMO.secretary.password);
	await secretary.goto(`/xinyang/households/${member.household}`);
	await expect(secretary.getByRole('heading', { level: 2, name: '三知三能' })).toBeVisible();
	await expect(secretary.getByRole('button', { name: '保存走访' })).toHaveCount(0);

	// The secretary's dashboard names the members behind on their visits (the demo has some).
	await secretary.goto('/xinyang/dashboard');
	const behind = secretary.getByTestId('overdue-visits').getByRole('listitem');
	expect(await behind.count()).toBeGreaterThan(0);
	await expect(behind.first()).toHaveText(/：\d+ 户$/);
});

test('the clerk sees coverage per grid on a phone and assigns an uncovered household, without JavaScript', async ({
	app,
	newContext
}) => {
	const page = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/households');
	await expect(page.getByRole('heading', { level: 1, name: '党员联系户' })).toBeVisible();
	const rows = page.getByRole('table').getByRole('row');
	expect(await rows.count()).toBeGreaterThan(8);
	const flags = page.getByRole('group', { name: /户没有联系人$/ });
	expect(await flags.count()).toBeGreaterThan(0);
	await expectNoHorizontalScroll(page);
	await checkA11yWithoutScripts(page);

	const box = flags.first().getByRole('checkbox').first();
	const household = Number(await box.getAttribute('value'));
	await page.getByLabel('党员', { exact: true }).selectOption({ index: 1 });
	const member = Number(await page.getByLabel('党员', { exact: true }).inputValue());
	await box.check();
	await page.getByRole('button', { name: '分配', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '已分配 1 户' })).toBeVisible();
	const contact = withDb(app, (db) =>
		db
			.prepare(
				'select person_id from household_contacts where household_id = ? and end_date is null'
			)
			.pluck()
			.get(household)
	);
	expect(contact).toBe(member);
	await expectNoHorizontalScroll(page);
});
