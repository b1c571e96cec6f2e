// Minutes can be finished after the meeting (issue 15): the meeting closes with no notes; the clerk
// writes them afterwards (audited), an attendee confirms them on a phone, and from then on the
// notes are frozen: the form is gone, a direct post is refused, and a correction is appended.
import { DEMO, checkA11y, expect, formPostHeaders, login, test, type App } from './fixtures.ts';
import {
	closeMeetingNow,
	markPresent,
	openDemoMeeting,
	query,
	votingRoster
} from './meeting-helpers.ts';

const { clerk } = DEMO;
const rep = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
const NOTES = '会议由李建国主持。与会代表讨论了果蔬储藏库建设方案，同意提交下次会议表决。';

const minutesText = (app: App, meetingId: number) =>
	query<{ minutes: string }>(app, 'select minutes from meetings where id = ?', meetingId)[0]
		.minutes;
const textEdits = (app: App, meetingId: number) =>
	query<{ after: string }>(
		app,
		"select after from audit where action = 'meeting.minutes_text_saved' and subject_id = ?",
		String(meetingId)
	);

test('the notes are written after the close, confirmed by an attendee, then frozen', async ({
	app,
	page,
	newContext
}) => {
	const { meetingId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId));
	closeMeetingNow(app, meetingId);
	expect(minutesText(app, meetingId)).toBe('');
	const path = `/xinyang/meetings/${meetingId}/minutes`;

	// After the close the recorder's text is still open, and says so.
	await login(page, clerk.phone, clerk.password);
	await page.goto(path);
	await expect(page.getByTestId('text-after-close')).toBeVisible();
	await page.getByRole('textbox', { name: '记录正文（记录人填写）' }).fill(NOTES);
	await page.getByRole('button', { name: '保存记录正文' }).click();
	await expect(page.getByText('记录正文已保存。')).toBeVisible();
	await expect(page.getByTestId('minutes-text')).toHaveText(NOTES);
	expect(minutesText(app, meetingId)).toBe(NOTES);
	expect(textEdits(app, meetingId).map((e) => JSON.parse(e.after))).toEqual([
		{ length: [...NOTES].length, text: NOTES, afterClose: true }
	]);
	await checkA11y(page);

	// An attendee confirms on their phone, reading the notes written after the close.
	const phone = await (await newContext()).newPage();
	await login(phone, rep.phone, rep.password);
	await phone.goto(path);
	await expect(phone.getByTestId('minutes-text')).toHaveText(NOTES);
	await phone.getByRole('button', { name: '我确认会议记录无误' }).click();
	await expect(phone.getByText('您已确认会议记录。')).toBeVisible();

	// From now on the notes are frozen: no form, a direct post refused, a correction appended.
	await page.goto(path);
	await expect(page.getByTestId('text-frozen')).toBeVisible();
	await expect(page.getByRole('textbox', { name: '记录正文（记录人填写）' })).toHaveCount(0);
	const refused = await page.request.post(`${path}?/saveText`, {
		form: { text: '改过的记录' },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(refused.status()).toBe(400);
	expect(minutesText(app, meetingId)).toBe(NOTES);
	expect(textEdits(app, meetingId)).toHaveLength(1);

	await page.getByLabel('更正内容').fill('补充：会议于 11 时结束。');
	await page.getByLabel('更正原因').fill('漏记结束时间');
	await page.getByRole('button', { name: '追加更正' }).click();
	await expect(page.getByText('更正已追加，原记录不变。')).toBeVisible();
	await expect(page.getByTestId('minutes-text')).toHaveText(NOTES);
	await expect(page.getByRole('main')).toContainText('补充：会议于 11 时结束。');
});
