// Attendance marked many at a time (issue 15 item 5): on a phone without JavaScript the clerk
// presses "全部到会", unticks those who did not come, and one form post marks thirty present.
import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	open,
	test
} from './fixtures.ts';
import { markLeftNow, markPresent, openedMeetingToday, query } from './meeting-helpers.ts';

const TITLE = '党员大会：审议果蔬储藏库建设方案';

/** Every POST the page sends from now on. */
function countPosts(page: Page): () => number {
	let posts = 0;
	page.on('request', (r) => {
		if (r.method() === 'POST') posts++;
	});
	return () => posts;
}

const presentInDb = (app: Parameters<typeof openedMeetingToday>[0], meetingId: number) =>
	query<{ n: number }>(
		app,
		'select count(*) as n from meeting_roster where meeting_id = ? and signed_in_at is not null',
		meetingId
	)[0].n;

test('thirty attendees marked present in one submit, without JavaScript', async ({
	newContext,
	app
}) => {
	const { meetingId, voters, nonVoters } = openedMeetingToday(app, {
		type: 'party_assembly',
		title: TITLE
	});
	expect(voters.length).toBeGreaterThanOrEqual(30);
	// The absent: the probationary members (no vote) and the voters beyond thirty.
	const absent = [...nonVoters, ...voters.slice(30)];

	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/meetings/${meetingId}/console`);
	await expect(page.getByTestId('present')).toHaveText('0');
	const posts = countPosts(page);

	// Without JavaScript the whole roster is listed, each name with its household to tell namesakes
	// apart; "全部到会" is a plain link-like GET that comes back with everyone ticked.
	const roster = page.locator('#roster');
	const boxes = roster.getByRole('checkbox');
	await expect(boxes).toHaveCount(voters.length + nonVoters.length);
	for (const row of await page.getByTestId('roster-row').all())
		await expect(row).toContainText(/户号|户主/);
	await roster.getByRole('button', { name: '全部到会' }).click();
	await expect(page).toHaveURL(/\?tick=all#roster$/);
	for (const box of await boxes.all()) await expect(box).toBeChecked();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	for (const id of absent) await page.locator(`#tick-${id}`).uncheck();
	await page.getByRole('button', { name: '登记勾选的人到会' }).click();

	await expect(page).toHaveURL(/\?marked=30#roster$/);
	await expect(page.getByText('已登记 30 人到会。')).toBeVisible();
	await expect(page.getByTestId('present')).toHaveText('30');
	expect(posts()).toBe(1);
	expect(presentInDb(app, meetingId)).toBe(30);
	// Those left unticked are still absent and still on the checklist.
	await expect(boxes).toHaveCount(absent.length);
	for (const id of absent) await expect(page.locator(`#p-${id}`)).toContainText('未到');
});

test('a list with one person who cannot be marked is refused whole, naming them, ticks kept', async ({
	newContext,
	app
}) => {
	const { meetingId, voters } = openedMeetingToday(app, { type: 'party_assembly', title: TITLE });
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/meetings/${meetingId}/console?tick=all#roster`);
	const ticked = voters.slice(0, 12);
	for (const id of voters.slice(12)) await page.locator(`#tick-${id}`).uncheck();

	// Meanwhile someone on the list signs in on their phone and leaves before the clerk submits.
	const leaver = voters[5];
	markPresent(app, meetingId, [leaver]);
	markLeftNow(app, meetingId, leaver);
	const leaverName = (await page.locator(`#p-${leaver} strong`).textContent())!;

	await page.getByRole('button', { name: '登记勾选的人到会' }).click();
	await expect(page.locator('#mark-present')).toContainText(leaverName);
	expect(presentInDb(app, meetingId)).toBe(1);
	for (const id of ticked.filter((p) => p !== leaver))
		await expect(page.locator(`#tick-${id}`)).toBeChecked();
	for (const id of voters.slice(12)) await expect(page.locator(`#tick-${id}`)).not.toBeChecked();
});

test('with JavaScript "全部到会" ticks everyone at once, and a name the search hides is still sent', async ({
	newContext,
	app
}) => {
	const { meetingId, voters, nonVoters } = openedMeetingToday(app, {
		type: 'party_assembly',
		title: TITLE
	});
	const everyone = voters.length + nonVoters.length;
	const context = await newContext({ viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, `/xinyang/meetings/${meetingId}/console`);
	const posts = countPosts(page);
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));

	await page.getByRole('button', { name: '全部到会' }).click();
	await expect(page.getByText(`已勾选 ${everyone} 人`)).toBeVisible();
	expect(requests.filter((u) => u.includes('tick=all'))).toEqual([]);

	// The clerk searches for the one who is missing and unticks them; the others, hidden by the
	// search, stay ticked and are posted.
	const absent = voters[0];
	const name = (await page.locator(`#p-${absent} strong`).textContent())!;
	await page.getByLabel('按姓名查找').fill(name);
	await expect.poll(() => page.getByTestId('roster-row').count()).toBeLessThan(everyone);
	await page.locator(`#tick-${absent}`).uncheck();
	await expect(page.getByText(`已勾选 ${everyone - 1} 人`)).toBeVisible();
	await page.getByRole('button', { name: '登记勾选的人到会' }).click();

	await expect(page.getByText(`已登记 ${everyone - 1} 人到会。`)).toBeVisible();
	await expect(page.getByTestId('present')).toHaveText(String(voters.length - 1));
	expect(posts()).toBe(1);
	expect(presentInDb(app, meetingId)).toBe(everyone - 1);
	await page.getByLabel('按姓名查找').fill('');
	await expect(page.getByRole('checkbox')).toHaveCount(1);
});
