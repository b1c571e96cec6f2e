// Issue 15 item 7: a vote on a phone counts only once confirmed ("您选择了：同意。确认投票？"),
// without JavaScript (the first press returns a confirmation form) and with it (asked on the
// page); afterwards the phone shows the choice and the time, and for a secret ballot only that
// and when the person voted.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	login,
	loginWithoutScripts,
	test
} from './fixtures.ts';
import {
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const rep = { phone: '13800000005', password: 'demo-rep-2026' };
const { secretary } = DEMO;

test('a phone vote is confirmed before it counts, with and without JavaScript; a secret one shows only when', async ({
	app,
	newContext
}) => {
	test.setTimeout(240_000);
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	markPresent(app, meetingId, votingRoster(app, meetingId));
	const phoneOf = async (who: { phone: string; password: string }, javaScriptEnabled: boolean) => {
		const page = await (
			await newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled })
		).newPage();
		await (javaScriptEnabled ? login : loginWithoutScripts)(page, who.phone, who.password);
		return page;
	};
	const receipts = (motionId: number) =>
		query<{ n: number }>(
			app,
			'select count(*) as n from ballot_receipts where motion_id = ?',
			motionId
		)[0].n;

	// A named vote, on a phone without JavaScript.
	const namedText = '同意储藏库选址在原砖厂空地';
	const named = openNewMotion(app, agendaItemId, namedText, 'named');
	const repPhone = await phoneOf(rep, false);
	await repPhone.goto(meetingPath);
	const card = repPhone.getByTestId('open-motion').filter({ hasText: namedText });
	await card.getByRole('button', { name: '同意', exact: true }).click();
	// The first press only asks back: nothing is stored yet.
	const confirmation = repPhone.getByTestId('confirm-vote');
	await expect(confirmation).toContainText('您选择了：同意。确认投票？');
	expect(receipts(named)).toBe(0);
	await checkA11yWithoutScripts(repPhone);
	await expectNoHorizontalOverflow(repPhone);
	// He changes his mind, chooses again and confirms.
	await confirmation.getByRole('link', { name: '返回重新选择' }).click();
	await card.getByRole('button', { name: '不同意', exact: true }).click();
	await expect(confirmation).toContainText('您选择了：不同意。确认投票？');
	expect(receipts(named)).toBe(0);
	await confirmation.getByRole('button', { name: '确认投票' }).click();
	await expect(repPhone).toHaveURL(`${app.url}${meetingPath}?done=voted`);
	await expect(card.getByTestId('my-vote')).toHaveText(/^您已投票：不同意（.*\d{1,2}:\d{2}.*）$/);
	expect(query(app, 'select choice from named_choices where motion_id = ?', named)).toEqual([
		{ choice: 'no' }
	]);

	// The same named vote on a phone with JavaScript: asked on the page, no round trip.
	const secretaryPhone = await phoneOf(secretary, true);
	await secretaryPhone.goto(meetingPath);
	const sCard = secretaryPhone.getByTestId('open-motion').filter({ hasText: namedText });
	await sCard.getByRole('button', { name: '同意', exact: true }).click();
	await expect(sCard.getByTestId('confirm-vote')).toContainText('您选择了：同意。确认投票？');
	await expect(secretaryPhone).toHaveURL(`${app.url}${meetingPath}`);
	expect(receipts(named)).toBe(1);
	await checkA11y(secretaryPhone);
	await sCard.getByRole('button', { name: '确认投票' }).click();
	await expect(sCard.getByTestId('my-vote')).toHaveText(/^您已投票：同意（.*\d{1,2}:\d{2}.*）$/);
	expect(receipts(named)).toBe(2);

	// A secret ballot: both phones show that and when they voted, never the choice.
	const secretText = '无记名表决：储藏库由村集体经营';
	const secret = openNewMotion(app, agendaItemId, secretText, 'secret');
	const repSecret = repPhone.getByTestId('open-motion').filter({ hasText: secretText });
	const sSecret = secretaryPhone.getByTestId('open-motion').filter({ hasText: secretText });
	await repPhone.goto(meetingPath);
	await repSecret.getByRole('button', { name: '弃权', exact: true }).click();
	await expect(confirmation).toContainText('您选择了：弃权。确认投票？');
	expect(receipts(secret)).toBe(0);
	await confirmation.getByRole('button', { name: '确认投票' }).click();
	const secretVoted = /^您已投票（.*\d{1,2}:\d{2}.*）。无记名投票不显示您的选择。$/;
	await expect(repPhone).toHaveURL(`${app.url}${meetingPath}?done=voted`);
	await expect(repSecret.getByTestId('my-vote')).toHaveText(secretVoted);
	await expect(repSecret).not.toContainText('弃权');

	// Her page finds the new vote by its own poll.
	await expect(sSecret).toBeVisible({ timeout: 30_000 });
	await sSecret.getByRole('button', { name: '不同意', exact: true }).click();
	await expect(sSecret.getByTestId('confirm-vote')).toContainText('您选择了：不同意。确认投票？');
	await sSecret.getByRole('button', { name: '确认投票' }).click();
	await expect(sSecret.getByTestId('my-vote')).toHaveText(secretVoted);
	await expect(sSecret).not.toContainText('不同意');
	expect(receipts(secret)).toBe(2);
	await checkA11y(secretaryPhone);
});
