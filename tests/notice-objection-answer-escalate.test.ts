import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	loginWithoutScripts,
	open,
	test
} from './fixtures.ts';
import { noticeSeq, postOldNotice } from './notice-helpers.ts';
import { DEMO_GENERAL_NOTICE_TITLE } from '../src/lib/server/seed/demo-notices.ts';

const rep = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
const PHONE = /(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/;
const OBJECTION = '储藏库租金三万元偏低，建议按市场价重新评估。';
const ANSWER = '租金经村民代表会议按评估价确定，评估报告可在议事厅查阅。';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('a villager objects in the window, the clerk answers at the desk, the objector refers it on; the public sees both without a name', async ({
	app,
	newContext
}) => {
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);
	const path = `/xinyang/notices/${seq}`;

	const villagerContext = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const villager = await villagerContext.newPage();
	await addSession(villager, rep.phone, rep.password);
	await villager.goto(path);
	const section = villager.getByRole('region', { name: '异议' });
	// Empty text is refused with a message and nothing filed.
	await section.getByLabel('您的异议').fill('   ');
	await section.getByRole('button', { name: '提出异议' }).click();
	await expect(villager.getByRole('alert')).toHaveText('请填写内容（不超过2000字）。');
	await section.getByLabel('您的异议').fill(OBJECTION);
	await section.getByRole('button', { name: '提出异议' }).click();
	await expect(villager).toHaveURL(new RegExp(`${path}\\?done=filed#objection-2$`));
	await expect(villager.getByRole('status')).toHaveText('异议已提交。');
	const mine = villager.locator('#objection-2');
	await expect(mine.getByText('这是您提出的异议')).toBeVisible();
	await expect(mine.getByText(/答复期限/)).toBeVisible();
	await expect(mine.getByText('尚未答复')).toBeVisible();
	await checkA11yWithoutScripts(villager);

	// The clerk sees it on the desk with its deadline and answers there.
	const clerkContext = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const clerk = await clerkContext.newPage();
	await addSession(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await clerk.goto('/xinyang/notices/desk');
	await expect(clerk.getByRole('heading', { name: '待答复的异议（1）' })).toBeVisible();
	await expect(clerk.getByText(OBJECTION)).toBeVisible();
	await expectNoHorizontalOverflow(clerk);
	await checkA11yWithoutScripts(clerk);
	await clerk.getByLabel('答复内容').fill(ANSWER);
	await clerk.getByRole('button', { name: '公开答复' }).click();
	await expect(clerk).toHaveURL('/xinyang/notices/desk?answered');
	await expect(clerk.getByText('没有待答复的异议。')).toBeVisible();
	// Answered once: a second answer is refused.
	const again = await clerk.request.post('/xinyang/notices/desk?/answer', {
		headers: formPostHeaders(app),
		form: { objection: '2', answer: '再答一次' }
	});
	expect(again.status()).toBe(400);
	expect(await again.text()).toContain('这条异议已经答复');

	// Not satisfied: the objector refers it to the township, once.
	await villager.goto(path);
	await mine.getByRole('button', { name: '不满意，提请乡镇处理' }).click();
	await expect(villager.getByRole('status')).toHaveText('已提请乡镇处理。');
	await expect(mine.getByText(/已于 .* 提请乡镇处理/)).toBeVisible();
	await expect(mine.getByRole('button', { name: '不满意，提请乡镇处理' })).toHaveCount(0);

	// Another signed-in villager cannot refer someone else's objection.
	const other = await villager.request.post(`${path}?/escalate`, {
		headers: formPostHeaders(app),
		form: { objection: '1' }
	});
	expect(other.status()).toBe(403);

	// The public page: both objections and answers, numbered, without names or phone numbers.
	const publicContext = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const reader = await publicContext.newPage();
	await reader.goto(path);
	const pub = reader.locator('#objection-2');
	await expect(pub.getByRole('heading', { name: '异议2' })).toBeVisible();
	await expect(pub.getByText(OBJECTION)).toBeVisible();
	await expect(pub.getByText(ANSWER)).toBeVisible();
	await expect(pub.getByText(/提请乡镇处理/)).toBeVisible();
	const html = await reader.content();
	expect(html).not.toContain(rep.name);
	expect(html).not.toContain('张秀英');
	expect(html).not.toMatch(PHONE);
});

test('an objection after the window is refused; a reader without an account cannot object', async ({
	app,
	newContext,
	page
}) => {
	const seq = postOldNotice(app, '三周前的分配方案公示');
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const villager = await context.newPage();
	await addSession(villager, rep.phone, rep.password);
	await villager.goto(`/xinyang/notices/${seq}`);
	await expect(villager.getByText(/^异议期已于 .* 结束$/)).toBeVisible();
	await expect(villager.getByRole('button', { name: '提出异议' })).toHaveCount(0);
	const late = await villager.request.post(`/xinyang/notices/${seq}?/object`, {
		headers: formPostHeaders(app),
		form: { text: '晚了的异议' }
	});
	expect(late.status()).toBe(400);
	expect(await late.text()).toContain('异议期已过，不能再提出异议。');

	const anonymous = await page.request.post(`/xinyang/notices/${seq}?/object`, {
		headers: formPostHeaders(app),
		form: { text: '匿名异议' }
	});
	expect(anonymous.status()).toBe(403);
});

test('the clerk posts a finance notice and a correction from the desk, and the dashboard shows the cadence', async ({
	page
}) => {
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/dashboard');
	const cadence = page.getByRole('region', { name: '村务公开是否按期' });
	await expect(cadence.getByText(/^最近一次财务公开：/)).toBeVisible();
	await expect(cadence.getByText(/^最近一次村务公开：/)).toBeVisible();
	await expect(cadence.getByText('从未发布')).toHaveCount(0);
	await expect(cadence.getByText('待答复的异议 0 条，其中已逾期 0 条')).toBeVisible();

	await page.goto('/xinyang/notices/desk');
	const post = page.getByRole('region', { name: '发布村务公开或财务公开' });
	await post.getByLabel('类别').selectOption({ label: '财务公开' });
	await post.getByLabel('标题').fill('');
	await post.getByLabel('正文').fill('收入：无');
	// The browser's own check is bypassed without JS only by a crafted post; try a blank title.
	const blank = await page.request.post('/xinyang/notices/desk?/post', {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		form: { kind: 'finance', title: ' ', summary: '', body: '收入：无' }
	});
	expect(blank.status()).toBe(400);
	expect(await blank.text()).toContain('请填写标题');
	await post.getByLabel('标题').fill('村级公益事业专项资金使用情况');
	await post.getByRole('button', { name: '发布' }).click();
	await expect(page).toHaveURL(/\/xinyang\/notices\/desk\?posted=\d+$/);
	const seq = Number(new URL(page.url()).searchParams.get('posted'));

	const correct = page.getByRole('region', { name: '更正已发布的公告' });
	await correct.getByLabel('被更正公告的编号').fill(String(seq));
	await correct.getByLabel('标题').fill('村级公益事业专项资金使用情况（更正）');
	await correct.getByLabel('正文').fill('收入：上级拨付2万元');
	await correct.getByRole('button', { name: '发布更正' }).click();
	const fixSeq = Number(new URL(page.url()).searchParams.get('posted'));
	expect(fixSeq).toBe(seq + 1);

	await page.goto(`/xinyang/notices/${seq}`);
	await expect(page.getByText('本公告已被更正，请看')).toBeVisible();
	await page.getByRole('link', { name: new RegExp(`公告第${fixSeq}号`) }).click();
	await expect(page.getByText('本公告更正了')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'村级公益事业专项资金使用情况（更正）'
	);

	// A villager may not use the desk.
	const context = page.context();
	await context.clearCookies();
	await loginWithoutScripts(page, DEMO.villager.phone, DEMO.villager.password);
	const r = await page.request.get('/xinyang/notices/desk');
	expect(r.status()).toBe(403);
});

test('with JavaScript: the objection and the answer from the notice page itself', async ({
	app,
	newContext
}) => {
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);
	const path = `/xinyang/notices/${seq}`;
	const villager = await (await newContext({ javaScriptEnabled: true })).newPage();
	await addSession(villager, rep.phone, rep.password);
	await open(villager, path);
	await villager.getByLabel('您的异议').fill(OBJECTION);
	await villager.getByRole('button', { name: '提出异议' }).click();
	await expect(villager.getByRole('status')).toHaveText('异议已提交。');
	await expect(villager.locator('#objection-2').getByText(OBJECTION)).toBeVisible();
	await checkA11y(villager);

	const clerk = await (await newContext({ javaScriptEnabled: true })).newPage();
	await addSession(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await open(clerk, path);
	const item = clerk.locator('#objection-2');
	await item.getByLabel('答复内容').fill(ANSWER);
	await item.getByRole('button', { name: '公开答复' }).click();
	await expect(clerk.getByRole('status')).toHaveText('答复已公开。');
	await expect(item.getByText(ANSWER)).toBeVisible();
	await expect(item.getByLabel('答复内容')).toHaveCount(0);
	await checkA11y(clerk);
});
