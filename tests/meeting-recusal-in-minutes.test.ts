// Issue 14 item 10: the clerk records a recusal (回避) on the console; the recused representative
// finds no ballot on his phone and a forged one refused; the minutes name the recusal.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	formPostHeaders,
	login,
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

const rep = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
const REASON = '本人承包的鱼塘在储藏库选址范围内';

test('a recusal recorded on the console keeps the member from voting and stands in the minutes', async ({
	page,
	app,
	newContext
}) => {
	test.setTimeout(180_000);
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const [repId] = query<{ person_id: number }>(
		app,
		'select person_id from users where phone = ?',
		rep.phone
	).map((r) => r.person_id);
	const others = votingRoster(app, meetingId, [rep.phone]).slice(0, 17);
	markPresent(app, meetingId, [repId, ...others]);
	const motionId = openNewMotion(app, agendaItemId, '同意储藏库选址在村东鱼塘', 'named');

	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, `/xinyang/meetings/${meetingId}/console`);
	const motion = page.getByRole('article', { name: '同意储藏库选址在村东鱼塘' });
	await motion.getByText('登记回避（本人或近亲属与本项有利害关系）').click();
	await motion.getByLabel('回避人').selectOption({ label: rep.name });
	await motion.getByLabel('回避理由').fill(REASON);
	await motion.getByRole('button', { name: '登记回避' }).click();
	await expect(motion.getByTestId('recusals')).toContainText(`${rep.name}：${REASON}`);
	await expect(motion.getByTestId('recusals')).toContainText('工作人员登记');
	await checkA11y(page);

	// His phone shows the recusal instead of the ballot, and a forged ballot is refused.
	const phone = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(phone, rep.phone, rep.password);
	const meetingPath = `/xinyang/meetings/${meetingId}`;
	await open(phone, meetingPath);
	await expect(phone.getByTestId('my-recusal')).toHaveText(`您已回避本项表决：${REASON}`);
	await expect(phone.getByRole('button', { name: '同意', exact: true })).toHaveCount(0);
	const forged = await phone.request.post(`${meetingPath}?/vote`, {
		headers: formPostHeaders(app),
		form: { motionId: String(motionId), choice: 'yes', confirmed: 'yes' }
	});
	expect(forged.status()).toBeGreaterThanOrEqual(400);
	expect(
		query(
			app,
			'select 1 from ballot_receipts where motion_id = ? and person_id = ?',
			motionId,
			repId
		)
	).toHaveLength(0);
	await checkA11y(phone);

	castBallots(
		app,
		motionId,
		others.map((personId, i) => ({ personId, choice: i < 9 ? 'yes' : 'no' }))
	);
	closeMeetingNow(app, meetingId);

	await open(page, `${meetingPath}/minutes`);
	const recusals = page.getByTestId('minutes-recusals');
	await expect(recusals).toContainText(`${rep.name}：${REASON}`);
	// Recused members leave the motion's count by default: 9 of the 17 without an interest pass.
	await expect(page.getByText('2 × 9 > 17')).toBeVisible();
	await checkA11y(page);
});
