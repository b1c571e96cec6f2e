// The storage house from the article, steps 4 and 5: today's representatives' meeting decides it
// (the villagers' meeting authorised it), its close records step 4, the clerk publishes the resolution
// without JavaScript, and a logged-out reader on a phone finds the resolution and its arithmetic.
import type { Page } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { recordHands } from '../src/lib/server/votes/ballots.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	login,
	loginWithoutScripts,
	open,
	test,
	type App
} from './fixtures.ts';
import {
	closeMeetingNow,
	closeMotionNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const PROCEDURE = '/xinyang/topics/XY-2026-0001/procedure';
const PHONE = /(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/;
const MOTION =
	'同意建设1000平方米果蔬储藏库，总投资72.4万元（中央扶持资金50万元，村集体自筹22.4万元）。';

/** Today's representatives' meeting passes the storage house by a show of hands, and closes. */
function decideToday(app: App): number {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const voters = votingRoster(app, meetingId);
	expect(voters.length).toBeGreaterThanOrEqual(17);
	markPresent(app, meetingId, voters);
	const motionId = openNewMotion(app, agendaItemId, MOTION, 'hands');
	const db = openDatabase(app.dbPath) as Db;
	try {
		const clerk = db
			.prepare('select id, person_id from users where phone = ?')
			.get(DEMO.clerk.phone) as { id: number; person_id: number };
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const r = recordHands(
			db,
			{ userId: clerk.id, personId: clerk.person_id, role: 'clerk' },
			village,
			motionId,
			{ no: 1, abstain: 1, othersYes: true }
		);
		expect(r.ok).toBe(true);
	} finally {
		db.close();
	}
	closeMotionNow(app, motionId);
	closeMeetingNow(app, meetingId);
	return motionId;
}

async function position(page: Page) {
	return (await page.getByTestId('position').textContent())?.trim();
}

test('step 4 from today’s meeting, then the resolution is published and read logged out on a phone', async ({
	app,
	page,
	newContext
}) => {
	// The demo's storage house waits at step 4: steps 1–2 in the joint meeting, 3 in the assembly.
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, '/xinyang/topics/XY-2026-0001');
	await page.getByRole('link', { name: '查看四议两公开程序' }).click();
	await expect(page).toHaveURL(PROCEDURE);
	expect(await position(page)).toBe('当前在第4步');
	await expect(page.getByText('两委联席会议：果蔬储藏库建设方案').first()).toBeVisible();
	await checkA11y(page);

	const motionId = decideToday(app);

	// The clerk records and publishes on a phone without JavaScript.
	const phone = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await loginWithoutScripts(phone, DEMO.clerk.phone, DEMO.clerk.password);
	await phone.goto(PROCEDURE);
	// The close recorded step 4 with the resolution (issue 15 item 4): nothing is left to record.
	expect(await position(phone)).toBe('当前在第5步');
	await expect(
		phone.getByTestId(`motion-${motionId}`).getByRole('button', { name: '记为第4步' })
	).toHaveCount(0);
	await expectNoHorizontalOverflow(phone);
	await checkA11yWithoutScripts(phone);
	await phone.getByRole('button', { name: '在公开栏公布决议' }).click();
	await expect(phone.getByRole('status')).toHaveText('决议已公布。');
	expect(await position(phone)).toBe('当前在第6步');

	const [resolution] = query<{ id: number; number: string; text: string }>(
		app,
		'select id, number, text from resolutions where motion_id = ?',
		motionId
	);
	expect(resolution.number).toMatch(/^新阳村决〔\d{4}〕\d+号$/);
	const notices = query<{ seq: number; title: string; body: string; objections_until: string }>(
		app,
		"select seq, title, body, objections_until from notices where kind = 'resolution' and resolution_id = ?",
		resolution.id
	);
	expect(notices).toHaveLength(1);
	expect(notices[0].title).toBe(`${resolution.number} 建设1000平方米果蔬储藏库`);
	expect(notices[0].body).toContain(MOTION);
	expect(notices[0].body).toMatch(/法定人数：.*\d/);
	expect(notices[0].body).toMatch(/通过计算：.*\d/);
	expect(notices[0].objections_until).not.toBeNull();
	expect(
		query(
			app,
			"select count(*) as n from audit where action = 'procedure.steps_recorded' and subject_id = ?",
			String(
				query<{ id: number }>(app, "select id from topics where number = 'XY-2026-0001'")[0].id
			)
		)
	).toEqual([{ n: 4 }]);
	// Publishing twice is refused and posts nothing.
	const again = await phone.request.post(`${PROCEDURE}?/publish`, {
		headers: { origin: app.url, accept: 'text/html' },
		form: {}
	});
	expect(again.status()).toBe(400);
	expect(await again.text()).toContain('只有完成第4步决议后才能公开决议（当前第6步）');
	expect(
		query(
			app,
			"select count(*) as n from notices where kind = 'resolution' and resolution_id = ?",
			resolution.id
		)
	).toEqual([{ n: 1 }]);

	// The notice's short URL (the board's page is another module's; when present it shows it).
	const board = await phone.request.get(`/xinyang/notices/${notices[0].seq}`);
	if (board.status() !== 404) expect(await board.text()).toContain(resolution.number);

	// Logged out, 360 px, no JavaScript: number, text and arithmetic; no phone numbers.
	const reader = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await reader.goto(`/xinyang/resolutions/${resolution.id}`);
	await expect(reader.getByTestId('resolution-number')).toContainText(resolution.number);
	await expect(reader.getByTestId('resolution-text')).toHaveText(MOTION);
	await expect(reader.getByTestId('vote')).toContainText('举手表决');
	await expect(reader.getByTestId('pass-check')).toContainText('2 ×');
	expect(
		await reader
			.getByTestId('notice-link')
			.evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)
	).toBe(`/xinyang/notices/${notices[0].seq}`);
	// Members only: the topic and minutes links.
	await expect(reader.getByRole('link', { name: '会议记录' })).toHaveCount(0);
	await expect(reader.getByRole('link', { name: /XY-2026-0001/ })).toHaveCount(0);
	expect(await reader.locator('body').innerText()).not.toMatch(PHONE);
	await expectNoHorizontalOverflow(reader);
	await reader.evaluate(() => (document.documentElement.style.fontSize = '200%'));
	await expectNoHorizontalOverflow(reader);
	await checkA11yWithoutScripts(reader);
	// Another village's id, or a made-up one, reads as not found.
	expect((await reader.request.get('/xinyang/resolutions/999999')).status()).toBe(404);
	expect((await reader.request.get('/xinyang/resolutions/abc')).status()).toBe(404);

	// Staff append a correction; the resolution as adopted stays.
	await phone.goto(`/xinyang/resolutions/${resolution.id}`);
	const noReason = await phone.request.post(`/xinyang/resolutions/${resolution.id}?/correct`, {
		headers: { origin: app.url, accept: 'text/html' },
		form: { text: '更正', reason: ' ' }
	});
	expect(noReason.status()).toBe(400);
	expect(await noReason.text()).toContain('请填写更正理由（最多500字）。');
	await phone.getByLabel('更正内容').fill('总投资中村集体自筹部分由村集体经济收入列支。');
	await phone.getByLabel('更正理由').fill('补充资金列支渠道');
	await phone.getByRole('button', { name: '追加更正' }).click();
	await expect(phone.getByRole('status')).toHaveText('更正已追加，原决议不变。');
	await expect(phone.getByTestId('corrections')).toContainText('补充资金列支渠道');
	await expect(phone.getByTestId('resolution-text')).toHaveText(MOTION);
	await checkA11yWithoutScripts(phone);
});
