// The clerk closes a secret vote with only two ballots: the tally would tell each voter how the
// other chose, so the console asks first (with and without JavaScript), and the minutes say so.
import type { Page } from '@playwright/test';
import { DEMO, checkA11y, expect, login, loginWithoutScripts, test, type App } from './fixtures.ts';
import {
	castBallots,
	closeMeetingNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const { clerk } = DEMO;
const MINUTES_LINE = `本项无记名表决以少于 3 张票结束计票，计票结果可能暴露投票人的选择；由 ${clerk.name} 确认结束。`;

/** An open meeting with a secret motion on which two attendees have voted, one yes and one no. */
function twoSecretBallots(app: App) {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const roster = votingRoster(app, meetingId);
	markPresent(app, meetingId, roster);
	const motionId = openNewMotion(app, agendaItemId, '同意在村东建储藏库', 'secret');
	castBallots(app, motionId, [
		{ personId: roster[0], choice: 'yes' },
		{ personId: roster[1], choice: 'no' }
	]);
	return { meetingId, motionId };
}

const stateOf = (app: App, motionId: number) =>
	query<{ state: string }>(app, 'select state from motions where id = ?', motionId)[0].state;

async function closeWithConfirmation(page: Page, app: App, meetingId: number, motionId: number) {
	await page.goto(`/xinyang/meetings/${meetingId}/console#motion-${motionId}`);
	const card = page.locator(`#motion-${motionId}`);
	await card.getByRole('button', { name: '结束表决', exact: true }).click();
	// The first post only asks: the count, the risk, and a second button that confirms.
	await expect(card.getByRole('alert')).toContainText('只有 2 张票');
	await expect(card.getByRole('alert')).toContainText('投票人的选择可能被推知');
	expect(stateOf(app, motionId)).toBe('open');
	await card.getByRole('button', { name: '确认结束表决（计票结果可能暴露选择）' }).click();
	await expect(card.getByTestId('motion-result')).toBeVisible();
	await expect(card.getByTestId('final-tally')).toContainText('同意 1');
	expect(stateOf(app, motionId)).toBe('closed');
}

test('without JavaScript, closing a secret vote of two ballots asks first; the minutes say who confirmed', async ({
	app,
	newContext
}) => {
	const { meetingId, motionId } = twoSecretBallots(app);
	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(page, clerk.phone, clerk.password);
	await closeWithConfirmation(page, app, meetingId, motionId);
	closeMeetingNow(app, meetingId);
	await page.goto(`/xinyang/meetings/${meetingId}/minutes`);
	await expect(page.getByTestId('few-ballots')).toHaveText(MINUTES_LINE);
});

test('with JavaScript the same confirmation, and closing the meeting over such a vote asks too', async ({
	app,
	page
}) => {
	const { meetingId, motionId } = twoSecretBallots(app);
	await login(page, clerk.phone, clerk.password);
	await closeWithConfirmation(page, app, meetingId, motionId);
	await checkA11y(page);

	// A second secret vote of two ballots, still open when the clerk closes the meeting.
	const { agendaItemId } = openDemoMeetingItem(app, meetingId);
	const roster = votingRoster(app, meetingId);
	const second = openNewMotion(app, agendaItemId, '同意储藏库由合作社管理', 'secret');
	castBallots(app, second, [
		{ personId: roster[2], choice: 'yes' },
		{ personId: roster[3], choice: 'abstain' }
	]);
	await page.goto(`/xinyang/meetings/${meetingId}/console#close`);
	const close = page.locator('#close');
	await close.getByRole('button', { name: '结束会议', exact: true }).click();
	await expect(close.getByRole('alert')).toContainText('同意储藏库由合作社管理');
	await expect(close.getByRole('alert')).toContainText('只有 2 张票');
	expect(stateOf(app, second)).toBe('open');
	await close.getByRole('button', { name: '确认结束会议（计票结果可能暴露选择）' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('已结束');
	expect(stateOf(app, second)).toBe('closed');

	await page.goto(`/xinyang/meetings/${meetingId}/minutes`);
	await expect(page.getByTestId('few-ballots')).toHaveCount(2);
	await expect(page.getByTestId('few-ballots').first()).toHaveText(MINUTES_LINE);
});

function openDemoMeetingItem(app: App, meetingId: number) {
	return query<{ agendaItemId: number }>(
		app,
		'select id as agendaItemId from agenda_items where meeting_id = ? order by position limit 1',
		meetingId
	)[0];
}
