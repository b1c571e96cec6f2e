// Issue 14: a vote on a 4+2 matter opens only in a meeting that can carry the matter's next step.
// The storage house waits for its decision (step 4); the clerk tries to put it to a party members'
// assembly held today, and the console says why not, with and without JavaScript.
import type { Page } from '@playwright/test';
import { DEMO, checkA11y, expect, login, loginWithoutScripts, open, test } from './fixtures.ts';
import { draftMotionToday } from './meeting-helpers.ts';

const STORAGE_TOPIC = '建设1000平方米果蔬储藏库';

async function triesToOpen(page: Page, path: string, motionId: number) {
	const motion = page.locator(`#motion-${motionId}`);
	await motion.getByRole('button', { name: '开始表决' }).click();
	const alert = motion.getByRole('alert');
	await expect(alert).toContainText('本议题在“四议两公开”程序中，这次会议不能对它表决');
	// The reason names the step the matter is at and the meetings that may carry it.
	await expect(alert).toContainText('第4步');
	await expect(alert).toContainText('村民会议');
	await expect(alert).toContainText('村民代表会议');
	// Nothing changed: the motion is still waiting to be put to the vote.
	await page.goto(path);
	await expect(page.locator(`#motion-${motionId}`).getByTestId('motion-state')).toHaveText(
		'未开始'
	);
}

test('the clerk cannot put the storage house decision to a party assembly, and reads why', async ({
	page,
	app,
	newContext
}) => {
	const { meetingId, motionId } = draftMotionToday(app, {
		type: 'party_assembly',
		title: '党员大会：储藏库',
		topicTitle: STORAGE_TOPIC,
		motion: '同意建设储藏库'
	});
	const path = `/xinyang/meetings/${meetingId}/console`;

	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, path);
	await triesToOpen(page, path, motionId);
	await checkA11y(page);

	const plain = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(plain, DEMO.clerk.phone, DEMO.clerk.password);
	await plain.goto(path);
	await triesToOpen(plain, path, motionId);
});
