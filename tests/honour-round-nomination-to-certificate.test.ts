// A round from nomination to certificate: the clerk opens it, a villager nominates a neighbour on
// a phone without JavaScript, the grid head nominates for an elderly villager, the clerk reviews
// and opens the vote, two villagers vote (a second ballot is refused), the count, the board notice
// with the honourees only, and the A4 certificate whose QR code is the notice's address.
import QRCode from 'qrcode';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	test,
	type App
} from './fixtures.ts';
import { query } from './meeting-helpers.ts';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const dayAfter = (days: number) =>
	new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The days pass: the voting window moves as the calendar would move it. */
function setVotingDays(app: App, roundId: number, from: string, until: string) {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.prepare('update honour_rounds set voting_from = ?, voting_until = ? where id = ?').run(
			from,
			until,
			roundId
		);
	} finally {
		db.close();
	}
}

/** A resident adult with a name nobody else in the village has, and no login. */
function neighbour(app: App, not: number[]): { id: number; name: string } {
	return query<{ id: number; name: string }>(
		app,
		`select p.id, p.name from people p where p.status = 'resident' and p.birth_date < '1980-01-01'
		 and p.village_id = (select id from villages where slug = 'xinyang')
		 and p.id not in (select person_id from users where person_id is not null)
		 and p.id not in (select value from json_each(?))
		 and (select count(*) from people q where q.name = p.name) = 1
		 and p.household_id <> (select household_id from people where phone = ?)
		 and p.id not in (select nominee_person_id from honour_nominations where nominee_person_id is not null)
		 and p.household_id not in (select nominee_household_id from honour_nominations
		   where nominee_household_id is not null)
		 order by p.id limit 1 offset 3`,
		JSON.stringify(not),
		DEMO.villager.phone
	)[0];
}

test('a round from nomination to certificate, one ballot per person', async ({
	page,
	app,
	newContext
}) => {
	test.setTimeout(180_000);
	// The clerk opens the round.
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/honours/new');
	await page.getByLabel('评选名称').fill('2026年度好人好事评选');
	await page.getByLabel('推荐开始日期').fill(today());
	await page.getByLabel('推荐截止日期').fill(today());
	await page.getByLabel('投票开始日期').fill(dayAfter(1));
	await page.getByLabel('投票截止日期').fill(dayAfter(7));
	await page.getByRole('button', { name: '开始评选' }).click();
	await expect(page).toHaveURL(/\/xinyang\/honours\/\d+$/);
	const roundId = Number(new URL(page.url()).pathname.split('/').pop());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年度好人好事评选');

	// A villager nominates a neighbour, on a small phone without JavaScript.
	const a = neighbour(app, []);
	const phone = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const her = await phone.newPage();
	await addSession(her, DEMO.villager.phone, DEMO.villager.password);
	await her.goto(`/xinyang/honours/${roundId}`);
	await her.getByLabel(/查找被推荐人/).fill(a.name);
	await her.getByRole('button', { name: '查找', exact: true }).click();
	// The search is a page load: a choice made before it lands would be on the page it replaces.
	await expect(her).toHaveURL(/[?&]q=/);
	await her.locator(`input[name=nominee][value="p${a.id}"]`).check();
	await her.getByLabel('推荐理由').fill('常年义务打扫村道');
	await her.getByRole('button', { name: '提交推荐' }).click();
	await expect(her.getByRole('status')).toContainText('推荐已提交');
	await expect(her.getByRole('region', { name: '我的推荐' })).toContainText(a.name);
	await expectNoHorizontalOverflow(her);
	await checkA11yWithoutScripts(her);

	// The grid head nominates for an elderly villager of her grid, read back to her.
	const elderly = query<{ id: number; name: string }>(
		app,
		`select p.id, p.name from people p join households h on h.id = p.household_id
		 where h.grid_id = (select r.grid_id from roles r join users u on u.person_id = r.person_id
		   where u.phone = ? and r.role = 'grid_head') and p.status = 'resident' and p.birth_date < '1960-01-01'
		 and p.id not in (select person_id from users where person_id is not null) order by p.id limit 1`,
		'13800000004'
	)[0];
	const b = neighbour(app, [a.id, elderly.id]);
	const gridHead = await (await newContext()).newPage();
	await addSession(gridHead, '13800000004', 'demo-gridhead-2026');
	await gridHead.goto(
		`/xinyang/honours/${roundId}?for=${encodeURIComponent(elderly.name)}&q=${encodeURIComponent(b.name)}`
	);
	await gridHead.locator('#f-forPerson').selectOption(String(elderly.id));
	await gridHead
		.locator('input[name=consentAt]')
		.fill(new Date(Date.now() + 8 * 3600_000 - 60_000).toISOString().slice(0, 16));
	await gridHead.locator(`input[name=nominee][value="p${b.id}"]`).check();
	await gridHead.getByLabel('推荐理由').fill('照顾孤寡老人');
	await gridHead.getByRole('button', { name: '提交推荐' }).click();
	await expect(gridHead.getByRole('status')).toContainText('推荐已提交');
	const filed = query<{ by: number; consent: string }>(
		app,
		`select nominated_by_person_id as by, consent_kind as consent from honour_nominations where nominee_person_id = ?`,
		b.id
	);
	expect(filed).toEqual([{ by: elderly.id, consent: 'read_back' }]);

	// The clerk closes the nominations, accepts both, and opens the vote.
	await page.reload();
	await page.getByRole('button', { name: '结束推荐，开始审查' }).click();
	for (const name of [a.name, b.name]) {
		const card = page.locator('li.card').filter({ hasText: name });
		await card.getByRole('button', { name: '通过', exact: true }).click();
		await expect(page.locator('li.card').filter({ hasText: name })).toContainText('审查通过');
	}
	await page.getByRole('button', { name: '开始投票' }).click();
	await expect(page.getByText('状态：投票中')).toBeVisible();
	setVotingDays(app, roundId, today(), dayAfter(7));

	// Two villagers vote for the first nominee; a second ballot from an earlier page is refused.
	const stale = await phone.newPage();
	await stale.goto(`/xinyang/honours/${roundId}`);
	await her.goto(`/xinyang/honours/${roundId}`);
	const ballot = (p: typeof her) => p.locator('form[action="?/vote"]').first();
	await ballot(her)
		.getByRole('checkbox', { name: new RegExp(a.name) })
		.check();
	await ballot(her).getByRole('button', { name: '投下这一票' }).click();
	await expect(her.getByRole('status')).toContainText('投票成功');
	await expect(ballot(her)).toContainText('您已在这一类投过票');
	await ballot(stale)
		.getByRole('checkbox', { name: new RegExp(b.name) })
		.check();
	await ballot(stale).getByRole('button', { name: '投下这一票' }).click();
	await expect(stale.getByRole('alert')).toContainText('每人每类只能投一次');
	const rep = await (await newContext()).newPage();
	await addSession(rep, '13800000005', 'demo-rep-2026');
	await rep.goto(`/xinyang/honours/${roundId}`);
	await ballot(rep)
		.getByRole('checkbox', { name: new RegExp(a.name) })
		.check();
	await ballot(rep).getByRole('button', { name: '投下这一票' }).click();
	await expect(rep.getByRole('status')).toContainText('投票成功');
	const choices = query<{ n: number }>(
		app,
		`select count(*) as n from honour_choices c join honour_categories k on k.id = c.category_id where k.round_id = ?`,
		roundId
	);
	expect(choices).toEqual([{ n: 2 }]);

	// The voting days end; the clerk counts and publishes.
	setVotingDays(app, roundId, dayAfter(-7), dayAfter(-1));
	await page.reload();
	await page.getByRole('button', { name: '计票' }).click();
	await expect(page.locator('li.card').filter({ hasText: a.name })).toContainText('获评');
	await page.getByRole('button', { name: '在公开栏公示获评名单' }).click();
	await expect(page).toHaveURL(/\/xinyang\/notices\/\d+$/);
	const noticeUrl = page.url();
	await expect(page.getByRole('main')).toContainText(a.name);
	await expect(page.getByRole('main')).not.toContainText(b.name);

	// Anyone reads the honourees and the certificate; the nominee not chosen has neither.
	const anyone = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await anyone.goto('/xinyang/honours');
	await expect(anyone.getByRole('main')).toContainText(a.name);
	await expect(anyone.getByRole('main')).not.toContainText(b.name);
	await anyone.goto(`/xinyang/honours/${roundId}`);
	await expect(anyone.getByRole('main')).not.toContainText(b.name);
	await anyone.getByRole('link', { name: '荣誉证书' }).first().click();
	await expect(anyone).toHaveURL(/\/certificates\/\d+$/);
	await expect(anyone.locator('.certificate')).toContainText(a.name);
	await expect(anyone.locator('.certificate')).toContainText('新阳村村民委员会');
	await checkA11y(anyone);
	await expectNoHorizontalOverflow(anyone);
	await anyone.emulateMedia({ media: 'print' });
	await expect(anyone.locator('.site-header')).toBeHidden();
	await expect(anyone.locator('.certificate .url')).toHaveText(noticeUrl);
	// The QR code is the notice's address: the same code drawn from that address, byte for byte.
	const drawn = await QRCode.toString(noticeUrl, {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M'
	});
	const modules = (svg: string) => /stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
	expect(modules(await anyone.locator('.certificate .qr').innerHTML())).toBe(modules(drawn));
	expect(modules(drawn)).toBeTruthy();
	const pdf = await anyone.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const bId = query<{ id: number }>(
		app,
		'select id from honour_nominations where nominee_person_id = ?',
		b.id
	)[0].id;
	const refused = await anyone.goto(`/xinyang/honours/${roundId}/certificates/${bId}`);
	expect(refused?.status()).toBe(404);
});
