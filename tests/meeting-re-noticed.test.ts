// A notified meeting moved to another day: the clerk gives a new notice, the public board shows
// "原定…改期至…" with the day of the new notice, and the meeting cannot open before the new
// notice period has run (组织法 2026 第二十五条; issue 14, "The notice binds the meeting").
import { DEMO, checkA11y, expect, hydrated, login, open, test } from './fixtures.ts';
import { DEMO_TODAY_MEETING_TITLE } from './meeting-helpers.ts';

const { clerk } = DEMO;

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

test('the clerk moves a notified meeting: a new notice, shown on the board, and no opening before its period', async ({
	page
}) => {
	const today = chinaDay(0);
	await login(page, clerk.phone, clerk.password);
	await open(page, '/xinyang/meetings');
	await page.getByRole('link', { name: DEMO_TODAY_MEETING_TITLE }).click();
	await expect(page).toHaveURL(/\/xinyang\/meetings\/\d+\/console$/);
	await hydrated(page);
	await expect(page.getByTestId('meeting-state')).toHaveText('已通知');
	await expect(page.getByText(`会议只能在通知的会期 ${today.shown} 当天召开`)).toBeVisible();
	// A new notice today: three whole days again, so the fifth day from today at the earliest.
	await expect(
		page.getByText(`如果今天重新通知，最早 ${chinaDay(4).shown} 可以开会。`)
	).toBeVisible();
	const form = page.getByRole('form', { name: '改期（重新通知）' });
	// A reps' meeting has no temporary notice: no reason field.
	await expect(form.getByLabel(/临时通知的原因/)).toHaveCount(0);
	await checkA11y(page);

	// Too close: refused with the earliest day, and nothing changes.
	await form.getByLabel('会议日期').fill(chinaDay(2).iso);
	await form.getByRole('button', { name: '重新通知并改期' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		`通知期不够：按规定最早 ${chinaDay(4).shown} 才能开会。请改会议日期。`
	);
	await expect(page.getByText(`会议只能在通知的会期 ${today.shown} 当天召开`)).toBeVisible();

	await form.getByLabel('会议日期').fill(chinaDay(5).iso);
	await form.getByLabel('开始时间').fill('14:30');
	await form.getByRole('button', { name: '重新通知并改期' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已重新通知' })).toHaveText(
		`已重新通知，会期改为 ${chinaDay(5).shown}。`
	);
	await expect(page.getByTestId('earliest-opening')).toHaveText(
		`按通知期，最早 ${chinaDay(4).shown} 可以开会。`
	);

	// Today was the old date; the new notice's period has not run.
	await page.getByRole('button', { name: '开始会议' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		`通知期未满：最早 ${chinaDay(4).shown} 才能开会。`
	);
	await expect(page.getByTestId('meeting-state')).toHaveText('已通知');

	// The meeting's own public page says the same.
	await page.getByRole('link', { name: '会议公告' }).click();
	await expect(page.getByTestId('meeting-rescheduled')).toHaveText(
		`改期通知：原定 ${today.shown} 09:00 召开，${today.shown} 重新通知改期至 ${chinaDay(5).shown} 14:30。`
	);

	// The board: the new notice names what it replaced and when it was given.
	await open(page, '/xinyang/notices');
	await page.getByRole('link', { name: DEMO_TODAY_MEETING_TITLE }).first().click();
	await expect(page.getByTestId('notice-rescheduled')).toHaveText(
		`改期通知：原定 ${today.shown} 09:00 召开，${today.shown} 重新通知改期至 ${chinaDay(5).shown} 14:30。`
	);
	await checkA11y(page);
	// The old notice sends readers on to the new one.
	await page
		.getByRole('link', { name: /公告第\d+号/ })
		.first()
		.click();
	await expect(page.getByTestId('notice-moved')).toHaveText(
		`本通知的会期已变更：${today.shown} 重新通知改期至 ${chinaDay(5).shown} 14:30，以新通知为准。`
	);
});
