// The 4+2 order holds on the procedure page: a skipped step and a representatives' meeting without
// the villagers' meeting's authorisation are refused, naming the rule, and change nothing. The
// register prints as A4 sheets; the clerk records an authorisation without JavaScript.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { recordStep } from '../src/lib/server/procedure/matters.ts';
import { holdPastMeeting } from '../src/lib/server/seed/demo-past-meeting.ts';
import { createTopic } from '../src/lib/server/topics/filing.ts';
import { triageTopic } from '../src/lib/server/topics/triage.ts';
import type { MeetingType } from '../src/lib/server/votes/rules.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	loginWithoutScripts,
	open,
	readOnlyTest,
	test,
	type App
} from './fixtures.ts';
import { query } from './meeting-helpers.ts';
import { type Actor } from '../src/lib/server/permissions/index.ts';

/**
 * A livelihood matter on the 4+2 track (no authorisation covers livelihood), with a passed motion
 * of each of these meetings held in spring before its triage; `recorded` of them entered as steps.
 */
function matterWith(app: App, types: MeetingType[], recorded: number, lastFails = false) {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const u = db
			.prepare('select id, person_id, role from users where phone = ?')
			.get(DEMO.clerk.phone) as { id: number; person_id: number; role: Actor['role'] };
		const clerk: Actor = { userId: u.id, personId: u.person_id, role: u.role };
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const t = createTopic(
			db,
			clerk,
			village,
			{
				title: '二组排水沟改造',
				description: '雨季排水不畅。',
				category: 'livelihood',
				place: '二组',
				affected: '二组农户',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: true, now: new Date('2026-03-01T02:00:00Z') }
		);
		if (!t.ok) throw new Error(t.reason);
		const motions = types.map((type, i) => {
			const notice = new Date(Date.UTC(2026, 3, 1 + 15 * i));
			const date = new Date(notice.getTime() + 12 * 86_400_000);
			return holdPastMeeting(db, clerk, village, {
				type,
				title: `排水沟会议${i + 1}`,
				noticeDate: notice.toISOString().slice(0, 10),
				meetingDate: date.toISOString().slice(0, 10),
				motions: [
					{
						agendaTitle: '排水沟',
						topicId: t.topic.id,
						text: `排水沟方案${i + 1}`,
						fails: lastFails && i === types.length - 1
					}
				]
			}).motionIds[0];
		});
		// Voted before the topic joined the 4+2 track, so no opening gate stood in the way: the
		// procedure page is what still refuses them.
		const d = triageTopic(db, clerk, village, t.topic.id, {
			route: 'four_plus_two',
			reason: '公益事业建设',
			art24: ['public_welfare']
		});
		if (!d.ok) throw new Error(d.reason);
		for (const id of motions.slice(0, recorded)) {
			const r = recordStep(db, clerk, village, t.topic.id, id);
			if (!r.ok) throw new Error(r.reason);
		}
		return { number: t.topic.number, topicId: t.topic.id, motions };
	} finally {
		db.close();
	}
}

const events = (app: App, topicId: number) =>
	query<{ n: number }>(
		app,
		'select count(*) as n from procedure_events where topic_id = ?',
		topicId
	)[0].n;

test('a skipped step and an unauthorised representatives’ meeting are refused, naming the rule', async ({
	app,
	page
}) => {
	// A matter at step 1 offered the representatives' meeting's decision: no skipping.
	const early = matterWith(app, ['reps_meeting'], 0);
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, `/xinyang/topics/${early.number}/procedure`);
	await expect(page.getByTestId('position')).toHaveText('当前在第1步');
	await expect(page.getByText('本村实行“一肩挑”')).toBeVisible();
	await page
		.getByTestId(`motion-${early.motions[0]}`)
		.getByRole('button', { name: '记为第1步' })
		.click();
	await expect(page.getByRole('alert')).toHaveText(
		'步骤不能跳过：当前是第1步，须由支委会 / 两委联席会通过的表决完成。'
	);
	expect(events(app, early.topicId)).toBe(0);
	await checkA11y(page);

	// At step 4, a representatives' meeting with no authorisation for livelihood matters.
	const late = matterWith(app, ['two_committees', 'party_assembly', 'reps_meeting'], 2);
	await open(page, `/xinyang/topics/${late.number}/procedure`);
	await expect(page.getByTestId('position')).toHaveText('当前在第4步');
	await expect(page.getByText('村民代表会议只能决定村民会议已授权的事项')).toBeVisible();
	await page
		.getByTestId(`motion-${late.motions[2]}`)
		.getByRole('button', { name: '记为第4步' })
		.click();
	await expect(page.getByRole('alert')).toHaveText(
		'村民代表会议未获授权：没有村民会议对此类事项在会议日期有效的授权。'
	);
	// Steps 1–2 were one event (一肩挑), step 3 the other: nothing was added.
	expect(events(app, late.topicId)).toBe(2);

	// A villager reads the procedure but cannot act; a forged post is refused.
	const villager = await page.context().browser()!.newContext({ baseURL: app.url });
	const vpage = await villager.newPage();
	await addSession(vpage, DEMO.villager.phone, DEMO.villager.password);
	await open(vpage, `/xinyang/topics/${late.number}/procedure`);
	await expect(vpage.getByRole('button', { name: '记为第4步' })).toHaveCount(0);
	const forged = await vpage.request.post(`/xinyang/topics/${late.number}/procedure?/step`, {
		headers: { origin: app.url, accept: 'text/html' },
		form: { motion: String(late.motions[2]) }
	});
	expect(forged.status()).toBe(403);
	expect(events(app, late.topicId)).toBe(2);
	await villager.close();
});

test('after a failed review the clerk sends the matter back to step 2 with a reason, without JavaScript', async ({
	app,
	newContext
}) => {
	const matter = matterWith(app, ['two_committees', 'party_assembly'], 1, true);
	const page = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/topics/${matter.number}/procedure`);
	await expect(page.getByTestId('position')).toHaveText('当前在第3步');
	const failed = page.getByTestId(`motion-${matter.motions[1]}`);
	await expect(failed.getByRole('button', { name: '记为第3步' })).toHaveCount(0);
	await failed.getByRole('radio', { name: '退回第2步（两委商议）修改' }).check();
	await failed.getByLabel('理由（必填）').fill('党员大会未通过，需调整选址后再议');
	await expectNoHorizontalOverflow(page);
	await checkA11yWithoutScripts(page);
	await failed.getByRole('button', { name: '记录' }).click();
	await expect(page.getByRole('status')).toHaveText('已记录。');
	// Back to step 2: the joint meeting's step 1 stands, its step 2 is to be done again.
	await expect(page.getByTestId('position')).toHaveText('当前在第2步');
	await expect(page.getByText('理由：党员大会未通过，需调整选址后再议')).toBeVisible();
	// A blank reason is refused.
	const blank = await page.request.post(`/xinyang/topics/${matter.number}/procedure?/failed`, {
		headers: { origin: app.url, accept: 'text/html' },
		form: { motion: String(matter.motions[1]), choice: 'end', reason: ' ' }
	});
	expect(blank.status()).toBe(400);
	expect(await blank.text()).toContain('请写明理由（最多500字）。');
});

// Printing the register changes nothing: one server per worker is enough.
readOnlyTest('the register prints its six sheets on A4', async ({ page }) => {
	await addSession(page, DEMO.secretary.phone, DEMO.secretary.password);
	await open(page, '/xinyang/topics/XY-2026-0001/procedure');
	await page.getByRole('link', { name: '台账（六张表，可打印）' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'四议两公开台账：建设1000平方米果蔬储藏库'
	);
	await expect(page.getByTestId('sheet-3')).toContainText('党员大会：审议果蔬储藏库建设方案');
	await expect(page.getByTestId('sheet-1')).toContainText('两委联席会议：果蔬储藏库建设方案');
	await expect(page.getByTestId('sheet-1')).toContainText('李建国');
	await expect(page.getByTestId('sheet-6')).toContainText('尚未进行');
	await checkA11y(page);
	await page.setViewportSize(PHONE_VIEWPORT);
	await expectNoHorizontalOverflow(page);

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印台账' })).toBeHidden();
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	const raw = pdf.toString('latin1');
	expect(raw.slice(0, 5)).toBe('%PDF-');
	expect((raw.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(6);
	const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw);
	expect(Math.abs(Number(box![1]) - 595)).toBeLessThan(3);
	expect(Math.abs(Number(box![2]) - 842)).toBeLessThan(3);
});

test('the clerk records an authorisation of the representatives’ meeting without JavaScript', async ({
	app,
	newContext
}) => {
	const page = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/authorizations');
	// The demo's villagers' meeting authorised development and ecology matters.
	await expect(page.getByTestId('authorizations')).toContainText('发展项目');
	await expectNoHorizontalOverflow(page);
	await checkA11yWithoutScripts(page);
	const before = query(app, 'select count(*) as n from reps_authorizations');

	// Its other passed motion is still offered; no category chosen is refused.
	await page.getByRole('radio').first().check();
	await page.getByLabel('起始日期').fill('2026-12-01');
	await page.getByLabel('截止日期').fill('2027-11-30');
	await page.getByRole('button', { name: '记录授权' }).click();
	await expect(page.getByRole('alert')).toHaveText('请至少选择一个类别；村规民约不能授权。');
	expect(query(app, 'select count(*) as n from reps_authorizations')).toEqual(before);
	await expect(page.getByRole('checkbox', { name: '村规民约' })).toHaveCount(0);

	await page.getByRole('radio').first().check();
	await page.getByRole('checkbox', { name: '民生诉求' }).check();
	await page.getByLabel('起始日期').fill('2026-12-01');
	await page.getByLabel('截止日期').fill('2027-11-30');
	await page.getByRole('button', { name: '记录授权' }).click();
	await expect(page.getByRole('status')).toHaveText('授权已记录。');
	await expect(page.getByTestId('authorizations')).toContainText('民生诉求');

	// A villager cannot reach the page.
	const villager = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(villager, DEMO.villager.phone, DEMO.villager.password);
	expect((await villager.goto('/xinyang/authorizations'))!.status()).toBe(403);
});
