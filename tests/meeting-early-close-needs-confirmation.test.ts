// Closing is never one careless tap (issue 15): without JavaScript, "结束表决" with one ballot of 18
// present only shows the numbers and asks; the vote closes on the confirmed second post. Closing the
// meeting while nobody has written the minutes asks the same way. Recording ballots and closing
// the vote are different buttons, in different colours, apart.
import {
	DEMO,
	checkA11yWithoutScripts,
	expect,
	formPostHeaders,
	loginWithoutScripts,
	test,
	type App
} from './fixtures.ts';
import {
	castBallots,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';

const { clerk } = DEMO;
const MOTION = '同意果蔬储藏库建设方案（总投资 72.4 万元）';

const stateOf = (app: App, table: 'motions' | 'meetings', id: number) =>
	query<{ state: string }>(app, `select state from ${table} where id = ?`, id)[0].state;
const auditLength = (app: App) => query<{ n: number }>(app, 'select count(*) as n from audit')[0].n;

test('without JavaScript, an early close of a vote and of the meeting is refused until confirmed, with the numbers', async ({
	app,
	newContext
}) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const roster = votingRoster(app, meetingId);
	markPresent(app, meetingId, roster.slice(0, 18));
	const motionId = openNewMotion(app, agendaItemId, MOTION, 'named');
	castBallots(app, motionId, [{ personId: roster[0], choice: 'yes' }]);

	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(page, clerk.phone, clerk.password);
	const consolePath = `/xinyang/meetings/${meetingId}/console`;
	await page.goto(`${consolePath}#motion-${motionId}`);
	const card = page.getByRole('article', { name: MOTION });

	// 登记选票 and 结束表决: not neighbours, not the same style.
	const record = card.getByRole('button', { name: '登记选票' });
	const close = card.getByTestId('close-vote').getByRole('button', { name: '结束表决' });
	await expect(
		card.locator('form[action="?/rollCall"]').getByRole('button', { name: '结束表决' })
	).toHaveCount(0);
	const style = (b: typeof record) =>
		b.evaluate((e) => {
			const s = getComputedStyle(e);
			return `${s.backgroundColor} ${s.color} ${s.borderColor}`;
		});
	expect(await style(record)).not.toBe(await style(close));
	const [r, c] = [await record.boundingBox(), await close.boundingBox()];
	expect(c!.y - (r!.y + r!.height), 'the close sits well below the entry').toBeGreaterThan(24);

	// The first post only answers with the numbers; nothing changes.
	const before = auditLength(app);
	await close.click();
	await expect(card.getByRole('alert')).toHaveText('实到 18 人，已登记 1 票。仍要结束吗？');
	expect(stateOf(app, 'motions', motionId)).toBe('open');
	expect(auditLength(app)).toBe(before);
	await checkA11yWithoutScripts(page);

	// A post without the confirm flag (a replayed first form) never closes either.
	const replay = await page.request.post(`${consolePath}?/closeMotion`, {
		form: { motion: String(motionId) },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(replay.status()).toBe(400);
	expect(stateOf(app, 'motions', motionId)).toBe('open');

	await card.getByRole('button', { name: '确认结束表决' }).click();
	await expect(card.getByTestId('motion-result')).toHaveText('未通过');
	await expect(card.getByTestId('final-tally')).toHaveText('同意 1，不同意 0，弃权 0');
	expect(stateOf(app, 'motions', motionId)).toBe('closed');

	// The meeting: the console says the minutes are empty, and the close asks first.
	await page.goto(`${consolePath}#close`);
	const closeSection = page.getByRole('region', { name: '结束会议' });
	await expect(closeSection.getByTestId('minutes-empty')).toHaveText(
		/会议记录还是空的：记录人还没有写记录正文。/
	);
	await closeSection.getByRole('button', { name: '结束会议', exact: true }).click();
	await expect(closeSection.getByRole('alert')).toContainText('会议记录还是空的');
	await expect(closeSection.getByRole('alert')).toContainText('仍要结束会议吗？');
	expect(stateOf(app, 'meetings', meetingId)).toBe('open');
	await closeSection.getByRole('button', { name: '确认结束会议' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('已结束');
	expect(stateOf(app, 'meetings', meetingId)).toBe('closed');
});
