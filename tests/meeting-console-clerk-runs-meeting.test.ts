import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk } = DEMO;
// src/lib/server/seed/demo-meetings.ts: notified four days ago, ready to open today.
const TODAY_MEETING = '村民代表会议：果蔬储藏库建设方案';
const TABLET = { width: 1024, height: 768 };

/** A day counted from today in the village's time, as the date field and the page show it. */
function chinaDay(offset: number): { iso: string; shown: string } {
	const day = new Date(Date.now() + offset * 86_400_000);
	const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
	const shown = new Intl.DateTimeFormat('zh-CN', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'Asia/Shanghai'
	}).format(day);
	return { iso, shown };
}

/** Checks the page at a phone's width, then goes back to the tablet. */
async function checkAtPhoneWidth(page: Page): Promise<void> {
	await page.setViewportSize(PHONE_VIEWPORT);
	await expectNoHorizontalOverflow(page);
	await page.setViewportSize(TABLET);
}

async function openTodayMeetingConsole(page: Page): Promise<void> {
	await open(page, '/xinyang/meetings');
	await page.getByRole('link', { name: TODAY_MEETING }).click();
	await expect(page).toHaveURL(/\/xinyang\/meetings\/\d+\/console$/);
	await hydrated(page);
}

const presentCount = (page: Page) => page.getByTestId('present');

/** Marks the next voting member not yet here as present, and waits for the count. */
async function markNextPresent(page: Page, expected: number): Promise<void> {
	await page
		.getByTestId('roster-row')
		.filter({ hasNotText: '无表决权' })
		.getByRole('button', { name: /^标记到会/ })
		.first()
		.click();
	await expect(presentCount(page)).toHaveText(String(expected));
}

test('the clerk calls a representatives’ meeting, sees its notice period, and cannot open it early', async ({
	page
}) => {
	await page.setViewportSize(TABLET);
	await addSession(page, clerk.phone, clerk.password);
	await open(page, '/xinyang/meetings');
	await expect(page.getByRole('heading', { level: 1, name: '会议' })).toBeVisible();
	// Both demo meetings are listed; each row leads the clerk to its console.
	await expect(page.getByRole('link', { name: TODAY_MEETING })).toHaveAttribute(
		'href',
		/\/xinyang\/meetings\/\d+\/console$/
	);
	await checkA11y(page);
	await checkAtPhoneWidth(page);

	await page.getByRole('link', { name: '新建会议' }).click();
	await expect(page).toHaveURL('/xinyang/meetings/new');
	await hydrated(page);
	await expect(page.getByLabel('会议类型')).toHaveValue('reps_meeting');
	const rule = page.locator('#type-rule');
	await expect(rule.getByTestId('notice-days')).toHaveText('通知日和开会日之间至少 3 整天');
	// Notice today: three whole days between, so the fifth day from today at the earliest.
	await expect(rule.getByTestId('earliest')).toHaveText(chinaDay(4).shown);
	await expect(rule).toContainText('3 × 实到 ≥ 2 × (村民代表 + 村委会成员)');
	await expect(page.getByLabel('会议日期')).toHaveValue(chinaDay(4).iso);
	// The help follows the type chosen.
	await page.getByLabel('会议类型').selectOption({ label: '村民会议' });
	await expect(rule.getByTestId('notice-days')).toHaveText('通知日和开会日之间至少 10 整天');
	await expect(rule.getByTestId('earliest')).toHaveText(chinaDay(11).shown);
	await checkA11y(page);
	await checkAtPhoneWidth(page);

	// A date inside the notice period: the draft is made, but its notice is refused with the
	// earliest legal date.
	await page.getByLabel('会议类型').selectOption({ label: '村民代表会议' });
	await page.getByLabel('会议名称').fill('村民代表会议：日期太近');
	await page.getByLabel('会议日期').fill(chinaDay(2).iso);
	await page.getByRole('button', { name: '创建会议' }).click();
	await expect(page).toHaveURL(/\/xinyang\/meetings\/\d+\/console$/);
	await hydrated(page);
	await page.getByLabel('议程名称').fill('维修村道路灯');
	await page.getByRole('button', { name: '添加议程' }).click();
	await expect(page.getByRole('region', { name: '1. 维修村道路灯' })).toBeVisible();
	await page.getByRole('button', { name: '发出通知' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		`通知期不够：按规定最早 ${chinaDay(4).shown} 才能开会。请改会议日期。`
	);
	await expect(page.getByTestId('meeting-state')).toHaveText('草稿');

	await open(page, '/xinyang/meetings/new');
	await page.getByLabel('会议名称').fill('村民代表会议：村道路灯维修');
	await page.getByLabel('会议日期').fill(chinaDay(5).iso);
	await page.getByLabel('主持人').selectOption({ label: '李建国' });
	await page.getByLabel('记录人').selectOption({ label: '王丽' });
	await page.getByRole('button', { name: '创建会议' }).click();
	await expect(page).toHaveURL(/\/xinyang\/meetings\/\d+\/console$/);
	await hydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('村民代表会议：村道路灯维修');
	await expect(page.getByTestId('meeting-state')).toHaveText('草稿');

	// A notice without an agenda is refused.
	await page.getByRole('button', { name: '发出通知' }).click();
	await expect(page.getByRole('alert')).toHaveText('请先添加至少一项议程。');

	// An agenda item that takes up one of the village's topics.
	await page.getByLabel('议程名称').fill('维修村道路灯');
	const topic = page.getByLabel('关联议题（可不选）');
	const topicLabel = (await topic.locator('option').nth(1).textContent())!.trim();
	const topicNumber = /XY-\d{4}-\d{4}/.exec(topicLabel)![0];
	await topic.selectOption({ index: 1 });
	await page.getByLabel('会议材料').fill('需更换路灯 3 盏，预算 1800 元。');
	await page.getByRole('button', { name: '添加议程' }).click();
	const item = page.getByRole('region', { name: '1. 维修村道路灯' });
	await expect(item.getByRole('link', { name: new RegExp(topicNumber) })).toHaveAttribute(
		'href',
		`/xinyang/topics/${topicNumber}`
	);
	await expect(item).toContainText('需更换路灯 3 盏，预算 1800 元。');
	await expect(
		page.getByText(`如果今天发出通知，最早 ${chinaDay(4).shown} 可以开会。`)
	).toBeVisible();
	await checkA11y(page);
	await checkAtPhoneWidth(page);

	await page.getByRole('button', { name: '发出通知' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('已通知');
	await expect(page.getByRole('status').filter({ hasText: '通知已发出' })).toHaveText(
		/^通知已发出：应到 \d+ 人。$/
	);
	await expect(page.getByTestId('earliest-opening')).toHaveText(
		`按通知期，最早 ${chinaDay(4).shown} 可以开会。`
	);

	await page.getByRole('button', { name: '开始会议' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		`通知期未满：最早 ${chinaDay(4).shown} 才能开会。`
	);
	await expect(page.getByTestId('meeting-state')).toHaveText('已通知');
	await checkA11y(page);
	await checkAtPhoneWidth(page);
});

test('the clerk runs today’s meeting: quorum, a show of hands, a secret paper ballot, the close', async ({
	page
}) => {
	await page.setViewportSize(TABLET);
	await login(page, clerk.phone, clerk.password);
	await openTodayMeetingConsole(page);
	await expect(page.getByTestId('meeting-state')).toHaveText('已通知');
	await expect(page.getByRole('link', { name: '大屏幕' })).toHaveAttribute(
		'href',
		/\/xinyang\/meetings\/\d+\/hall$/
	);
	await page.getByRole('button', { name: '开始会议' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('进行中');
	// 20 representatives and 5 committee members: 3 × present ≥ 2 × 25 needs 17.
	await expect(page.getByTestId('expected')).toHaveText('25');
	await expect(presentCount(page)).toHaveText('0');

	const item = page.getByRole('region', { name: /^1\. 建设1000平方米果蔬储藏库/ });
	await item.getByLabel('表决事项').fill('同意建设1000平方米果蔬储藏库');
	await item.getByLabel('表决方式').selectOption({ label: '举手表决' });
	await item.getByRole('button', { name: '添加表决事项' }).click();
	const hands = page.getByRole('article', { name: '同意建设1000平方米果蔬储藏库' });
	await expect(hands.getByTestId('motion-state')).toHaveText('未开始');

	for (let n = 1; n <= 16; n++) await markNextPresent(page, n);
	await hands.getByRole('button', { name: '开始表决' }).click();
	await expect(hands.getByRole('alert')).toHaveText(
		'未达到法定人数，不能开始表决：3 × 16 ≥ 2 × 25 不成立'
	);
	await expect(hands.getByTestId('motion-state')).toHaveText('未开始');

	await markNextPresent(page, 17);
	await expect(page.getByTestId('quorum-verdict')).toHaveText(
		'应到 25 人，实到 17 人，已达三分之二以上，可以表决'
	);
	await hands.getByRole('button', { name: '开始表决' }).click();
	await expect(hands.getByTestId('motion-state')).toHaveText('表决中');
	await checkA11y(page);
	await checkAtPhoneWidth(page);

	// More against than present is refused, with the present count.
	await hands.getByLabel('不同意').fill('18');
	await hands.getByRole('button', { name: '其余全部同意' }).click();
	await expect(hands.getByRole('alert')).toHaveText(
		'票数合计不能超过实到有表决权的人数（17 人）。'
	);
	await hands.getByLabel('不同意').fill('2');
	await hands.getByLabel('弃权').fill('1');
	await hands.getByRole('button', { name: '其余全部同意' }).click();
	await expect(hands.getByTestId('running-tally')).toHaveText('同意 14，不同意 2，弃权 1');
	// The form that did its job starts empty again, inviting no second submit.
	await expect(hands.getByLabel('不同意')).toHaveValue('');
	await hands.getByRole('button', { name: '结束表决' }).click();
	await expect(hands.getByRole('alert')).toContainText('已登记 17 票。仍要结束吗？');
	await hands.getByRole('button', { name: '确认结束表决' }).click();
	await expect(hands.getByTestId('motion-result')).toHaveText('通过');
	await expect(hands.getByTestId('pass-formula')).toHaveText('通过条件：2 × 14 > 17 成立');
	await expect(hands.getByTestId('quorum-at-close')).toHaveText(
		'结束时法定人数：3 × 17 ≥ 2 × 25 成立'
	);

	// A secret ballot on paper: the console shows how many voted, never how, until the close.
	await item.getByLabel('表决事项').fill('选定村东头原砖厂空地为储藏库选址');
	await item.getByLabel('表决方式').selectOption({ label: '无记名投票' });
	await item.getByRole('button', { name: '添加表决事项' }).click();
	const secret = page.getByRole('article', { name: '选定村东头原砖厂空地为储藏库选址' });
	await secret.getByRole('button', { name: '开始表决' }).click();
	await expect(secret.getByTestId('motion-state')).toHaveText('表决中');
	const papers = secret.getByRole('group', { name: '纸质无记名选票' });
	for (let i = 0; i < 3; i++) await papers.getByRole('checkbox').nth(i).check();
	await papers.getByLabel('同意', { exact: true }).fill('2');
	await papers.getByLabel('不同意').fill('1');
	await papers.getByLabel('计票人').fill('赵桂兰');
	await papers.getByLabel('监票人').fill('陈淑珍');
	await papers.getByRole('button', { name: '登记纸质选票' }).click();
	await expect(secret.getByTestId('ballots-cast')).toHaveText('已投票：3 张');
	await expect(secret.getByTestId('running-tally')).toHaveCount(0);
	await expect(secret).not.toContainText('同意 2');
	await checkA11y(page);
	await checkAtPhoneWidth(page);

	// Closing the meeting with a vote open asks first, with the vote's numbers, then closes both.
	const close = page.getByRole('region', { name: '结束会议' });
	await close.getByRole('button', { name: '结束会议' }).click();
	await expect(close.getByRole('alert')).toContainText(
		'表决「选定村东头原砖厂空地为储藏库选址」仍在进行'
	);
	await expect(close.getByRole('alert')).toContainText('已登记 3 票');
	await expect(page.getByTestId('meeting-state')).toHaveText('进行中');
	await close.getByRole('button', { name: '确认结束会议' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('已结束');
	await expect(secret.getByTestId('motion-result')).toHaveText('未通过');
	await expect(secret.getByTestId('final-tally')).toHaveText('同意 2，不同意 1，弃权 0');
	await expect(secret.getByTestId('pass-formula')).toHaveText('通过条件：2 × 2 > 17 不成立');
	await expect(secret).toContainText('计票人：赵桂兰；监票人：陈淑珍');
	const results = page.getByTestId('results');
	await expect(results.getByRole('listitem')).toHaveCount(2);
	await expect(results.getByRole('listitem').first()).toContainText('通过');
	await expect(
		page.getByRole('main').getByRole('link', { name: '会议记录' }).first()
	).toHaveAttribute('href', /\/xinyang\/meetings\/\d+\/minutes$/);
	await checkA11y(page);
	await checkAtPhoneWidth(page);
});
