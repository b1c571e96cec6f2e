import { openDatabase } from '../src/lib/server/db/open.js';
import { closeMeeting } from '../src/lib/server/procedure/closing.ts';
import { createMeeting, addAgendaItem } from '../src/lib/server/meetings/calling.ts';
import { notifyMeeting, openMeeting } from '../src/lib/server/meetings/notice.ts';
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
import { type Actor } from '../src/lib/server/permissions/index.ts';

function withDb<T>(app: App, use: (db: Db) => T): T {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		return use(db);
	} finally {
		db.close();
	}
}

test('the fruit-tree consultation ends in a consultation outcome, never a resolution', async ({
	app,
	page
}) => {
	const number = withDb(
		app,
		(db) =>
			db
				.prepare("select number from topics where title = '荒山栽种果树4900棵'")
				.pluck()
				.get() as string
	);
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/topics/${number}`);
	await page.getByRole('link', { name: '协商过程与协商意见' }).click();
	await expect(page).toHaveURL(`/xinyang/topics/${number}/consultation`);
	const parties = page.getByRole('region', { name: '协商各方' });
	for (const name of ['刘志强', '张秀英', '种植大户周强'])
		await expect(parties).toContainText(name);
	await expect(page.getByRole('region', { name: '协商议事会' })).toContainText('先修一条上山便道');
	await expect(page.getByTestId('consultation-outcome')).toContainText(
		'各方同意在后山荒坡栽种果树'
	);
	await expect(page.getByText('协商意见不是决议：协商议事会不表决、不作决定。')).toBeVisible();
	await expect(page.getByText('已提交村民会议或村民代表会议决定。')).toBeVisible();
	await expect(page.getByRole('main')).not.toContainText('决〔');
	await checkA11y(page);

	const rows = withDb(app, (db) => ({
		resolutions: db
			.prepare(
				'select count(*) from resolutions r join topics t on t.id = r.topic_id where t.number = ?'
			)
			.pluck()
			.get(number),
		notices: db
			.prepare(
				'select n.kind, n.resolution_id, n.title from notices n join topics t on t.id = n.topic_id where t.number = ?'
			)
			.all(number) as { kind: string; resolution_id: number | null; title: string }[]
	}));
	expect(rows.resolutions).toBe(0);
	expect(rows.notices).toEqual([
		expect.objectContaining({ kind: 'consultation_outcome', resolution_id: null })
	]);
	expect(rows.notices[0].title).not.toMatch(/决议|决〔/);

	// The feedback, posted without JavaScript.
	await page.context().clearCookies();
	const noJs = await page.context().browser()!.newContext({
		baseURL: app.url,
		javaScriptEnabled: false,
		viewport: PHONE_VIEWPORT
	});
	try {
		const p = await noJs.newPage();
		await addSession(p, DEMO.clerk.phone, DEMO.clerk.password);
		await p.goto(`/xinyang/topics/${number}/consultation`);
		await p.getByLabel('协商意见采纳情况').fill('协商意见已全部提交村民代表会议。');
		await p.getByRole('button', { name: '公布反馈' }).click();
		await expect(p.getByText(/已在公告第\d+号公开反馈。/)).toBeVisible();
		await checkA11yWithoutScripts(p);
		await expectNoHorizontalOverflow(p);
	} finally {
		await noJs.close();
	}
});

test('an urgent coordination meeting records who acts, and says it decides nothing', async ({
	app,
	page
}) => {
	const meetingId = withDb(app, (db) => {
		const u = db
			.prepare("select id, person_id, role from users where phone = '13800000001'")
			.get() as {
			id: number;
			person_id: number;
			role: Actor['role'];
		};
		const clerk: Actor = { userId: u.id, personId: u.person_id, role: u.role };
		const v = (db.prepare("select id from villages where slug = 'xinyang'").get() as { id: number })
			.id;
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
		const m = createMeeting(db, clerk, v, {
			type: 'urgent_coordination',
			title: '紧急协调会：村民户口迁移',
			meetingDate: today
		});
		if (!m.ok) throw new Error(m.reason);
		addAgendaItem(db, clerk, v, m.meeting.id, { title: '户口迁移证明' });
		const n = notifyMeeting(db, clerk, v, m.meeting.id, { attendees: [u.person_id] });
		if (!n.ok) throw new Error(n.reason);
		if (!openMeeting(db, clerk, v, m.meeting.id).ok) throw new Error('open');
		if (!closeMeeting(db, clerk, v, m.meeting.id, { confirmed: true }).ok) throw new Error('close');
		return m.meeting.id;
	});
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/meetings/${meetingId}/outcome`);
	await expect(page.getByTestId('no-resolution')).toContainText('紧急协调会不能作出决议');
	await page.getByLabel('商定事项').fill('当晚协调派出所开具户口迁移证明。');
	await page.getByLabel('或填写姓名 1').fill('王丽');
	await page.getByLabel('任务 1').fill('连夜联系派出所');
	await page.getByRole('button', { name: '记录协调结果' }).click();
	await expect(page.getByRole('status')).toHaveText('协调结果已记录。');
	await expect(page.getByRole('main')).toContainText('王丽：连夜联系派出所');
	await checkA11y(page);
	expect(
		withDb(app, (db) =>
			db.prepare('select count(*) from resolutions where meeting_id = ?').pluck().get(meetingId)
		)
	).toBe(0);
	// Another meeting type has no such page.
	expect((await page.request.get('/xinyang/meetings/1/outcome')).status()).toBe(404);
});
