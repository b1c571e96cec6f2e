import {
	DEMO,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	open,
	test
} from './fixtures.ts';
import {
	castBallots,
	closeMeetingNow,
	closeMotionNow,
	confirmCheckin,
	hallCheckinUrl,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	scanAndSignIn,
	votingRoster
} from './meeting-helpers.ts';

const { clerk, secretary, villager } = DEMO;
const rep = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };

// The hall and the phones poll every 3 s; a busy machine may need a few polls.
const polled = expect.configure({ timeout: 30_000 });

test('a representative checks in by the hall QR code and votes on his phone without JavaScript; a secret ballot shows only turnout', async ({
	page: hall,
	app,
	newContext
}) => {
	// Four phones and the hall on one server, nine axe checks: minutes of work on a busy 2-core machine.
	test.setTimeout(300_000);
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	// 16 of the 25 are signed in at the door; the rep and the secretary check in on their phones.
	const others = votingRoster(app, meetingId, [rep.phone, secretary.phone]);
	expect(others.length).toBe(23);
	markPresent(app, meetingId, others.slice(0, 16));

	// The hall screen on the clerk's laptop.
	await addSession(hall, clerk.phone, clerk.password);
	await open(hall, `${meetingPath}/hall`);
	await polled(hall.getByRole('heading', { level: 1 })).toHaveText(
		'村民代表会议：果蔬储藏库建设方案'
	);
	await polled(hall.getByTestId('present')).toHaveText('16');
	await polled(hall.getByTestId('expected')).toHaveText('25');
	await polled(hall.getByTestId('quorum-verdict')).toHaveText('未达到法定人数，不能表决');
	await checkA11y(hall);

	// The representative's phone, no JavaScript: scan, sign in, confirm.
	const phone = await scanAndSignIn(newContext, await hallCheckinUrl(hall, app, meetingId), rep, {
		javaScriptEnabled: false
	});
	await checkA11yWithoutScripts(phone);
	await confirmCheckin(phone, hall, app, meetingId);
	await expect(phone).toHaveURL(`${meetingPath}?done=signed`);
	await expect(phone.getByRole('status').filter({ hasText: '签到成功。' })).toBeVisible();
	await expect(phone.getByTestId('my-status')).toHaveText(/^✓ 已签到/);
	await checkA11yWithoutScripts(phone);
	await expectNoHorizontalOverflow(phone);
	// The hall counts him within a poll.
	await polled(hall.getByTestId('present')).toHaveText('17');

	// A code that is not the one on the screen (expired or mistyped) is refused, nothing changes.
	const secretaryPhone = await scanAndSignIn(
		newContext,
		`${meetingPath}/checkin?c=AAAAAAAAAA`,
		secretary,
		{ javaScriptEnabled: true }
	);
	await secretaryPhone.getByRole('button', { name: '我已到会，签到' }).click();
	await expect(secretaryPhone.getByRole('alert')).toHaveText(
		'签到码已过期或不正确。请重新扫描会场大屏上的二维码。'
	);
	await polled(hall.getByTestId('present')).toHaveText('17');
	await confirmCheckin(secretaryPhone, hall, app, meetingId);
	await expect(secretaryPhone).toHaveURL(`${meetingPath}?done=signed`);
	await expect(secretaryPhone.getByTestId('my-status')).toHaveText(/^✓ 已签到/);
	await polled(hall.getByTestId('present')).toHaveText('18');
	await polled(hall.getByTestId('quorum-verdict')).toHaveText('已达到法定人数，可以表决');

	// A villager who is not called to this meeting scans the same code: refused in plain words.
	const villagerPhone = await scanAndSignIn(
		newContext,
		await hallCheckinUrl(hall, app, meetingId),
		villager,
		{ javaScriptEnabled: false }
	);
	await confirmCheckin(villagerPhone, hall, app, meetingId);
	await expect(villagerPhone.getByRole('alert')).toHaveText(
		'您不在本次会议的应到名单中，不能签到、投票或提交书面意见。'
	);
	await checkA11yWithoutScripts(villagerPhone);
	expect(
		query(
			app,
			'select count(*) as n from meeting_roster where meeting_id = ? and signed_in_at is not null',
			meetingId
		)
	).toEqual([{ n: 18 }]);

	// A named vote opens; his phone shows three large buttons once reloaded (no JavaScript).
	const named = openNewMotion(app, agendaItemId, '同意在村东头原砖厂空地建设果蔬储藏库', 'named');
	await phone.goto(meetingPath);
	const card = phone.getByTestId('open-motion');
	await expect(card).toContainText('同意在村东头原砖厂空地建设果蔬储藏库');
	await expect(card).toContainText('已投票 0 人 / 实到 18 人');
	const yes = card.getByRole('button', { name: '同意', exact: true });
	expect((await yes.boundingBox())!.height).toBeGreaterThanOrEqual(44);
	await checkA11yWithoutScripts(phone);
	await expectNoHorizontalOverflow(phone);
	await yes.click();
	await phone.getByRole('button', { name: '确认投票' }).click();
	await expect(phone).toHaveURL(`${meetingPath}?done=voted`);
	await expect(phone.getByRole('status').filter({ hasText: '您的票已记录。' })).toBeVisible();
	await expect(card.getByText('您已投票：同意')).toBeVisible();
	await expect(card.getByRole('button')).toHaveCount(0);
	// The hall shows how many have voted, never the running count.
	await polled(hall.getByTestId('hall-open-motion')).toContainText('已投票 1 人 / 实到 18 人');
	await polled(hall.getByTestId('hall-open-motion')).not.toContainText(/同意 \d+ 票/);

	// Voting twice, a forged motion and a made-up choice: 400, a message, nothing stored.
	const post = (form: Record<string, string>) =>
		phone.request.post(`${meetingPath}?/vote`, {
			form: { confirmed: 'yes', ...form },
			headers: formPostHeaders(app)
		});
	const twice = await post({ motionId: String(named), choice: 'no' });
	expect(twice.status()).toBe(400);
	expect(await twice.text()).toContain('已经投过票了：每人每项表决只能投一次。');
	const forged = await post({ motionId: '999999', choice: 'yes' });
	expect(forged.status()).toBe(400);
	expect(await forged.text()).toContain('这项表决不属于本次会议。');
	const garbage = await post({ motionId: String(named), choice: 'maybe' });
	expect(garbage.status()).toBe(400);
	expect(await garbage.text()).toContain('请选择同意、不同意或弃权。');
	expect(query(app, 'select choice from named_choices where motion_id = ?', named)).toEqual([
		{ choice: 'yes' }
	]);
	closeMotionNow(app, named);

	// A secret ballot: the secretary votes on her phone (with JavaScript), two others on theirs.
	const secret = openNewMotion(app, agendaItemId, '同意由村集体自筹22.4万元', 'secret');
	// Her phone finds the new vote by its own poll.
	await polled(secretaryPhone.getByTestId('open-motion')).toContainText('同意由村集体自筹22.4万元');
	await expect(secretaryPhone.getByTestId('open-motion')).toContainText('无记名投票');
	await checkA11y(secretaryPhone);
	await secretaryPhone
		.getByTestId('open-motion')
		.getByRole('button', { name: '不同意', exact: true })
		.click();
	await secretaryPhone.getByRole('button', { name: '确认投票' }).click();
	await expect(
		secretaryPhone
			.getByTestId('open-motion')
			.getByText(/^您已投票（.+）。无记名投票不显示您的选择。$/)
	).toBeVisible();
	castBallots(app, secret, [
		{ personId: others[0], choice: 'yes' },
		{ personId: others[1], choice: 'yes' }
	]);

	// While open, nothing anywhere ties a choice to a voter, and no page shows the counts.
	const receiptColumns = query<{ name: string }>(
		app,
		'select name from pragma_table_info(?)',
		'ballot_receipts'
	);
	expect(receiptColumns.map((c) => c.name).sort()).toEqual(['channel', 'motion_id', 'person_id']);
	const tallyColumns = query<{ name: string }>(
		app,
		'select name from pragma_table_info(?)',
		'secret_tallies'
	);
	expect(tallyColumns.map((c) => c.name).sort()).toEqual(['choice', 'count', 'motion_id']);
	expect(query(app, 'select count(*) as n from named_choices where motion_id = ?', secret)).toEqual(
		[{ n: 0 }]
	);
	expect(
		query(app, 'select count(*) as n from ballot_receipts where motion_id = ?', secret)
	).toEqual([{ n: 3 }]);
	const castEntries = query<{ after: string }>(
		app,
		"select after from audit where action = 'ballot.cast' and subject_type = 'motion' and subject_id = ?",
		String(secret)
	);
	expect(castEntries).toHaveLength(3);
	for (const e of castEntries)
		expect(Object.keys(JSON.parse(e.after)).sort()).toEqual(['channel', 'personId']);

	await secretaryPhone.reload();
	const secretCard = secretaryPhone.getByTestId('open-motion');
	await expect(secretCard.getByText(/^您已投票（.+）。无记名投票不显示您的选择。$/)).toBeVisible();
	await expect(secretCard).toContainText('已投票 3 人 / 实到 18 人');
	await expect(secretCard).not.toContainText('不同意');
	await expect(secretCard).not.toContainText(/同意 \d+ 票/);
	await phone.reload();
	await expect(phone.getByTestId('open-motion')).not.toContainText(/\d+ 票/);
	await polled(hall.getByTestId('hall-open-motion')).toContainText('已投票 3 人 / 实到 18 人');
	await polled(hall.getByTestId('hall-open-motion')).not.toContainText(/\d+ 票/);
	await checkA11y(hall);

	// The named vote's result is on the hall with its arithmetic: 1 yes of 18 present fails.
	const results = hall.getByTestId('motion-result');
	await expect(results.first()).toContainText('未通过');
	await expect(results.first()).toContainText('同意 1 票，不同意 0 票，弃权 0 票');
	await expect(results.first()).toContainText('2 × 1 > 18');

	// After the close: the counts and who voted, never how any one of them voted.
	closeMeetingNow(app, meetingId);
	await polled(hall.getByTestId('motion-result')).toHaveCount(2);
	const secretResult = hall.getByTestId('motion-result').nth(1);
	await expect(secretResult).toContainText('同意 2 票，不同意 1 票，弃权 0 票');
	await expect(secretResult).toContainText('投票人数：3 人');
	await polled(hall.getByText('会议已结束，不再签到。')).toBeVisible();

	await secretaryPhone.reload();
	await expect(secretaryPhone.getByTestId('open-motion')).toHaveCount(0);
	const mine = secretaryPhone.getByTestId('motion-result').nth(1);
	await expect(mine).toContainText('投票人数：3 人');
	await mine.getByText('投票人', { exact: true }).click();
	await expect(mine).toContainText(secretary.name);
	// The page is server-rendered only (csr = false), so its links are relative: check where it goes.
	expect(
		await secretaryPhone
			.getByRole('link', { name: '查看会议记录' })
			.evaluate((a) => (a as HTMLAnchorElement).href)
	).toBe(`${app.url}${meetingPath}/minutes`);
	expect(await secretaryPhone.content()).not.toMatch(/您已投票/);
	await checkA11y(secretaryPhone);
});
