// The clerk records that a villager is the spouse of a villagers' committee member, on a phone
// without JavaScript; naming the villager to the supervision committee is then refused with the
// reason (组织法 2026 第三十七条: committee members' close relatives may not sit on it), and
// allowed once the relation, recorded by mistake, is removed.
import Database from 'better-sqlite3';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	loginWithoutScripts,
	test,
	type App
} from './fixtures.ts';

interface Someone {
	id: number;
	name: string;
	householdKey: string;
}

/**
 * A sitting committee member, and a resident adult of another household who holds no role and
 * shares no household with any committee member: only a recorded relation can link them. Read
 * from the seeded roster (read-only); everything the story changes goes through the pages.
 */
function memberAndVillager(app: App): { member: Someone; villager: Someone } {
	const db = new Database(app.dbPath, { readonly: true, fileMustExist: true });
	try {
		const committee = `select r.person_id from roles r join villages v on v.id = r.village_id
			where v.slug = 'xinyang' and r.role = 'villagers_committee' and r.end_date is null`;
		const member = db
			.prepare(
				`select p.id, p.name, h.household_key as householdKey from people p
				 join households h on h.id = p.household_id
				 where p.id in (${committee}) order by p.id limit 1`
			)
			.get() as Someone;
		const villager = db
			.prepare(
				`select p.id, p.name, h.household_key as householdKey from people p
				 join households h on h.id = p.household_id join villages v on v.id = p.village_id
				 where v.slug = 'xinyang' and p.status = 'resident' and p.birth_date < '1990-01-01'
				   and not exists (select 1 from roles r where r.person_id = p.id)
				   and p.household_id not in (select household_id from people where id in (${committee}))
				   and (select count(*) from people q where q.name = p.name) = 1
				 order by p.id limit 1`
			)
			.get() as Someone;
		return { member, villager };
	} finally {
		db.close();
	}
}

test('a spouse recorded on the roster cannot join the supervision committee, with the reason', async ({
	app,
	newContext
}) => {
	const { member, villager } = memberAndVillager(app);
	expect(member.id).toBeGreaterThan(0);
	expect(villager.id).toBeGreaterThan(0);
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await loginWithoutScripts(page, DEMO.clerk.phone, DEMO.clerk.password);

	await page.goto(`/xinyang/roster/people/${villager.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(villager.name);
	const relatives = page.getByRole('region', { name: '近亲属' });
	await expect(relatives.getByText('尚未登记近亲属。')).toBeVisible();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// Without a search the picker offers the villager's own household; the member lives elsewhere.
	const picker = relatives.getByLabel('亲属', { exact: true });
	const memberOption = `${member.name}（户号 ${member.householdKey}，`;
	await expect(picker.locator('option', { hasText: memberOption })).toHaveCount(0);
	await relatives.getByLabel('查找村民（姓名、拼音首字母或户号）').fill(member.name);
	await relatives.getByRole('button', { name: '查找', exact: true }).click();
	await expect(relatives.getByLabel('查找村民（姓名、拼音首字母或户号）')).toHaveValue(member.name);
	const option = picker.locator('option', { hasText: memberOption });
	await expect(option).toHaveCount(1);
	await picker.selectOption({ label: (await option.textContent())!.trim() });
	await relatives.getByLabel('对方是此人的').selectOption({ label: '配偶' });
	await relatives.getByRole('button', { name: '登记近亲属' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	const recorded = relatives.getByRole('list', { name: '近亲属' }).getByRole('listitem');
	await expect(recorded).toHaveCount(1);
	await expect(recorded).toContainText(member.name);
	await expect(recorded).toContainText(member.householdKey);
	await expect(recorded).toContainText('是此人的配偶');

	// The relation reads from both sides.
	await page.goto(`/xinyang/roster/people/${member.id}`);
	await expect(
		page
			.getByRole('region', { name: '近亲属' })
			.getByRole('listitem')
			.filter({ hasText: villager.name })
	).toContainText('是此人的配偶');

	// The supervision committee is refused, naming the member and the relation, and nothing is kept.
	await page.goto(`/xinyang/roster/people/${villager.id}`);
	const assignSupervision = async () => {
		await page.getByLabel('身份', { exact: true }).selectOption({ label: '村务监督委员会成员' });
		await page.getByRole('button', { name: '登记身份' }).click();
	};
	await assignSupervision();
	const refusal = page.getByRole('alert');
	await expect(refusal).toContainText('村民委员会成员及其近亲属不得担任村务监督委员会成员');
	await expect(refusal).toContainText(`此人的配偶${member.name}在这段任期内是村委会成员`);
	await expect(refusal).toContainText('《村民委员会组织法》第三十七条');
	await expect(page.getByRole('list', { name: '历任身份' })).toHaveCount(0);
	await expect(page.getByText('暂无登记的身份。')).toBeVisible();
	await checkA11yWithoutScripts(page);

	// Recorded by mistake: removed, the role can be held.
	await page
		.getByRole('region', { name: '近亲属' })
		.getByRole('button', { name: `删除与${member.name}的关系` })
		.click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	await expect(
		page.getByRole('region', { name: '近亲属' }).getByText('尚未登记近亲属。')
	).toBeVisible();
	await assignSupervision();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	await expect(page.getByRole('list', { name: '历任身份' }).getByRole('listitem')).toContainText(
		'村务监督委员会成员'
	);
});
