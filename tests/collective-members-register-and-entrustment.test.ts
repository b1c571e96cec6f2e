// The clerk keeps the collective economic organisation's register, calls a members' meeting and
// records a written entrustment (书面委托, 集体经济组织法 第二十七条) that the meeting roster shows.
import { openDatabase } from '../src/lib/server/db/open.js';
import { addAgendaItem, createMeeting } from '../src/lib/server/meetings/calling.ts';
import { notifyMeeting } from '../src/lib/server/meetings/notice.ts';
import type { Db } from '../src/lib/server/db/index.ts';
import type { Actor } from '../src/lib/server/permissions/index.ts';
import { DEMO, addSession, checkA11y, expect, test, type App } from './fixtures.ts';

const chinaDay = (offset = 0) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
		new Date(Date.now() + offset * 86_400_000)
	);

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

interface Person {
	name: string;
	householdKey: string;
	year: string;
}

/** Two adults of one 新阳村 household not yet on its register (湖东村 has a roster too). */
function householdPair(app: App): [Person, Person] {
	return withDb(app, (db) => {
		const rows = db
			.prepare(
				`select p.name, h.household_key as householdKey, substr(p.birth_date, 1, 4) as year
				 from people p join households h on h.id = p.household_id
				 where p.status = 'resident' and p.birth_date <= '1990-01-01'
				   and p.village_id = (select id from villages where slug = 'xinyang')
				   and not exists (select 1 from collective_members m where m.person_id = p.id)
				   and h.id = (select h2.id from households h2 join people p2 on p2.household_id = h2.id
				               where p2.status = 'resident' and p2.birth_date <= '1990-01-01'
				                 and p2.village_id = (select id from villages where slug = 'xinyang')
				                 and not exists (select 1 from collective_members m where m.person_id = p2.id)
				               group by h2.id having count(*) >= 2 order by h2.household_key limit 1)
				 order by p.id limit 2`
			)
			.all() as Person[];
		return [rows[0], rows[1]];
	});
}

/** A members' meeting twelve days ahead, noticed today: its roster is the register as it stands. */
function callMembersMeeting(app: App, title: string): number {
	return withDb(app, (db) => {
		const u = db
			.prepare('select id, person_id, role from users where phone = ?')
			.get(DEMO.clerk.phone) as { id: number; person_id: number | null; role: Actor['role'] };
		const clerk: Actor = { userId: u.id, personId: u.person_id, role: u.role };
		const village = db.prepare("select id from villages where slug = 'xinyang'").pluck().get();
		const created = createMeeting(db, clerk, village as number, {
			type: 'collective_members',
			title,
			meetingDate: chinaDay(12)
		});
		if (!created.ok) throw new Error(created.reason);
		const id = created.meeting.id;
		if (!addAgendaItem(db, clerk, village as number, id, { title: '集体资产出租方案' }).ok)
			throw new Error('agenda');
		const notified = notifyMeeting(db, clerk, village as number, id);
		if (!notified.ok) throw new Error(notified.reason);
		return id;
	});
}

test('the clerk enters two members of a household, records an entrustment and sees it on the roster', async ({
	page,
	app,
	newContext
}) => {
	const [principal, proxy] = householdPair(app);
	const option = (p: Person) => `${p.name}（${p.householdKey}户 · ${p.year}年生）`;
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);

	await page.goto('/xinyang/roster/collective');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('集体经济组织成员名册');
	const members = page.getByTestId('collective-members');
	await expect(members.getByRole('row')).not.toHaveCount(0);
	await checkA11y(page);

	for (const p of [principal, proxy]) {
		await page.getByLabel('村民', { exact: true }).selectOption({ label: option(p) });
		await page.getByRole('button', { name: '登记为成员' }).click();
		await expect(page.getByText('已登记为成员。')).toBeVisible();
		await expect(members.getByRole('row', { name: new RegExp(p.name) })).toContainText(
			p.householdKey
		);
	}
	// Ending a membership moves the member from the register to the ended ones.
	const before = await members.getByRole('row').count();
	const first = members.getByRole('row').nth(1);
	const leaving = (await first.getByRole('rowheader').innerText()).split('（')[0].trim();
	await first.getByRole('button', { name: /终止成员身份/ }).click();
	await expect(page.getByText('成员身份已终止。')).toBeVisible();
	await expect(members.getByRole('row')).toHaveCount(before - 1);
	await expect(page.getByRole('list', { name: '已终止的成员身份' })).toContainText(leaving);

	const meetingId = callMembersMeeting(app, '集体经济组织成员大会：集体资产出租');
	await page.goto(`/xinyang/meetings/${meetingId}/console`);
	const section = page.getByRole('region', { name: '书面委托' });
	await expect(section.getByText('本次会议没有书面委托。')).toBeVisible();
	const pick = (p: Person) => `${p.name}（${p.householdKey}）`;

	// The proxy cannot be someone who entrusts in turn: first the valid paper, then the reverse.
	await section.getByLabel('委托人').selectOption({ label: pick(principal) });
	await section.getByLabel('受托人').selectOption({ label: pick(proxy) });
	await section.getByLabel('备注（如原件存放处）').fill('原件存村委会档案室');
	await section.getByRole('button', { name: '登记书面委托' }).click();
	const line = `${principal.name} 书面委托 ${proxy.name} 代为参加（${principal.householdKey}户，委托书日期 ${chinaDay()}）`;
	await expect(section.getByTestId('entrustments')).toContainText(line);
	await expect(
		page.getByTestId('roster-row').filter({ hasText: principal.name }).first()
	).toContainText(`由 ${proxy.name} 代为参加`);

	// Without JavaScript the same form posts and shows its refusal: here the reverse paper.
	const plain = await (await newContext({ javaScriptEnabled: false })).newPage();
	await addSession(plain, DEMO.clerk.phone, DEMO.clerk.password);
	await plain.goto(`/xinyang/meetings/${meetingId}/console`);
	const plainSection = plain.getByRole('region', { name: '书面委托' });
	await plainSection.getByLabel('委托人').selectOption({ label: pick(proxy) });
	await plainSection.getByLabel('受托人').selectOption({ label: pick(principal) });
	await plainSection.getByRole('button', { name: '登记书面委托' }).click();
	await expect(plainSection.getByRole('alert')).toHaveText(
		'委托人已是本户的受托人，不能再委托他人。'
	);
	await expect(plainSection.getByTestId('entrustments').getByRole('listitem')).toHaveCount(1);
	await checkA11y(page);

	await page.goto('/xinyang/roster/collective');
	await expect(page.getByTestId('register-entrustments')).toContainText(line);
});
