// Issue 15 item 9: the speakers' queue. The clerk puts an item under discussion; a representative
// asks for the floor from his phone without JavaScript (refused until he is in the hall, and a
// second tap keeps one request); the clerk adds another attendee, gives each speaker 2 minutes and
// gives the floor; the hall screen at 1920×1080 shows who speaks, the running time against the
// limit, who is next and the open vote's ballot count; the speech ends with a summary and is in
// the minutes with its speaker.
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	formPostHeaders,
	open,
	test
} from './fixtures.ts';
import {
	castBallots,
	closeMeetingNow,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const rep = { phone: '13800000005', password: 'demo-rep-2026' };
const { clerk } = DEMO;

test('a representative asks for the floor from his phone, the clerk runs the queue, the hall shows the time and the speech is in the minutes', async ({
	app,
	newContext
}, testInfo) => {
	test.setTimeout(240_000);
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	const repId = query<{ person_id: number }>(
		app,
		'select person_id from users where phone = ?',
		rep.phone
	)[0].person_id;
	const requests = () =>
		query<{ person_id: number; requested_by: string; state: string }>(
			app,
			'select person_id, requested_by, state from speaker_requests where meeting_id = ? order by id',
			meetingId
		);

	// The clerk starts the discussion of the first item on the console.
	const desk = await (await newContext()).newPage();
	await addSession(desk, clerk.phone, clerk.password);
	await open(desk, `${meetingPath}/console`);
	const speakers = desk.locator('#speakers');
	await speakers.getByRole('button', { name: '开始讨论此议题' }).first().click();
	await expect(speakers.getByTestId('discussed-item')).toContainText('正在讨论：1.');

	// 刘志强 is not in the hall yet: his phone says so, and a forged ask is refused.
	const phone = await (
		await newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled: false })
	).newPage();
	await addSession(phone, rep.phone, rep.password);
	await phone.goto(meetingPath);
	const floor = phone.locator('#floor');
	await expect(floor).toContainText('签到后才能申请发言。');
	const forged = await phone.request.post(`${meetingPath}?/askFloor`, {
		headers: formPostHeaders(app),
		form: {},
		maxRedirects: 0
	});
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain('只有已签到且仍在场的人才能发言。');
	expect(requests()).toEqual([]);

	// Once signed in he asks, without JavaScript; asking again keeps his one request.
	const roster = votingRoster(app, meetingId, [rep.phone]);
	markPresent(app, meetingId, [repId, ...roster.slice(0, 16)]);
	await phone.goto(meetingPath);
	await floor.getByRole('button', { name: '申请发言' }).click();
	await expect(phone).toHaveURL(`${app.url}${meetingPath}?done=asked#floor`);
	await expect(floor.getByTestId('my-floor')).toHaveText('您已申请发言，前面还有 0 人。');
	const again = await phone.request.post(`${meetingPath}?/askFloor`, {
		headers: formPostHeaders(app),
		form: {},
		maxRedirects: 0
	});
	expect(again.status()).toBe(303);
	expect(requests()).toEqual([{ person_id: repId, requested_by: 'self', state: 'waiting' }]);
	await checkA11yWithoutScripts(phone);

	// The console's poll shows him waiting; the clerk adds another attendee and sets 2 minutes.
	const queue = speakers.getByTestId('console-queue');
	await expect(queue).toContainText('刘志强', { timeout: 10_000 });
	const other = roster[0];
	const otherName = query<{ name: string }>(app, 'select name from people where id = ?', other)[0]
		.name;
	await speakers.getByLabel('添加发言人（在场人员）').selectOption(String(other));
	await speakers.getByRole('button', { name: '加入排队' }).click();
	await expect(queue.locator('li')).toHaveCount(2);
	await expect(queue.locator('li').nth(1)).toContainText(otherName);
	await expect(queue.locator('li').nth(1)).toContainText('文书添加');
	await speakers.getByLabel('每人发言时限（分钟）').fill('2');
	await speakers.getByRole('button', { name: '保存时限' }).click();
	await expect
		.poll(
			() =>
				query<{ s: number }>(
					app,
					'select speaker_limit_seconds as s from meetings where id = ?',
					meetingId
				)[0].s
		)
		.toBe(120);
	await expect(speakers.getByLabel('每人发言时限（分钟）')).toHaveValue('2');

	// A named vote is open meanwhile, with two ballots in.
	openNewMotion(app, agendaItemId, '同意储藏库选址在原砖厂空地', 'named');
	const motionId = query<{ id: number }>(
		app,
		'select id from motions where meeting_id = ? and state = ?',
		meetingId,
		'open'
	)[0].id;
	castBallots(app, motionId, [
		{ personId: roster[1], choice: 'yes' },
		{ personId: roster[2], choice: 'no' }
	]);

	// The floor to 刘志强: the console counts his time up against his 2 minutes.
	await speakers.getByRole('button', { name: '请 刘志强 发言' }).click();
	const now = speakers.getByTestId('console-speaker');
	await expect(now).toContainText('刘志强');
	await expect(now.getByTestId('speech-timer')).toContainText('/ 时限 2:00');
	await checkA11y(desk);

	// The hall screen on the projector.
	const hall = await (await newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	await addSession(hall, clerk.phone, clerk.password);
	await open(hall, `${meetingPath}/hall`);
	const hallQueue = hall.getByTestId('hall-speakers');
	await expect(hallQueue.getByTestId('hall-speaker')).toHaveText('刘志强');
	await expect(hallQueue).toContainText('开始，时限 2:00');
	await expect(hallQueue.getByTestId('hall-next')).toHaveText(`下一位：${otherName}`);
	await expect(hall.getByTestId('hall-open-motion')).toContainText('已投票 2 人 / 实到 17 人');
	// The timer runs on the screen's own clock between polls.
	const timer = hallQueue.getByTestId('speech-timer');
	const first = await timer.textContent();
	await expect(timer).not.toHaveText(first ?? '', { timeout: 5_000 });
	await expect(timer).toHaveText(/^已发言 0:\d\d \/ 时限 2:00\s*$/);
	await checkA11y(hall);
	// The queue and the ballot count on one 1920×1080 screen, without scrolling.
	await expect(hallQueue).toBeInViewport();
	await expect(hall.getByTestId('hall-open-motion')).toBeInViewport();
	await hall.screenshot({ path: testInfo.outputPath('hall-speakers-queue.png') });

	// His phone tells him he has the floor.
	await phone.goto(meetingPath);
	await expect(floor.getByTestId('my-floor')).toHaveText('请您发言。');

	// The clerk ends the speech with its summary; the next speaker is first in line.
	await now.getByLabel('发言摘要（一行，可不填）').fill('同意选址，建议先修进场道路');
	await now.getByRole('button', { name: '结束发言' }).click();
	await expect(now).toHaveCount(0);
	await expect(queue.locator('li')).toHaveCount(1);
	await expect(hallQueue.getByTestId('hall-speaker')).toHaveCount(0, { timeout: 10_000 });
	await expect(hallQueue).toContainText('暂无人发言');
	expect(requests().map((r) => r.state)).toEqual(['done', 'waiting']);

	// The minutes carry the speech with its speaker, duration and limit.
	closeMeetingNow(app, meetingId);
	expect(requests().map((r) => r.state)).toEqual(['done', 'lapsed']);
	await open(desk, `${meetingPath}/minutes`);
	const spoken = desk.getByTestId('minutes-floor');
	await expect(spoken.locator('li')).toHaveCount(1);
	await expect(spoken).toContainText('刘志强');
	await expect(spoken).toContainText(/起，发言 0:\d\d（时限 2:00）：同意选址，建议先修进场道路/);
});
