// Issue 14 item 4: presence for a motion is fixed when its hands are counted. A failed 9/6/2 show
// of hands of 18 used to turn "passed" when someone was marked as leaving before the close.
import { checkA11y, expect, login, open, test, DEMO } from './fixtures.ts';
import { markPresent, openDemoMeeting, openNewMotion, votingRoster } from './meeting-helpers.ts';

test('the clerk counts hands, marks someone as leaving, and the close keeps the count of the vote', async ({
	page,
	app
}) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const present = votingRoster(app, meetingId).slice(0, 18);
	markPresent(app, meetingId, present);
	openNewMotion(app, agendaItemId, '同意储藏库选址在村东', 'hands');

	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, `/xinyang/meetings/${meetingId}/console`);
	await expect(page.getByTestId('present')).toHaveText('18');
	const hands = page.getByRole('article', { name: '同意储藏库选址在村东' });
	await hands.getByLabel('同意', { exact: true }).fill('9');
	await hands.getByLabel('不同意').fill('6');
	await hands.getByLabel('弃权').fill('2');
	await hands.getByRole('button', { name: '登记票数' }).click();
	await expect(hands.getByTestId('running-tally')).toHaveText('同意 9，不同意 6，弃权 2');
	await expect(hands.getByTestId('present-at-vote')).toContainText('表决时到会 18 人');

	// One of those counted leaves before the vote is closed.
	const leaver = page.getByTestId('roster-row').filter({ hasText: '已到' }).first();
	await leaver.getByRole('button', { name: /^中途离会/ }).click();
	await expect(page.getByTestId('present')).toHaveText('17');

	await hands.getByRole('button', { name: '结束表决' }).click();
	// Closing asks first with the numbers of the vote (issue 15): those present when it was taken.
	await expect(hands.getByRole('alert')).toHaveText('实到 18 人，已登记 17 票。仍要结束吗？');
	await hands.getByRole('button', { name: '确认结束表决' }).click();
	await expect(hands.getByTestId('motion-result')).toHaveText('未通过');
	await expect(hands.getByTestId('pass-formula')).toHaveText('通过条件：2 × 9 > 18 不成立');
	await expect(hands.getByTestId('quorum-at-close')).toContainText('3 × 18 ≥ 2 × 25');
	await checkA11y(page);
});
