// 大喇叭: the clerk opens the loudspeaker script of a notified meeting's message, reads the time and
// place said in words, twice, and downloads the recording for the village broadcast system.
import { parseWav, durationOf } from '../src/lib/server/speech/wav.ts';
import { DEMO, addSession, checkA11y, expect, test, type App } from './fixtures.ts';
import { query } from './meeting-helpers.ts';

const MEETING = '村民会议：修订村规民约';

/** The outbox message the meeting's notice queued (notifyMeeting queues one). */
function meetingMessage(app: App): { id: number; title: string; date: string; place: string } {
	const [meeting] = query<{ id: number; date: string; place: string }>(
		app,
		`select id, meeting_date as date, place from meetings where title = ? and state = 'notified'`,
		MEETING
	);
	const [message] = query<{ id: number; title: string }>(
		app,
		"select id, title from messages where kind = 'meeting_called' and subject_type = 'meeting' and subject_id = ?",
		meeting.id
	);
	expect(message, 'the notice queued its message').toBeTruthy();
	return { ...meeting, ...message };
}

const CN_DIGITS = '〇一二三四五六七八九';
const SMALL = '零一二三四五六七八九';
const spoken = (n: number) =>
	n < 10 ? SMALL[n] : `${n >= 20 ? SMALL[Math.floor(n / 10)] : ''}十${n % 10 ? SMALL[n % 10] : ''}`;

test('a notified meeting’s loudspeaker script and its recording', async ({ page, app }) => {
	const message = meetingMessage(app);
	const [y, mo, d] = message.date.split('-');
	const spokenDate = `${[...y].map((c) => CN_DIGITS[Number(c)]).join('')}年${spoken(Number(mo))}月${spoken(Number(d))}日`;

	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto(`/xinyang/outbox/${message.id}/broadcast`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('大喇叭广播稿');
	const script = page.getByTestId('broadcast-script');
	const said = `${spokenDate}，星期`;
	await expect(script).toContainText('各位村民请注意');
	const text = (await script.textContent()) ?? '';
	// Said twice: the title, the date in words, 下午两点 (14:00) and the place.
	for (const part of [MEETING, said, '下午两点', `在${message.place}召开`])
		expect(text.split(part).length - 1, part).toBe(2);
	expect(text).not.toMatch(/\d/);
	await expect(page.getByLabel('广播稿全文，可全选复制')).toHaveValue(/再播送一遍/);
	await checkA11y(page);

	// The recording downloads as a file named after the village and the message.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '下载广播录音（WAV）' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`新阳村广播-${message.title}.wav`);
	const res = await page.request.get(`/xinyang/outbox/${message.id}/broadcast.wav`);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('audio/wav');
	expect(res.headers()['content-disposition']).toMatch(
		/^attachment; filename="broadcast-xinyang-\d+\.wav"/
	);
	const wav = Buffer.from(await res.body());
	expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
	const parsed = parseWav(wav);
	expect(parsed).not.toBeNull();
	// Two announcements and the calls around them: well over ten seconds of speech.
	expect(durationOf(parsed!)).toBeGreaterThan(10);
});
