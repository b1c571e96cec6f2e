// Issue 19's first story: a villager's objection, answered by the village, is referred to the
// township; the township official finds it in the inbox with its deadline, answers it on a phone
// without JavaScript, and the answer is on the village's board without her name or number.
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	test
} from './fixtures.ts';
import { noticeSeq } from './notice-helpers.ts';
import { DEMO_GENERAL_NOTICE_TITLE } from '../src/lib/server/seed/demo-notices.ts';

const official = { name: '周建华', phone: '13800000010', password: 'demo-township-2026' };
const reviewer = { phone: '13800000012', password: 'demo-reviewer-2026' };
const PHONE = /(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/;
const OBJECTION = '分配方案没写清楚外出务工户怎么领，我家两口人在外打工，领不到怎么办？';
const VILLAGE_ANSWER = '外出务工户可以委托家人到议事厅窗口签字代领。';
const TOWNSHIP_ANSWER =
	'经乡党政办核查，外出务工户按户籍分配，可委托代领；请村委会在公示中补充代领办法，并于十日内重新公示。';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('a villager’s objection referred to the township is answered there and published on the board without her name', async ({
	app,
	newContext
}) => {
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);
	const path = `/xinyang/notices/${seq}`;
	const phone = () => newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

	// 张秀英 objects online.
	const villager = await (await phone()).newPage();
	await addSession(villager, DEMO.villager.phone, DEMO.villager.password);
	await villager.goto(path);
	await villager.getByLabel('您的异议').fill(OBJECTION);
	await villager.getByRole('button', { name: '提出异议' }).click();
	await expect(villager).toHaveURL(new RegExp(`${path}\\?done=filed#objection-2$`));
	const mine = villager.locator('#objection-2');

	// The clerk answers from the notice page.
	const clerk = await (await phone()).newPage();
	await addSession(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await clerk.goto(path);
	await clerk.locator('#objection-2').getByLabel('答复内容').fill(VILLAGE_ANSWER);
	await clerk.locator('#objection-2').getByRole('button', { name: '公开答复' }).click();
	await expect(clerk.locator('#objection-2').getByText(VILLAGE_ANSWER)).toBeVisible();

	// Not satisfied, she refers it to the township and sees its deadline.
	await villager.goto(path);
	await mine.getByRole('button', { name: '不满意，提请乡镇处理' }).click();
	await expect(villager.getByRole('status')).toHaveText('已提请乡镇处理。');
	await expect(mine.getByText(/^乡镇答复期限：/)).toBeVisible();

	// 周建华 finds it in the township's inbox with the deadline.
	const township = await (await phone()).newPage();
	await addSession(township, official.phone, official.password);
	await township.goto('/township');
	await township
		.getByRole('navigation', { name: '乡镇工作台导航' })
		.getByRole('link', { name: '转办事项' })
		.click();
	await expect(township).toHaveURL('/township/referrals');
	// Hers among the demo's referred objection and case, each with its village and deadline.
	const open = township.getByRole('region', { name: /^待答复（\d+）$/ });
	const item = open.getByRole('listitem').filter({ hasText: '的异议2' });
	await expect(item.getByText('新阳村 · 异议')).toBeVisible();
	await expect(item.getByText(/答复期限：\d{4}年\d{1,2}月\d{1,2}日/)).toBeVisible();
	await expectNoHorizontalOverflow(township);
	await checkA11yWithoutScripts(township);

	await item
		.getByRole('link', { name: `公告第${seq}号《${DEMO_GENERAL_NOTICE_TITLE}》的异议2` })
		.click();
	// The official reads the matter as the village recorded it, with who objected.
	await expect(township.getByText(OBJECTION)).toBeVisible();
	await expect(township.getByText(VILLAGE_ANSWER)).toBeVisible();
	await expect(township.getByText(DEMO.villager.name)).toBeVisible();
	await expectNoHorizontalOverflow(township);
	await checkA11yWithoutScripts(township);
	const referralPath = new URL(township.url()).pathname;

	// Empty is refused with a message, and nothing is posted.
	const blank = await township.request.post(`${referralPath}?/answer`, {
		headers: formPostHeaders(app),
		form: { answer: '  ' }
	});
	expect(blank.status()).toBe(400);
	expect(await blank.text()).toContain('请填写答复内容');

	// The reviewer reads but may not answer.
	const review = await (await phone()).newPage();
	await addSession(review, reviewer.phone, reviewer.password);
	await review.goto(referralPath);
	await expect(review.getByText('审核人员可以查看，答复由乡镇干部作出。')).toBeVisible();
	const refused = await review.request.post(`${referralPath}?/answer`, {
		headers: formPostHeaders(app),
		form: { answer: '审核人员的答复' }
	});
	expect(refused.status()).toBe(403);

	await township.getByLabel('答复内容').fill(TOWNSHIP_ANSWER);
	await township.getByRole('button', { name: '公开答复' }).click();
	await expect(township).toHaveURL(`${referralPath}?answered`);
	await expect(township.getByRole('status')).toHaveText('答复已在村公告栏公开。');
	await expect(township.getByLabel('答复内容')).toHaveCount(0);
	// Answered once.
	const again = await township.request.post(`${referralPath}?/answer`, {
		headers: formPostHeaders(app),
		form: { answer: '再答一次' }
	});
	expect(again.status()).toBe(400);
	expect(await again.text()).toContain('这件事已经答复过');

	// The answer is on the board, read by anyone, without her name, number or words.
	const reader = await (await phone()).newPage();
	await reader.goto('/xinyang/notices');
	await reader.getByRole('link', { name: '长青乡对异议的答复' }).click();
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText('长青乡对异议的答复');
	await expect(reader.getByText(TOWNSHIP_ANSWER)).toBeVisible();
	await expect(
		reader.getByText(`关于公告第${seq}号《${DEMO_GENERAL_NOTICE_TITLE}》的异议2`).first()
	).toBeVisible();
	const html = await reader.content();
	expect(html).not.toContain(DEMO.villager.name);
	expect(html).not.toContain(OBJECTION);
	expect(html).not.toMatch(PHONE);
	await expectNoHorizontalOverflow(reader);
	await checkA11yWithoutScripts(reader);

	// Under her objection the board now links the township's answer.
	await villager.goto(path);
	await mine.getByRole('link', { name: /^乡镇已于.*答复，见公告第\d+号$/ }).click();
	await expect(villager.getByText(TOWNSHIP_ANSWER)).toBeVisible();
});
