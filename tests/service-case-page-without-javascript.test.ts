// A service case on phones without JavaScript (issue 17): filed by 张秀英 through the domain, the
// clerk dispatches it to a party member, who declines with a reason so it returns to dispatch; it
// is dispatched again, accepted (a second accept is refused politely) and completed; 张秀英 rates it
// 不满意, and the clerk records the follow-up visit and closes it. Every page at 360 px, checked by axe.
import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { createAccount } from '../src/lib/server/auth/accounts.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { fileServiceRequest } from '../src/lib/server/services/filing.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	loginWithoutScripts,
	test,
	type App
} from './fixtures.ts';

const MEMBER_PASSWORD = 'demo-member-2026';

/** A party member of another grid, given a login; and 张秀英's request, filed as she would. */
async function setUp(app: App) {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const member = db
			.prepare(
				`select p.id, p.name, p.phone from people p join roles r on r.person_id = p.id
				 join households h on h.id = p.household_id join grids g on g.id = h.grid_id
				 where p.village_id = ? and r.role = 'party_member' and r.end_date is null
				   and p.phone is not null and g.name <> '第一网格' and p.status = 'resident'
				   and not exists (select 1 from roles o where o.person_id = p.id and o.role <> 'party_member')
				   and not exists (select 1 from users u where u.person_id = p.id or u.phone = p.phone)
				 order by p.id limit 1`
			)
			.get(village) as { id: number; name: string; phone: string };
		const login = createAccount(db, null, {
			villageId: village,
			role: 'villager',
			name: member.name,
			phone: member.phone,
			passwordHash: await hashPassword(MEMBER_PASSWORD)
		});
		if (!login.ok) throw new Error(login.reason);
		db.prepare('update users set person_id = ? where id = ?').run(member.id, login.account.id);
		const villager = db
			.prepare('select id, person_id as personId from users where phone = ?')
			.get(DEMO.villager.phone) as { id: number; personId: number };
		const filed = fileServiceRequest(
			db,
			{ userId: villager.id, personId: villager.personId, role: 'villager' },
			village,
			{
				category: 'certificate',
				title: '开具居住证明',
				description: '孙子上学要用。',
				urgent: false
			}
		);
		if (!filed.ok) throw new Error(filed.reason);
		return { member, number: filed.serviceCase.number };
	} finally {
		db.close();
	}
}

async function phone(
	newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>,
	who: { phone: string; password: string }
): Promise<Page> {
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await loginWithoutScripts(page, who.phone, who.password);
	return page;
}

/** The case page as it stands: its state, its fit at 360 px, and axe. */
async function expectState(page: Page, path: string, state: string) {
	await page.goto(path);
	await expect(page.getByRole('main').locator('.state')).toHaveText(state);
	await expectNoHorizontalOverflow(page);
	await checkA11yWithoutScripts(page);
}

test('a case is declined back to dispatch, done, rated 不满意 and closed after the follow-up, without JavaScript', async ({
	app,
	newContext
}) => {
	const { member, number } = await setUp(app);
	const path = `/xinyang/services/${number}`;
	const clerk = await phone(newContext, DEMO.clerk);
	const partyMember = await phone(newContext, { phone: member.phone, password: MEMBER_PASSWORD });
	const villager = await phone(newContext, DEMO.villager);
	const main = (page: Page) => page.getByRole('main');

	// The villager sees her own request, waiting for dispatch, with no form but withdrawing it.
	await expectState(villager, path, '待派单');
	await expect(main(villager).getByRole('button')).toHaveText(['撤回这件事']);

	// The clerk dispatches it to the party member.
	await expectState(clerk, path, '待派单');
	await main(clerk).getByLabel('派给谁').selectOption(String(member.id));
	await main(clerk).getByRole('button', { name: '派单' }).click();
	await expect(main(clerk).getByRole('status').filter({ hasText: '已派单。' })).toBeVisible();
	await expect(main(clerk).locator('.state')).toHaveText('已派单，等经办人接单');
	await expect(main(clerk)).toContainText(member.name);

	// The party member cannot take it now: declines with a reason, and it returns to dispatch.
	await expectState(partyMember, path, '已派单，等经办人接单');
	await main(partyMember).getByRole('button', { name: '退回，请重新派单' }).click();
	await expect(main(partyMember).getByRole('alert')).toHaveText('请写明原因，至少两个字。');
	await main(partyMember).getByLabel('不能接的原因').fill('这几天在县城照顾老人');
	await main(partyMember).getByRole('button', { name: '退回，请重新派单' }).click();
	await expect(main(partyMember).locator('.state')).toHaveText('待派单');
	await expect(main(partyMember).locator('.case-steps')).toContainText('这几天在县城照顾老人');
	await expect(main(partyMember).getByRole('button')).toHaveCount(0);

	// Dispatched again (to the same person, back in the village), accepted and completed.
	await expectState(clerk, path, '待派单');
	await main(clerk).getByLabel('派给谁').selectOption(String(member.id));
	await main(clerk).getByRole('button', { name: '派单' }).click();
	await expect(main(clerk).locator('.state')).toHaveText('已派单，等经办人接单');
	await expectState(partyMember, path, '已派单，等经办人接单');
	await main(partyMember).getByRole('button', { name: '接单' }).click();
	await expect(main(partyMember).locator('.state')).toHaveText('正在办理');
	// The same accept sent twice (a double tap) records nothing more, and says so politely.
	const again = await partyMember.request.post(`${path}?/accept`, {
		form: {},
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(again.status()).toBe(400);
	expect(await again.text()).toContain('这件事已经往下走了');
	await main(partyMember).getByLabel('办理结果').fill('居住证明已开好，送到家里。');
	await main(partyMember).getByRole('button', { name: '办结' }).click();
	await expect(main(partyMember).locator('.state')).toHaveText('已办结，等村民评价');
	// Whoever handled it does not rate it.
	await expect(main(partyMember).getByRole('button', { name: '提交评价' })).toHaveCount(0);

	// The villager rates it 不满意: a follow-up visit is owed.
	await expectState(villager, path, '已办结，等村民评价');
	await main(villager).getByLabel('不满意').check();
	await main(villager).getByLabel('想说的话（可以不填）').fill('证明上的名字写错了一个字');
	await main(villager).getByRole('button', { name: '提交评价' }).click();
	await expect(main(villager).locator('.state')).toHaveText('村民不满意，等回访');

	// The clerk records the follow-up visit and closes the case.
	await expectState(clerk, path, '村民不满意，等回访');
	await main(clerk).getByLabel('回访情况').fill('上门回访，名字已改正，村民认可。');
	await main(clerk).getByLabel('结案').check();
	await main(clerk).getByRole('button', { name: '记录回访' }).click();
	await expect(main(clerk).locator('.state')).toHaveText('已结案');
	const steps = main(clerk).locator('.case-steps li strong');
	await expect(steps).toHaveText([
		'提出',
		'派单',
		'退回',
		'派单',
		'接单',
		'办结',
		'评价',
		'回访',
		'结案'
	]);
	await expect(main(clerk).locator('.case-steps')).toContainText('不满意');
	await checkA11yWithoutScripts(clerk);
});
