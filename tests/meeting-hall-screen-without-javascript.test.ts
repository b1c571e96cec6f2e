import { DEMO, addSession, checkA11yWithoutScripts, expect, open, test } from './fixtures.ts';
import { markPresent, openDemoMeeting, openNewMotion, votingRoster } from './meeting-helpers.ts';

const { clerk } = DEMO;

test('the hall screen works on a laptop without JavaScript and refreshes itself every minute', async ({
	newContext,
	app
}) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId).slice(0, 17));
	openNewMotion(app, agendaItemId, '同意选址在村东头原砖厂空地', 'secret');

	const screen = await (
		await newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } })
	).newPage();
	await screen.goto('/login');
	await screen.getByLabel('手机号').fill(clerk.phone);
	await screen.getByLabel('密码', { exact: true }).fill(clerk.password);
	await screen.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(screen).toHaveURL('/xinyang');
	await screen.goto(`/xinyang/meetings/${meetingId}/hall`);

	// The QR code is drawn on the server, with the short code beside it for typing by hand.
	const qr = screen.getByRole('img', { name: /签到二维码/ });
	await expect(qr.locator('svg')).toHaveCount(1);
	await expect(screen.getByTestId('checkin-code')).toHaveText(
		/^[2-9A-HJKMNP-Z]{5} [2-9A-HJKMNP-Z]{5}$/
	);
	expect(await screen.locator('head noscript').innerHTML()).toContain(
		'<meta http-equiv="refresh" content="60">'
	);
	await expect(screen.getByTestId('present')).toHaveText('17');
	const motion = screen.getByTestId('hall-open-motion');
	await expect(motion).toContainText('无记名投票');
	await expect(motion).toContainText('已投票 0 人 / 实到 17 人');
	await checkA11yWithoutScripts(screen);

	// With JavaScript the same screen polls instead, and nothing on it throws.
	const errors: string[] = [];
	const laptop = await (await newContext()).newPage();
	laptop.on('pageerror', (e) => errors.push(e.message));
	await addSession(laptop, clerk.phone, clerk.password);
	await open(laptop, `/xinyang/meetings/${meetingId}/hall`);
	await expect(laptop.getByTestId('present')).toHaveText('17');
	markPresent(app, meetingId, votingRoster(app, meetingId).slice(17, 18));
	await expect(laptop.getByTestId('present')).toHaveText('18', { timeout: 10_000 });
	expect(errors).toEqual([]);
});
