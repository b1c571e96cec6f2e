// The clerk records an objection that came on paper, judged by the day it was received, answers
// it at the desk, and the public page shows the objection and its answer like any other: without
// the objector's name, contact or how it came. All without JavaScript, as at the village office.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	loginWithoutScripts,
	test
} from './fixtures.ts';
import { postOldNotice } from './notice-helpers.ts';
import { addDays, todayInChina } from '../src/lib/server/calendar/dates.ts';

const NAME = '赵桂兰';
const CONTACT = '三组8号，电话13912345678';
const OBJECTION = '分配方案没有把外嫁女算进去，请重新核对名单。';
const ANSWER = '已按户籍重新核对，外嫁女户口仍在本村的，一并参加分配。';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('the clerk records a paper objection and its answer; the board shows both without the objector', async ({
	app,
	newContext
}) => {
	// Posted three weeks ago: its window closed days ago, and a letter handed in on time is typed in now.
	const title = '三周前的分配方案公示';
	const seq = postOldNotice(app, title);
	const postedOn = todayInChina(new Date(Date.now() - 21 * 24 * 60 * 60 * 1000));
	const receivedInTime = addDays(postedOn, 2);

	const clerkContext = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const clerk = await clerkContext.newPage();
	await loginWithoutScripts(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await clerk.goto('/xinyang/notices/desk');
	const desk = clerk.getByRole('region', { name: '登记书面、当面或电话异议' });
	await expect(desk).toBeVisible();
	await expectNoHorizontalOverflow(clerk);
	await checkA11yWithoutScripts(clerk);

	const fill = async (receivedOn: string) => {
		await desk.getByLabel('对哪条公告提出').selectOption({ value: String(seq) });
		await desk.getByLabel('书面').check();
		await desk.getByLabel('异议人姓名').fill(NAME);
		await desk.getByLabel('联系方式（选填）').fill(CONTACT);
		await desk.getByLabel('收到日期').fill(receivedOn);
		await desk.getByLabel('异议内容（公开）').fill(OBJECTION);
		await desk.getByRole('button', { name: '登记异议' }).click();
	};

	// Received today, after the window: refused with the reason, the form kept, nothing recorded.
	await fill(todayInChina());
	await expect(clerk.getByRole('alert')).toHaveText('收到日期在异议期之后，不能登记为异议。');
	await expect(desk.getByLabel('异议人姓名')).toHaveValue(NAME);
	await expect(clerk.getByText(OBJECTION)).toHaveCount(0);
	await checkA11yWithoutScripts(clerk);

	// Received within the window: recorded, whenever it is typed in.
	await fill(receivedInTime);
	await expect(clerk).toHaveURL(`/xinyang/notices/desk?recorded=${seq}#record-title`);
	await expect(clerk.getByRole('status')).toHaveText('异议已登记，已在公告下公开。');
	const open = clerk.getByRole('region', { name: /^待答复的异议/ }).getByRole('listitem');
	await expect(open).toHaveCount(1);
	// The staff see who brought it and how to reach them.
	await expect(open.getByTestId('objector')).toContainText(`书面提出 · ${NAME}`);
	await expect(open.getByTestId('objector')).toContainText(CONTACT);
	await open.getByLabel('答复内容').fill(ANSWER);
	await open.getByRole('button', { name: '公开答复' }).click();
	await expect(clerk).toHaveURL('/xinyang/notices/desk?answered');
	await expect(clerk.getByText('没有待答复的异议。')).toBeVisible();

	// The public page: the objection as received, dated the day received, and the answer.
	const readerContext = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const reader = await readerContext.newPage();
	await reader.goto('/xinyang/notices');
	await reader.getByRole('link', { name: title }).first().click();
	await expect(reader).toHaveURL(`/xinyang/notices/${seq}`);
	const shown = reader.locator('#objection-1');
	await expect(shown.getByRole('heading', { name: '异议1' })).toBeVisible();
	await expect(shown.getByText(OBJECTION)).toBeVisible();
	await expect(shown.getByText(ANSWER)).toBeVisible();
	const [y, mo, d] = receivedInTime.split('-').map(Number);
	await expect(shown.getByText(`提出于 ${y}年${mo}月${d}日`)).toBeVisible();
	const html = await reader.content();
	for (const secret of [NAME, '三组8号', '13912345678', '书面提出'])
		expect(html).not.toContain(secret);
	await checkA11yWithoutScripts(reader);
});
