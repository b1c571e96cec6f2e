// Issue 20 item 6: the vote page ships a few KB of our own script instead of SvelteKit's client,
// and still follows the meeting: the clerk opens a vote on the console, and a voter's phone shows
// it within a few polls without anyone reloading, keeping what she was typing; the ballot is
// confirmed on the page. A phone without JavaScript votes the same way, the server asking back.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	loginWithoutScripts,
	test
} from './fixtures.ts';
import { markPresent, openDemoMeeting, query, votingRoster } from './meeting-helpers.ts';
import { SCRIPT_BUDGET_KB, scriptsOf } from './script-bytes.ts';

const { clerk, secretary } = DEMO;
const rep = { phone: '13800000005', password: 'demo-rep-2026' };
// The phone polls every 3 s; a busy machine may need a few polls.
const polled = expect.configure({ timeout: 30_000 });

test('the vote page updates itself while the meeting runs, on a small script; without JavaScript a voter still votes', async ({
	page: console_,
	app,
	newContext
}) => {
	test.setTimeout(240_000);
	const { meetingId } = openDemoMeeting(app);
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	markPresent(app, meetingId, votingRoster(app, meetingId));

	// The secretary's phone, with JavaScript: no framework, only the live script.
	const phone = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(phone, secretary.phone, secretary.password);
	const loaded = await scriptsOf(phone, meetingPath);
	expect(loaded.paths).toEqual(['/meeting-live.js']);
	expect(loaded.gzipKb).toBeLessThanOrEqual(SCRIPT_BUDGET_KB);
	await expect(phone.getByTestId('open-motion')).toHaveCount(0);
	await checkA11y(phone);
	// She starts a written opinion; a reload would lose it, and so would a careless update.
	const draft = '建议储藏库旁边留出停车的地方。';
	await phone
		.getByRole('textbox', { name: /书面意见/ })
		.first()
		.fill(draft);
	await phone.evaluate(() => ((window as { stillHere?: boolean }).stillHere = true));

	// The clerk, on the console in another browser, puts a named vote to the meeting.
	const motionText = '同意储藏库建在原砖厂空地';
	await login(console_, clerk.phone, clerk.password);
	await console_.goto(`${meetingPath}/console`);
	await hydrated(console_);
	const item = console_.getByRole('region', { name: /^1\. / });
	await item.getByLabel('表决事项').fill(motionText);
	await item.getByLabel('表决方式').selectOption({ label: '记名投票（手机）' });
	await item.getByRole('button', { name: '添加表决事项' }).click();
	const motion = console_.getByRole('article', { name: motionText });
	await motion.getByRole('button', { name: '开始表决' }).click();
	await expect(motion.getByTestId('motion-state')).toHaveText('表决中');

	// Her phone shows it by itself, says so, and keeps her draft.
	const card = phone.getByTestId('open-motion');
	await polled(card).toContainText(motionText);
	await expect(phone.locator('[data-live-announce]')).toHaveText(
		'新的表决已开始，请看“正在表决”。'
	);
	expect(await phone.evaluate(() => (window as { stillHere?: boolean }).stillHere)).toBe(true);
	await expect(phone.getByRole('textbox', { name: /书面意见/ }).first()).toHaveValue(draft);
	await checkA11y(phone);
	await expectNoHorizontalOverflow(phone);

	// The confirmation is asked on the page; going back shows the three buttons again.
	await card.getByRole('button', { name: '不同意', exact: true }).click();
	const confirmation = card.getByTestId('confirm-vote');
	await expect(confirmation).toContainText('您选择了：不同意。确认投票？');
	await expect(confirmation.getByText('您选择了：不同意。确认投票？')).toBeFocused();
	await expect(phone).toHaveURL(`${app.url}${meetingPath}`);
	await confirmation.getByRole('link', { name: '返回重新选择' }).click();
	await expect(confirmation).toHaveCount(0);
	await card.getByRole('button', { name: '同意', exact: true }).click();
	await checkA11y(phone);
	await confirmation.getByRole('button', { name: '确认投票' }).click();
	await expect(card.getByTestId('my-vote')).toHaveText(/^您已投票：同意（.*\d{1,2}:\d{2}.*）$/);
	// Confirming posted the ballot and loaded the page afresh; from here on it updates itself again.
	await expect(card).toContainText('已投票 1 人');
	await phone.evaluate(() => ((window as { stillHere?: boolean }).stillHere = true));

	// A representative's phone without JavaScript: the first press asks back, the second counts.
	const plain = await (
		await newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled: false })
	).newPage();
	await loginWithoutScripts(plain, rep.phone, rep.password);
	await plain.goto(meetingPath);
	const plainCard = plain.getByTestId('open-motion');
	await plainCard.getByRole('button', { name: '不同意', exact: true }).click();
	await expect(plain.getByTestId('confirm-vote')).toContainText('您选择了：不同意。确认投票？');
	await checkA11yWithoutScripts(plain);
	await plain.getByRole('button', { name: '确认投票' }).click();
	await expect(plain).toHaveURL(`${app.url}${meetingPath}?done=voted`);
	await expect(plainCard.getByTestId('my-vote')).toHaveText(/^您已投票：不同意/);
	await expectNoHorizontalOverflow(plain);

	// Her phone counts his ballot too, still without a reload.
	await polled(card).toContainText('已投票 2 人');
	expect(await phone.evaluate(() => (window as { stillHere?: boolean }).stillHere)).toBe(true);
	expect(
		query(
			app,
			`select choice from named_choices where motion_id =
			   (select id from motions where text = ?) order by choice`,
			motionText
		)
	).toEqual([{ choice: 'no' }, { choice: 'yes' }]);
});
