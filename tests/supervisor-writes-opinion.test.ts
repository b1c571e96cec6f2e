// A member of the supervision committee opens their workspace, finds a finished project waiting
// for the committee's opinion, an unanswered objection, the disclosure cadence and the spending,
// and writes the opinion themselves without JavaScript; the clerk can read it but not write it.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import type { Actor } from '../src/lib/server/permissions/index.ts';
import { createTopic } from '../src/lib/server/topics/filing.ts';
import { triageTopic } from '../src/lib/server/topics/triage.ts';
import {
	completeImplementation,
	recordProgress,
	startImplementation
} from '../src/lib/server/implementation/progress.ts';
import { fileObjection } from '../src/lib/server/notices/objections.ts';
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

const { clerk } = DEMO;
const supervisor = { name: '陈淑珍', phone: '13800000006', password: 'demo-supervisor-2026' };
const TITLE = '修缮村文化活动室';
const OBJECTION = '活动室的验收是谁签的字？';
const OPINION = '经现场查看，屋顶已不漏雨；超支部分请在财务公开中说明。';

function withDb<T>(app: App, use: (db: Db, villageId: number) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const v = db.prepare("select id from villages where slug = 'xinyang'").pluck().get() as number;
		return use(db, v);
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

function must<T extends { ok: boolean }>(r: T): T {
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r;
}

/** A case handled directly, built and finished over budget, and an objection left unanswered. */
function finishedProject(app: App): { number: string; topicId: number } {
	return withDb(app, (db, v) => {
		const villager = actorOf(db, DEMO.villager.phone);
		const staff = actorOf(db, clerk.phone);
		const t = createTopic(
			db,
			villager,
			v,
			{
				title: TITLE,
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
		const id = t.topic.id;
		must(triageTopic(db, staff, v, id, { route: 'direct', reason: '村里直接办理', art24: [] }));
		must(
			startImplementation(db, staff, v, id, {
				responsiblePersonId: actorOf(db, DEMO.secretary.phone).personId!,
				plan: '更换屋顶防水层。',
				budget: [{ source: '村集体自筹', amountFen: 5_000_000 }]
			})
		);
		const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
		must(
			recordProgress(db, staff, v, id, {
				onDate: today,
				percent: 100,
				spentFen: 5_600_000,
				note: '完工'
			})
		);
		must(completeImplementation(db, staff, v, id, { completedOn: today, summary: '屋顶修好了。' }));
		const notice = db
			.prepare(
				'select id from notices where village_id = ? and objections_until is not null and objections_until >= ? order by id limit 1'
			)
			.pluck()
			.get(v, today) as number;
		must(fileObjection(db, villager, v, notice, OBJECTION));
		return { number: t.topic.number, topicId: id };
	});
}

const disclosures = (app: App) =>
	withDb(app, (db) =>
		db.prepare('select count(*) from implementation_disclosures').pluck().get()
	) as number;

test('a supervisor writes the committee opinion in their workspace without JavaScript; the clerk cannot', async ({
	app,
	newContext
}) => {
	const { number, topicId } = finishedProject(app);
	const before = disclosures(app);

	// The clerk is not on the committee: the workspace and its form are refused, nothing stored.
	const clerkContext = await newContext({ javaScriptEnabled: false });
	const clerkPage = await clerkContext.newPage();
	await loginWithoutScripts(clerkPage, clerk.phone, clerk.password);
	expect((await clerkPage.goto('/xinyang/supervision'))!.status()).toBe(403);
	const forged = await clerkPage.request.post('/xinyang/supervision?/disclose', {
		headers: formPostHeaders(app),
		form: { topicId: String(topicId), opinion: '文书替监委会写的意见' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
	expect(disclosures(app)).toBe(before);

	const phone = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await phone.newPage();
	await loginWithoutScripts(page, supervisor.phone, supervisor.password);
	await page.goto('/xinyang');
	await page.getByRole('link', { name: '村务监督工作台' }).click();
	await expect(page).toHaveURL('/xinyang/supervision');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('村务监督工作台');

	const waiting = page.getByTestId('awaiting').filter({ hasText: TITLE });
	await expect(waiting).toContainText('已花 ¥56,000，预算 ¥50,000');
	await expect(waiting).toContainText('超出预算');
	await expect(page.getByTestId('objection').filter({ hasText: OBJECTION })).toBeVisible();
	await expect(page.getByTestId('cadence')).toContainText('最近一次财务公开');
	await expect(page.getByTestId('spending').filter({ hasText: TITLE })).toContainText(
		'已竣工，等监委会意见'
	);
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// Blank words are refused with a reason, and nothing is posted.
	await waiting.getByLabel(`对“${TITLE}”的意见`).fill('   ');
	await waiting.getByRole('button', { name: '出具意见并公开结果' }).click();
	await expect(page.getByRole('alert')).toHaveText(/请填写监督委员会意见/);
	expect(disclosures(app)).toBe(before);

	await page
		.getByTestId('awaiting')
		.filter({ hasText: TITLE })
		.getByLabel(`对“${TITLE}”的意见`)
		.fill(OPINION);
	await page
		.getByTestId('awaiting')
		.filter({ hasText: TITLE })
		.getByRole('button', { name: '出具意见并公开结果' })
		.click();
	await expect(page).toHaveURL(/\/xinyang\/supervision\?disclosed=\d+$/);
	await expect(page.getByRole('status')).toHaveText(/意见已出具，实施结果已在公告第\d+号公开/);
	await expect(page.getByTestId('awaiting').filter({ hasText: TITLE })).toHaveCount(0);
	await expect(page.getByTestId('spending').filter({ hasText: TITLE })).toContainText('结果已公开');
	expect(disclosures(app)).toBe(before + 1);
	// A reload sends nothing again.
	await page.reload();
	expect(disclosures(app)).toBe(before + 1);

	// It shows where the clerk reads it: the implementation page, with the supervisor's name.
	await clerkPage.goto(`/xinyang/topics/${number}/implementation`);
	await expect(clerkPage.getByText(`${supervisor.name}代表村务监督委员会出具意见`)).toBeVisible();
	await expect(clerkPage.getByText(OPINION)).toBeVisible();
	await expect(clerkPage.getByRole('button', { name: '出具意见并公开结果' })).toHaveCount(0);
	withDb(app, (db) => {
		const row = db
			.prepare(
				`select p.name, d.opinion, d.created_at as at from implementation_disclosures d
				 join implementations i on i.id = d.implementation_id join people p on p.id = d.supervisor_person_id
				 where i.topic_id = ?`
			)
			.get(topicId) as { name: string; opinion: string; at: string };
		expect(row).toMatchObject({ name: supervisor.name, opinion: OPINION });
		expect(Date.now() - Date.parse(row.at)).toBeLessThan(10 * 60_000);
		const audited = db
			.prepare(
				"select count(*) from audit where action = 'implementation.disclosed' and actor_id = (select id from users where phone = ?)"
			)
			.pluck()
			.get(supervisor.phone) as number;
		expect(audited).toBeGreaterThan(0);
	});
});
