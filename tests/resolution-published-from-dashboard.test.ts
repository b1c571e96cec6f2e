// Issue 15 item 4: today's representatives' meeting decides the storage house under the villagers'
// meeting's authorisation; the close records step 4 and numbers the resolution at once, the console
// and the minutes link it, and the clerk puts it on the public board with one click on the
// dashboard, without JavaScript. The board, the register and the resolution page show it, citing
// the authorisation.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { recordHands } from '../src/lib/server/votes/ballots.ts';
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
import {
	closeMeetingNow,
	closeMotionNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const MOTION = '同意建设1000平方米果蔬储藏库，总投资72.4万元。';

/** Today's representatives' meeting passes the storage house by a show of hands, and closes. */
function decideToday(app: App): { meetingId: number; motionId: number } {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId));
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
			{ no: 1, abstain: 0, othersYes: true }
		);
		expect(r.ok).toBe(true);
	} finally {
		db.close();
	}
	closeMotionNow(app, motionId);
	return { meetingId, motionId };
}

test('a passed 4+2 decision reaches the public board with one publish click on the dashboard, without JavaScript', async ({
	app,
	newContext
}) => {
	const { meetingId, motionId } = decideToday(app);
	const [resolution] = query<{ id: number; number: string }>(
		app,
		'select id, number from resolutions where motion_id = ?',
		motionId
	);
	expect(resolution.number).toMatch(/^新阳村决〔\d{4}〕\d+号$/);
	const clerk = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await loginWithoutScripts(clerk, DEMO.clerk.phone, DEMO.clerk.password);

	// Step 4 is recorded by the close itself: the procedure page is at step 5 before the meeting ends.
	await clerk.goto('/xinyang/topics/XY-2026-0001/procedure');
	await expect(clerk.getByTestId('position')).toHaveText('当前在第5步');
	// The console shows the number with a link, the moment the vote closes.
	await clerk.goto(`/xinyang/meetings/${meetingId}/console`);
	const onConsole = clerk.getByTestId('motion-resolution');
	await expect(onConsole).toContainText(resolution.number);
	expect(
		await onConsole
			.getByRole('link')
			.evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)
	).toBe(`/xinyang/resolutions/${resolution.id}`);
	closeMeetingNow(app, meetingId);
	await clerk.goto(`/xinyang/meetings/${meetingId}/minutes`);
	await expect(clerk.getByTestId('motion-resolution')).toContainText(resolution.number);

	// The resolution page says where it is published, and by whom; before, the public register
	// lists its number as not published, without its text.
	const reader = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await reader.goto(`/xinyang/resolutions/${resolution.id}`);
	await expect(reader.getByTestId('publish-where')).toContainText('待公布的决议');
	await expect(reader.getByRole('button', { name: '在公开栏公布决议' })).toHaveCount(0);
	await reader.goto('/xinyang/resolutions');
	const entry = reader.getByTestId(`register-${resolution.number}`);
	await expect(entry).toContainText(/第\d+号决议 未公布：.*待公布/);
	await expect(entry).not.toContainText('储藏库');

	// One click on the dashboard.
	await clerk.goto('/xinyang/dashboard');
	const pending = clerk.getByTestId('pending-resolutions');
	await expect(pending).toContainText(resolution.number);
	await expectNoHorizontalOverflow(clerk);
	await checkA11yWithoutScripts(clerk);
	await pending.getByRole('button', { name: `公布 ${resolution.number}` }).click();
	await expect(clerk.getByRole('status')).toContainText(`已在公开栏公布：${resolution.number}`);
	await expect(pending.getByTestId(`pending-${resolution.id}`)).toHaveCount(0);
	await checkA11yWithoutScripts(clerk);

	// A second tap (a stale page, a double submit) is refused by name and posts nothing.
	const again = await clerk.request.post('/xinyang/dashboard?/publish', {
		headers: { origin: app.url, accept: 'text/html' },
		form: { resolution: String(resolution.id) }
	});
	expect(again.status()).toBe(400);
	expect(await again.text()).toContain('这项决议已经公布。');
	const notices = query<{ seq: number; body: string }>(
		app,
		"select seq, body from notices where kind = 'resolution' and resolution_id = ?",
		resolution.id
	);
	expect(notices).toHaveLength(1);
	const [grant] = query<{ title: string; meeting_date: string; valid_to: string }>(
		app,
		`select m.title, m.meeting_date, r.valid_to from reps_authorizations r
		 join motions mo on mo.id = r.motion_id join meetings m on m.id = mo.meeting_id`
	);
	expect(notices[0].body).toContain(`决定依据：${grant.title}（${grant.meeting_date}）`);

	// Logged out, no JavaScript: the board lists it, the resolution page cites the authorisation,
	// and the register now links it with its text.
	await reader.goto('/xinyang/notices');
	await expect(reader.getByRole('main')).toContainText(resolution.number);
	await reader.goto(`/xinyang/notices/${notices[0].seq}`);
	await expect(reader.getByRole('main')).toContainText('决定依据');
	await reader.goto(`/xinyang/resolutions/${resolution.id}`);
	await expect(reader.getByTestId('notice-link')).toBeVisible();
	const cited = reader.getByTestId('authorization');
	await expect(cited).toContainText(grant.title);
	await expect(cited).toContainText('授权村民代表会议决定');
	await expectNoHorizontalOverflow(reader);
	await checkA11yWithoutScripts(reader);
	await reader.goto('/xinyang/resolutions');
	await expect(entry.getByRole('link', { name: resolution.number })).toBeVisible();
	await expect(entry).toContainText(MOTION);
	await checkA11yWithoutScripts(reader);
	expect(
		query(
			app,
			"select count(*) as n from audit where action = 'procedure.steps_recorded' and subject_id = (select cast(id as text) from topics where number = 'XY-2026-0001')"
		)
	).toEqual([{ n: 4 }]);
});
