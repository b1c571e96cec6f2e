import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	login,
	test
} from './fixtures.ts';
import { demoMeeting, draftMeeting, query } from './meeting-helpers.ts';

const { villager } = DEMO;
const rep = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
const PHONE_NUMBER = /1[3-9]\d{9}/;

test('the meeting notice is public, names no phone number, and keeps drafts hidden', async ({
	page,
	app,
	request
}) => {
	const { meetingId } = demoMeeting(app);
	const path = `/xinyang/meetings/${meetingId}`;
	await page.setViewportSize(PHONE_VIEWPORT);

	// Signed out, anyone reads the notice: what, when, where, who chairs, the agenda, who is called.
	await page.goto(path);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'村民代表会议：果蔬储藏库建设方案'
	);
	const notice = page.getByRole('region', { name: '会议通知' });
	await expect(notice).toContainText('湖边议事厅');
	await expect(notice).toContainText('09:00');
	await expect(notice.getByText('李建国')).toBeVisible();
	await expect(notice.getByText('王丽')).toBeVisible();
	const agenda = page.getByRole('region', { name: '议程' });
	await expect(agenda.getByRole('heading', { name: '建设1000平方米果蔬储藏库' })).toBeVisible();
	await expect(agenda).toContainText('总投资72.4万元');
	const called = page.getByRole('region', { name: '应到人员' });
	await expect(called).toContainText('应到 28 人，其中有表决权 25 人。');
	await expect(called).toContainText('村民代表：');
	// 2026 art. 37: the supervision body attends without a vote.
	await expect(called).toContainText('村务监督委员会成员（列席，无表决权）：3 人');
	// Plain words first; the formulas one tap away under 计算方法 (issue 16 item 3).
	await expect(called.getByTestId('quorum-verdict')).toHaveText(
		'应到 25 人，实到 0 人，还差 17 人才能表决（需三分之二以上，即至少 17 人）'
	);
	await expect(called.getByTestId('pass-rule')).toHaveText('同意票超过实到人数的半数，即为通过');
	await expect(called.getByTestId('quorum-formula')).toBeHidden();
	await called.getByText('计算方法').first().click();
	await expect(called.getByTestId('quorum-formula')).toContainText('3 × 0 ≥ 2 × 25');
	await expect(called).toContainText('通过条件: 2 × 同意票 > 实到');
	await expect(page.getByText('参会人员请先登录')).toBeVisible();
	await expect(page.getByRole('button', { name: '同意' })).toHaveCount(0);
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
		'content',
		'村民代表会议：果蔬储藏库建设方案 · 新阳村'
	);
	await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
		'content',
		/^村民代表会议，.* 09:00，湖边议事厅。议程：建设1000平方米果蔬储藏库$/
	);
	expect(await page.content(), 'no phone number on the public notice').not.toMatch(PHONE_NUMBER);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// A draft, nonsense and a missing id read as missing; the hall is for staff only.
	const draft = draftMeeting(app, '还在准备的会议');
	for (const missing of [
		`/xinyang/meetings/${draft}`,
		'/xinyang/meetings/abc',
		'/xinyang/meetings/999999'
	])
		expect((await request.get(missing)).status(), missing).toBe(404);
	const hall = await request.get(`${path}/hall`, { maxRedirects: 0 });
	expect(hall.status()).toBe(303);
	expect(hall.headers()['location']).toBe(`/login?next=${encodeURIComponent(`${path}/hall`)}`);
	// Signed out, a vote or an opinion goes to the login page and stores nothing.
	const anonymousVote = await request.post(`${path}?/vote`, {
		form: { motionId: '1', choice: 'yes', confirmed: 'yes' },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(anonymousVote.status()).toBe(303);
	expect(anonymousVote.headers()['location']).toMatch(/^\/login\?next=/);

	await login(page, villager.phone, villager.password);
	expect((await page.request.get(`${path}/hall`)).status(), 'a villager at the hall screen').toBe(
		403
	);
	await page.goto(path);
	await expect(page.getByRole('region', { name: '我的签到' })).toContainText(
		'您不在本次会议的应到名单中。'
	);
	await expect(page.getByLabel(/的书面意见$/)).toHaveCount(0);
});

test('a representative sends a written opinion before the meeting, without JavaScript', async ({
	newContext,
	app
}) => {
	const { meetingId } = demoMeeting(app);
	const path = `/xinyang/meetings/${meetingId}`;
	const phone = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await phone.goto(`/login?next=${encodeURIComponent(path)}`);
	await phone.getByLabel('手机号').fill(rep.phone);
	await phone.getByLabel('密码', { exact: true }).fill(rep.password);
	await phone.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(phone).toHaveURL(path);
	await expect(phone.getByTestId('my-status')).toHaveText(
		'您还没有签到。到会后请用手机扫描会场大屏上的二维码签到。'
	);
	await checkA11yWithoutScripts(phone);
	await expectNoHorizontalOverflow(phone);

	const field = phone.getByLabel('我对“建设1000平方米果蔬储藏库”的书面意见');
	const send = phone.getByRole('button', { name: '提交书面意见' });
	// Empty: the field says so and nothing is stored.
	await send.click();
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAccessibleDescription('此项必填。');
	await checkA11yWithoutScripts(phone);

	const opinion = '选址离村小学不到两百米，运输车辆进出请避开上下学时间。';
	await field.fill(opinion);
	await send.click();
	await expect(phone).toHaveURL(`${path}?done=opinion`);
	await expect(phone.getByRole('status').filter({ hasText: '书面意见已提交。' })).toBeVisible();
	await expect(phone.getByRole('heading', { name: '我提交的意见' })).toBeVisible();
	await expect(phone.getByText(opinion)).toBeVisible();

	// An agenda item of no meeting of ours: 404 and a message, nothing stored.
	const forged = await phone.request.post(`${path}?/opinion`, {
		form: { agendaItemId: '999999', text: '意见' },
		headers: formPostHeaders(app)
	});
	expect(forged.status()).toBe(404);
	expect(await forged.text()).toContain('这项议程不属于本次会议。');
	// (The demo's closed assembly has an opinion of its own.)
	expect(
		query(
			app,
			`select o.text from written_opinions o join agenda_items a on a.id = o.agenda_item_id
			 where a.meeting_id = ${meetingId}`
		)
	).toEqual([{ text: opinion }]);
	expect(
		query(
			app,
			`select count(*) as n from audit where action = 'meeting.written_opinion_recorded' and subject_id = '${meetingId}'`
		)
	).toEqual([{ n: 1 }]);
});
