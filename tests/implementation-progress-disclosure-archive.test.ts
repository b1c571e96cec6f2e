import { openDatabase } from '../src/lib/server/db/open.js';
import { hashEntry } from '../src/lib/server/audit/chain.js';
import { createTopic } from '../src/lib/server/topics/filing.ts';
import { triageTopic } from '../src/lib/server/topics/triage.ts';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	readOnlyTest,
	test,
	unzip,
	type App
} from './fixtures.ts';
import { type Actor } from '../src/lib/server/permissions/index.ts';

const { clerk } = DEMO;
const supervisor = { phone: '13800000006', password: 'demo-supervisor-2026' };

// A real 2×2 JPEG as a phone camera would send it.
const PHOTO = Buffer.from(
	'/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/' +
		'2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/' +
		'wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEB' +
		'AAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==',
	'base64'
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

const actorOf = (db: Db, phone: string): Actor => {
	const u = db.prepare('select id, person_id, role from users where phone = ?').get(phone) as {
		id: number;
		person_id: number | null;
		role: Actor['role'];
	};
	return { userId: u.id, personId: u.person_id, role: u.role };
};

/** A service case handled directly: the kind of topic implemented without a resolution. */
function directTopic(app: App): string {
	return withDb(app, (db) => {
		const v = (db.prepare("select id from villages where slug = 'xinyang'").get() as { id: number })
			.id;
		const t = createTopic(
			db,
			actorOf(db, '13800000003'),
			v,
			{
				title: '修缮村文化活动室',
				description: '活动室屋顶漏雨。',
				category: 'culture',
				place: '村委会',
				affected: '全村',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: true }
		);
		if (!t.ok) throw new Error(t.reason);
		const d = triageTopic(db, actorOf(db, clerk.phone), v, t.topic.id, {
			route: 'direct',
			reason: '村里直接办理',
			art24: []
		});
		if (!d.ok) throw new Error(d.reason);
		return t.topic.number;
	});
}

test('the clerk records an implementation without JavaScript, the supervisor discloses the result, the archive holds it all', async ({
	app,
	newContext
}) => {
	const number = directTopic(app);
	const path = `/xinyang/topics/${number}/implementation`;

	const clerkPhone = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await clerkPhone.newPage();
	await addSession(page, clerk.phone, clerk.password);
	await page.goto(`/xinyang/topics/${number}`);
	await page.getByRole('link', { name: '实施与结果公开' }).click();
	await expect(page).toHaveURL(path);
	await expect(page.getByText('尚未开始实施。')).toBeVisible();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// A wrong amount is refused, with nothing stored.
	await page.getByLabel('责任人').selectOption({ label: '李建国' });
	await page.getByLabel('实施方案').fill('更换屋顶防水层，重新粉刷。');
	await page.getByLabel('资金来源 1').fill('中央扶持资金');
	await page.getByLabel('金额（元） 1').fill('五十万');
	await page.getByRole('button', { name: '开始实施' }).click();
	await expect(page.getByRole('alert')).toHaveText(/请至少填写一项资金来源/);

	await page.getByLabel('责任人').selectOption({ label: '李建国' });
	await page.getByLabel('实施方案').fill('更换屋顶防水层，重新粉刷。');
	await page.getByLabel('资金来源 1').fill('中央扶持资金');
	await page.getByLabel('金额（元） 1').fill('500000');
	await page.getByLabel('资金来源 2').fill('村集体自筹');
	await page.getByLabel('金额（元） 2').fill('224,000');
	await page.getByRole('button', { name: '开始实施' }).click();
	const budget = page.getByRole('table');
	await expect(budget.getByRole('row', { name: /中央扶持资金/ })).toContainText('500,000');
	await expect(budget.getByRole('row', { name: /村集体自筹/ })).toContainText('224,000');
	await expect(budget.getByRole('row', { name: /合计/ })).toContainText('724,000');

	await page.getByLabel('完成进度（%）').fill('40');
	await page.getByLabel('累计支出（元）').fill('300000');
	await page.getByLabel('说明', { exact: true }).fill('旧防水层已拆除。');
	await page.getByLabel('现场照片（最多6张）').setInputFiles({
		name: '屋顶.jpg',
		mimeType: 'image/jpeg',
		buffer: PHOTO
	});
	await page.getByRole('button', { name: '记录进度' }).click();
	await expect(page.getByRole('status').filter({ hasText: '进度已记录。' })).toBeVisible();
	await expect(page.getByText(/完成40%，累计支出¥300,000/)).toBeVisible();
	const photo = page.getByRole('img', { name: /现场照片1/ });
	await expect(photo).toBeVisible();
	expect(
		(await page.request.get((await photo.getAttribute('src'))!)).headers()['content-type']
	).toBe('image/jpeg');

	// Progress never goes back: the form's minimum says so, and the server refuses it anyway.
	await expect(page.getByLabel('完成进度（%）')).toHaveAttribute('min', '40');
	const back = await page.request.post(`${path}?/progress`, {
		headers: formPostHeaders(app),
		multipart: { date: '2026-11-01', percent: '30', spent: '310000', note: '' }
	});
	expect(back.status()).toBe(400);
	expect(await back.text()).toContain('进度不能低于上次记录。');

	// Spending past the budget is recorded and flagged.
	await page.getByLabel('完成进度（%）').fill('100');
	await page.getByLabel('累计支出（元）').fill('730000');
	await page.getByRole('button', { name: '记录进度' }).click();
	await expect(page.getByRole('status').filter({ hasText: '超过预算' })).toBeVisible();
	await expect(page.getByText(/已超过预算/).first()).toBeVisible();

	await page.getByLabel('完成情况').fill('屋顶已修好，不再漏雨。');
	await page.getByRole('button', { name: '记录竣工' }).click();
	await expect(page.getByText(/竣工：屋顶已修好/)).toBeVisible();
	// The clerk is not on the supervision committee: no opinion form for her.
	await expect(page.getByRole('button', { name: '出具意见并公开结果' })).toHaveCount(0);

	const supervisorPhone = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const sp = await supervisorPhone.newPage();
	await addSession(sp, supervisor.phone, supervisor.password);
	await sp.goto(path);
	await sp.getByLabel('村务监督委员会意见').fill('经核查，超支部分为增加的排水沟，情况属实。');
	await sp.getByRole('button', { name: '出具意见并公开结果' }).click();
	await expect(sp.getByRole('status').filter({ hasText: '实施结果已公开。' })).toBeVisible();
	await expect(sp.getByText(/已在公告第\d+号公开。陈淑珍代表村务监督委员会出具意见/)).toBeVisible();
	await checkA11yWithoutScripts(sp);
	const notice = withDb(app, (db) =>
		db
			.prepare(
				"select n.kind, n.objections_until, n.body from notices n join topics t on t.id = n.topic_id where t.number = ? and n.kind = 'implementation_result'"
			)
			.get(number)
	) as { kind: string; objections_until: string | null; body: string };
	expect(notice.objections_until).not.toBeNull();
	expect(notice.body).toContain('中央扶持资金：500,000');

	// A villager may read but not download the archive; the clerk downloads it.
	expect((await sp.request.get(`/xinyang/topics/${number}/archive`)).status()).toBe(403);
	const zipResponse = await page.request.get(`/xinyang/topics/${number}/archive`);
	expect(zipResponse.status()).toBe(200);
	expect(zipResponse.headers()['content-type']).toBe('application/zip');
	const files = unzip(await zipResponse.body());
	for (const name of [
		'README.txt',
		'matter.json',
		'register.html',
		'notices.html',
		'implementation.html',
		'audit.jsonl',
		'verify.py'
	])
		expect(Object.keys(files)).toContain(name);
	expect(Object.keys(files).some((n) => n.startsWith('photos/'))).toBe(true);
	const matter = JSON.parse(files['matter.json']);
	expect(matter.implementation.budget).toHaveLength(2);
	expect(matter.implementation.disclosure.supervisorName).toBe('陈淑珍');
	const audit = files['audit.jsonl']
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l));
	const disclosed = audit.find((a) => a.action === 'implementation.disclosed');
	expect(hashEntry(disclosed)).toBe(disclosed.hash);
});

// Only reads the demo's disclosed stage: one server per worker is enough.
readOnlyTest(
	'the demo stage shows its disclosed result with two funding sources',
	async ({ app, newContext }) => {
		const number = withDb(
			app,
			(db) =>
				db
					.prepare("select number from topics where title = '建一个文艺演出舞台'")
					.pluck()
					.get() as string
		);
		const ctx = await newContext({ viewport: PHONE_VIEWPORT });
		const p = await ctx.newPage();
		await addSession(p, DEMO.villager.phone, DEMO.villager.password);
		await p.goto(`/xinyang/topics/${number}`);
		await p.getByRole('link', { name: '实施与结果公开' }).click();
		// The next page may take longer than one expect on a loaded machine: wait for its address.
		await p.waitForURL(`/xinyang/topics/${number}/implementation`);
		await expect(p.getByRole('row', { name: /上级文化专项资金/ })).toContainText('80,000');
		await expect(p.getByRole('row', { name: /村集体自筹/ })).toContainText('40,000');
		await expect(p.getByText(/陈淑珍代表村务监督委员会出具意见/)).toBeVisible();
		// Villagers read; they neither report nor archive.
		await expect(p.getByRole('button', { name: '记录进度' })).toHaveCount(0);
		await expect(p.getByRole('link', { name: '下载完整档案（zip）' })).toHaveCount(0);
		await checkA11y(p);
		await expectNoHorizontalOverflow(p);
	}
);
