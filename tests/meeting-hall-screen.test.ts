// The hall screen on the projector at 1920×1080 (issue 15 item 8): no site shell, the item under
// discussion, the quorum in plain words, the ballot count rising as a representative votes on his
// phone — never the choices — and after the close the result with its arithmetic.
import {
	DEMO,
	addSession,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	open,
	test
} from './fixtures.ts';
import {
	castBallots,
	closeMotionNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const { clerk } = DEMO;
const rep = { phone: '13800000005', password: 'demo-rep-2026' };

// The hall and the phones poll every 3 s; a busy machine may need a few polls.
const polled = expect.configure({ timeout: 30_000 });

test('the hall screen on a 1920×1080 projector: the item, the quorum in words, the ballot count live and the result with its arithmetic', async ({
	newContext,
	app
}, testInfo) => {
	test.setTimeout(180_000);
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	const [{ person_id: repPerson }] = query<{ person_id: number }>(
		app,
		'select person_id from users where phone = ?',
		rep.phone
	);
	const others = votingRoster(app, meetingId, [rep.phone]);
	markPresent(app, meetingId, others.slice(0, 16));
	const [{ title: itemTitle }] = query<{ title: string }>(
		app,
		'select title from agenda_items where id = ?',
		agendaItemId
	);

	const hall = await (await newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	await addSession(hall, clerk.phone, clerk.password);
	await open(hall, `${meetingPath}/hall`);

	// A projector page: no site header, navigation, account, logout or language buttons, no footer.
	await expect(hall.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(hall.getByRole('banner')).toHaveCount(0);
	await expect(hall.getByRole('navigation')).toHaveCount(0);
	await expect(hall.getByRole('contentinfo')).toHaveCount(0);
	await expect(hall.getByRole('button', { name: '退出登录' })).toHaveCount(0);
	await expect(hall.getByRole('button', { name: /^(中文|English)$/ })).toHaveCount(0);
	await expect(hall.getByRole('link', { name: '跳到正文' })).toHaveCount(0);

	// The agenda item under discussion, and the quorum in plain words: 16 of 25 is one short of ⅔.
	await expect(hall.getByTestId('hall-item')).toContainText(itemTitle);
	const sentence = hall.getByTestId('quorum-sentence');
	await expect(sentence).toHaveText(
		'应到 25 人，实到 16 人，还差 1 人才能表决（需三分之二以上，即至少 17 人）'
	);
	markPresent(app, meetingId, [repPerson]);
	await polled(sentence).toHaveText('应到 25 人，实到 17 人，已达三分之二以上，可以表决');

	// Readable from the back of the hall: body text at least 32 px, the headline larger, full width.
	const sizes = await hall.evaluate(() => {
		const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
		return {
			body: px('[data-testid="quorum-sentence"]'),
			h1: px('h1'),
			main: document.querySelector('main')!.getBoundingClientRect().width
		};
	});
	expect(sizes.body).toBeGreaterThanOrEqual(32);
	expect(sizes.h1).toBeGreaterThan(sizes.body * 1.5);
	expect(sizes.main).toBe(1920);

	// A named vote opens; the representative votes on his phone and the hall counts the ballot.
	const motionId = openNewMotion(
		app,
		agendaItemId,
		'同意在村东头原砖厂空地建设果蔬储藏库',
		'named'
	);
	const motion = hall.getByTestId('hall-open-motion');
	await polled(motion).toContainText('已投票 0 人 / 实到 17 人');
	const phone = await (await newContext({ viewport: { width: 360, height: 740 } })).newPage();
	await addSession(phone, rep.phone, rep.password);
	await open(phone, meetingPath);
	await phone.getByTestId('open-motion').getByRole('button', { name: '同意', exact: true }).click();
	await phone.getByRole('button', { name: '确认投票' }).click();
	await expect(phone.getByText('您已投票：同意')).toBeVisible();
	await polled(motion).toContainText('已投票 1 人 / 实到 17 人');
	castBallots(app, motionId, [
		{ personId: others[0], choice: 'yes' },
		{ personId: others[1], choice: 'no' }
	]);
	await polled(motion).toContainText('已投票 3 人 / 实到 17 人');
	// Presence is fixed at the first ballot: the quorum now speaks of those present then.
	await polled(sentence).toHaveText('应到 25 人，开始表决时实到 17 人，已达三分之二以上，可以表决');

	// No choice reaches the screen while the vote is open: not in its text, not in its data.
	await expect(hall.locator('body')).not.toContainText(/(同意|不同意|弃权) \d+ 票/);
	expect(await hall.content()).not.toMatch(/\b(yes|no|abstain):\s*\d/);
	const data = await hall.request.get(`${meetingPath}/hall/__data.json`);
	expect(data.ok()).toBe(true);
	const json = await data.text();
	expect(json).toContain('"ballotsCast"');
	expect(json).not.toMatch(/"(yes|no|abstain)"/);

	// One open motion fits the screen without scrolling; the capture goes into the test's output.
	expect(await hall.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
		1080
	);
	await hall.screenshot({ path: testInfo.outputPath('hall-1920x1080.png') });
	await checkA11y(hall);

	// After the close: the result in words with its arithmetic, 2 of 17 present is short of 9.
	closeMotionNow(app, motionId);
	const result = hall.getByTestId('motion-result');
	await polled(result).toContainText('同意 2 票，未超过实到 17 人的半数（需 9 票），未通过');
	await expect(result).toContainText('2 × 2 > 17');
	await hall.screenshot({ path: testInfo.outputPath('hall-result-1920x1080.png') });
	await checkA11y(hall);

	// The same page still works on a small screen.
	await hall.setViewportSize({ width: 360, height: 740 });
	await expectNoHorizontalOverflow(hall);
});
