// Paper ballots beside phone ballots (issue 15 item 1), without JavaScript: the clerk's paper list
// marks the representative who voted on his phone and offers no choice for him; everyone else
// starts at 不登记; two namesakes are told apart by household. A list sent while someone voted on
// the phone meanwhile is refused whole, beside that person's row and the submit button, and comes
// back filled in as entered; sent again, the count is right.
import {
	DEMO,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	hydrated,
	login,
	loginWithoutScripts,
	open,
	test
} from './fixtures.ts';
import {
	castBallots,
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	recordRollCallNow,
	renamePerson,
	votingRoster
} from './meeting-helpers.ts';

const { clerk } = DEMO;
const MOTION = '同意果蔬储藏库建设方案（总投资 72.4 万元）';

test('the paper list skips the phone voter, tells namesakes apart and keeps a refused list as entered', async ({
	app,
	newContext
}) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const roster = votingRoster(app, meetingId);
	const [phoneVoter, lateVoter, twinA, twinB, ...others] = roster;
	markPresent(app, meetingId, roster.slice(0, 18));
	const households = query<{ id: number; household_key: string }>(
		app,
		`select p.id, h.household_key from people p join households h on h.id = p.household_id
		 where p.id in (?, ?) order by p.id`,
		twinA,
		twinB
	);
	expect(households[0].household_key).not.toBe(households[1].household_key);
	// Two representatives of one name, as villages have.
	const twinName = query<{ name: string }>(app, 'select name from people where id = ?', twinA)[0]
		.name;
	renamePerson(app, twinB, twinName);
	const motionId = openNewMotion(app, agendaItemId, MOTION, 'named');
	castBallots(app, motionId, [{ personId: phoneVoter, choice: 'yes' }]);
	const nameOf = (id: number) =>
		query<{ name: string }>(app, 'select name from people where id = ?', id)[0].name;

	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(page, clerk.phone, clerk.password);
	const consolePath = `/xinyang/meetings/${meetingId}/console`;
	await page.goto(`${consolePath}#motion-${motionId}`);
	const card = page.getByRole('article', { name: MOTION });
	const row = (id: number) => card.locator(`[data-testid="entry-row"][data-person="${id}"]`);
	const group = (id: number) => row(id).getByRole('group');

	// The phone voter is marked and cannot be picked.
	await expect(row(phoneVoter)).toHaveText(`${nameOf(phoneVoter)}：已在手机上投票`);
	await expect(row(phoneVoter).getByRole('radio')).toHaveCount(0);
	// Every other person present is offered, at 不登记.
	await expect(card.getByTestId('entry-row')).toHaveCount(18);
	await expect(card.getByRole('radio', { name: '不登记' })).toHaveCount(17);
	for (const radio of await card.getByRole('radio', { name: '不登记' }).all())
		await expect(radio).toBeChecked();
	// The namesakes, by household number.
	for (const [i, id] of [twinA, twinB].entries())
		await expect(group(id)).toHaveAccessibleName(
			`${twinName}（户号 ${households[i].household_key}）`
		);

	// The clerk fills three rows; meanwhile one of them votes on his phone.
	await group(lateVoter).getByRole('radio', { name: '同意', exact: true }).check();
	await group(twinA).getByRole('radio', { name: '不同意' }).check();
	await group(twinB).getByRole('radio', { name: '弃权' }).check();
	castBallots(app, motionId, [{ personId: lateVoter, choice: 'yes' }]);
	await card.getByRole('button', { name: '登记选票' }).click();

	// Refused whole: beside the row, naming him, and beside the submit button.
	await expect(row(lateVoter)).toContainText(`${nameOf(lateVoter)}：已在手机上投票`);
	await expect(row(lateVoter).locator('.row-error')).toHaveText(
		`${nameOf(lateVoter)}：已经投过票了：每人每项表决只能投一次。`
	);
	const alert = card.getByRole('alert');
	await expect(alert).toHaveCount(1);
	await expect(alert).toContainText('整张表都没有登记：有 1 行不能登记。');
	await expect(alert).toContainText(nameOf(lateVoter));
	await expect(card.getByRole('button', { name: '登记选票' })).toHaveAccessibleDescription(
		/整张表都没有登记/
	);
	// Nothing of the list was stored, and the rows filled are filled still.
	expect(
		query<{ n: number }>(
			app,
			'select count(*) as n from ballot_receipts where motion_id = ?',
			motionId
		)[0].n
	).toBe(2);
	await expect(group(twinA).getByRole('radio', { name: '不同意' })).toBeChecked();
	await expect(group(twinB).getByRole('radio', { name: '弃权' })).toBeChecked();
	await expect(group(others[0]).getByRole('radio', { name: '不登记' })).toBeChecked();
	await checkA11yWithoutScripts(page);

	// Sent again as it stands: two on phones, two on paper.
	await card.getByRole('button', { name: '登记选票' }).click();
	await expect(card.getByTestId('ballots-cast')).toHaveText('已投票 4 / 实到 18');
	await expect(card.getByTestId('running-tally')).toHaveText('同意 2，不同意 1，弃权 1');
	await expect(card.getByRole('alert')).toHaveCount(0);
	await expect(row(twinA)).toHaveText(`${twinName}（户号 ${households[0].household_key}）：已登记`);
	expect(
		query<{ person_id: number; channel: string }>(
			app,
			'select person_id, channel from ballot_receipts where motion_id = ? order by person_id',
			motionId
		)
	).toEqual(
		[
			{ person_id: phoneVoter, channel: 'online' },
			{ person_id: lateVoter, channel: 'online' },
			{ person_id: twinA, channel: 'paper' },
			{ person_id: twinB, channel: 'paper' }
		].sort((a, b) => a.person_id - b.person_id)
	);
});

test('with JavaScript a refused list keeps its rows too, and the refusal stands beside the row', async ({
	app,
	page
}) => {
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	const roster = votingRoster(app, meetingId);
	const [first, second, third] = roster;
	markPresent(app, meetingId, roster.slice(0, 18));
	const motionId = openNewMotion(app, agendaItemId, MOTION, 'roll_call');
	const nameOf = (id: number) =>
		query<{ name: string }>(app, 'select name from people where id = ?', id)[0].name;

	// The console polls every 3 s; the page's clock is held so no poll redraws the list between the
	// other device's entry and this submit.
	await page.clock.install();
	await login(page, clerk.phone, clerk.password);
	await open(page, `/xinyang/meetings/${meetingId}/console#motion-${motionId}`);
	await hydrated(page);
	await page.clock.pauseAt(Date.now() + 60_000);
	const card = page.getByRole('article', { name: MOTION });
	const row = (id: number) => card.locator(`[data-testid="entry-row"][data-person="${id}"]`);
	await row(first).getByRole('radio', { name: '同意', exact: true }).check();
	await row(second).getByRole('radio', { name: '弃权' }).check();
	await row(third).getByRole('radio', { name: '不同意' }).check();
	// Entered from another device meanwhile: his row of this list is refused.
	recordRollCallNow(app, motionId, third);
	await card.getByRole('button', { name: '登记选票' }).click();
	await expect(card.getByRole('alert')).toContainText('整张表都没有登记');
	await expect(row(third).locator('.row-error')).toHaveText(
		`${nameOf(third)}：已经投过票了：每人每项表决只能投一次。`
	);
	await expect(row(first).getByRole('radio', { name: '同意', exact: true })).toBeChecked();
	await expect(row(second).getByRole('radio', { name: '弃权' })).toBeChecked();
	// axe waits on timers: let the clock run again.
	await page.clock.resume();
	await checkA11y(page);
});
