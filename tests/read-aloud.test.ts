// 朗读: a villager who reads little hears a notice, a topic and a motion read in Mandarin: with
// JavaScript in the device's Chinese voice (or the server's recording when it has none), without
// JavaScript as a plain audio player. What is read is what the page shows.
import type { Locator, Page } from '@playwright/test';
import { DEMO, checkA11y, checkA11yWithoutScripts, expect, login, open, test } from './fixtures.ts';
import { noticeSeq } from './notice-helpers.ts';
import {
	markPresent,
	openDemoMeeting,
	openNewMotion,
	query,
	votingRoster
} from './meeting-helpers.ts';
import { DEMO_GENERAL_NOTICE_TITLE } from '../src/lib/server/seed/demo-notices.ts';
import { readingText, speakable } from '../src/lib/server/speech/text.ts';
import { parseWav, durationOf } from '../src/lib/server/speech/wav.ts';

declare global {
	interface Window {
		spoken: string[];
		speechCalls: string[];
	}
}

/** Installs a speechSynthesis that records what it is told to say, with one voice of this language. */
function fakeSpeech(voiceLang: string) {
	{
		window.spoken = [];
		window.speechCalls = [];
		const voice = { lang: voiceLang, name: 'Fake', default: true, localService: true };
		const synth = {
			speaking: false,
			paused: false,
			getVoices: () => [voice],
			addEventListener: () => {},
			speak(u: { text: string }) {
				window.spoken.push(u.text);
				synth.speaking = true;
			},
			cancel() {
				window.speechCalls.push('cancel');
				synth.speaking = false;
			},
			pause() {
				window.speechCalls.push('pause');
			},
			resume() {
				window.speechCalls.push('resume');
			}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', {
			value: class {
				text: string;
				constructor(text: string) {
					this.text = text;
				}
			},
			configurable: true
		});
	}
}

/** The page's main text as shown, in reading order, made speakable the way the server does. */
async function shownText(scope: Page | Locator): Promise<string> {
	const parts = await scope.locator('[data-speech-part]').allInnerTexts();
	expect(parts.length).toBeGreaterThan(0);
	return readingText(parts);
}

async function readAloud(page: Page, scope: Page | Locator): Promise<string> {
	await scope.getByRole('button', { name: '朗读' }).click();
	await expect(scope.getByRole('button', { name: '暂停朗读' })).toBeVisible();
	return (await page.evaluate(() => window.spoken)).join('\n');
}

test('朗读 speaks each page’s text in a Chinese voice, or plays the server’s recording', async ({
	page,
	app,
	newContext
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(fakeSpeech, 'zh-CN');
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);

	// A notice: public, and a page that ships no framework.
	await page.goto(`/xinyang/notices/${seq}`);
	await expect(page.getByRole('button', { name: '停止' })).toBeHidden();
	const said = await readAloud(page, page);
	expect(said).toBe(await shownText(page));
	expect(said.startsWith(`${speakable(DEMO_GENERAL_NOTICE_TITLE)}。\n`)).toBe(true);
	expect(said).not.toMatch(/[0-9a-f]{16}/);
	await page.getByRole('button', { name: '暂停朗读' }).click();
	await expect(page.getByRole('button', { name: '继续朗读' })).toBeVisible();
	await page.getByRole('button', { name: '停止' }).click();
	await expect(page.getByRole('button', { name: '朗读' })).toBeVisible();
	await expect(page.getByRole('button', { name: '停止' })).toBeHidden();
	expect(await page.evaluate(() => window.speechCalls)).toEqual(['cancel', 'pause', 'cancel']);
	await checkA11y(page);

	// A topic, for members: read, then leaving the page stops the voice.
	await login(page, DEMO.villager.phone, DEMO.villager.password);
	const [topic] = query<{ number: string }>(
		app,
		"select number from topics where state not in ('draft') order by id limit 1"
	);
	await open(page, `/xinyang/topics/${topic.number}`);
	await page.evaluate(() => (window.spoken = []));
	expect(await readAloud(page, page)).toBe(await shownText(page));
	const before = (await page.evaluate(() => window.speechCalls)).length;
	// The topic page ships no framework, so leaving it is a full load, which resets the page's record:
	// it is kept across the load, written after the script's own pagehide handler has run.
	await page.evaluate(() =>
		addEventListener('pagehide', () =>
			sessionStorage.setItem('speechCalls', JSON.stringify(window.speechCalls))
		)
	);
	await page
		.getByRole('link', { name: /新阳村/ })
		.first()
		.click();
	await page.waitForURL(/\/xinyang$/);
	const left: string[] = JSON.parse(
		(await page.evaluate(() => sessionStorage.getItem('speechCalls'))) ?? '[]'
	);
	expect(left.slice(before)).toContain('cancel');

	// A motion open for the vote, on the meeting page.
	const { meetingId, agendaItemId } = openDemoMeeting(app);
	markPresent(app, meetingId, votingRoster(app, meetingId).slice(0, 20));
	const motionText = '同意按方案于2026-12-20开工建设果蔬储藏库，预算120万元。';
	openNewMotion(app, agendaItemId, motionText, 'named');
	await open(page, `/xinyang/meetings/${meetingId}`);
	const card = page.getByTestId('open-motion');
	await page.evaluate(() => (window.spoken = []));
	const motionSaid = await readAloud(page, card);
	expect(motionSaid).toBe(await shownText(card));
	expect(motionSaid).toContain('二〇二六年12月20日');

	// A device with no Chinese voice plays the server's recording instead.
	const noVoice = await newContext();
	const other = await noVoice.newPage();
	await other.addInitScript(fakeSpeech, 'en-US');
	await other.goto(`/xinyang/notices/${seq}`);
	await other.getByRole('button', { name: '朗读' }).click();
	await expect
		.poll(() =>
			other.evaluate(() => {
				const a = document.querySelector<HTMLAudioElement>('[data-read-aloud] audio');
				return a ? !a.paused && a.readyState > 0 : false;
			})
		)
		.toBe(true);
	expect(await other.evaluate(() => window.spoken)).toEqual([]);
});

test('without JavaScript the recording is a plain audio player, revalidated by its text version; a member’s topic is heard only signed in', async ({
	app,
	newContext
}) => {
	const context = await newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);
	await page.goto(`/xinyang/notices/${seq}`);
	await expect(page.getByRole('button', { name: '朗读' })).toBeHidden();
	const player = page.getByLabel('朗读录音');
	await expect(player).toBeVisible();
	const link = await page.getByRole('link', { name: '下载朗读录音' }).getAttribute('href');
	const href = new URL(link!, page.url()).pathname;
	expect(href).toBe(`/xinyang/notices/${seq}.wav`);
	expect(await player.getAttribute('src')).toBe(link);
	await checkA11yWithoutScripts(page);

	const first = await page.request.get(href);
	expect(first.status()).toBe(200);
	expect(first.headers()['content-type']).toBe('audio/wav');
	const body = await first.body();
	expect(Number(first.headers()['content-length'])).toBe(body.length);
	const wav = parseWav(body)!;
	expect(wav).toMatchObject({ channels: 1, sampleRate: 11025, bitsPerSample: 8 });
	expect(durationOf(wav)).toBeGreaterThan(3);
	const etag = first.headers()['etag'];
	expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
	console.log(`notice ${seq}: ${body.length} bytes, ${durationOf(wav).toFixed(1)} s`);

	const again = await page.request.get(href, { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);
	expect(await again.body()).toHaveLength(0);

	// A topic's recording needs a sign-in, like its page.
	const [topic] = query<{ number: string }>(
		app,
		"select number from topics where state not in ('draft') order by id limit 1"
	);
	const path = `/xinyang/topics/${topic.number}.wav`;
	const refused = await page.request.get(path, { maxRedirects: 0 });
	expect(refused.status()).toBe(303);
	expect(refused.headers()['location']).toMatch(/^\/login\?next=/);
	expect(refused.headers()['content-type'] ?? '').not.toMatch(/audio/);
	const member = await newContext();
	await login(await member.newPage(), DEMO.villager.phone, DEMO.villager.password);
	const heard = await member.request.get(path);
	expect(heard.status()).toBe(200);
	expect(parseWav(await heard.body())).not.toBeNull();
});
