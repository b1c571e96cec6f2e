import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedAudio, speechKey } from './cache';

describe('speechKey', () => {
	it('changes with the text and the engine version, and only with them', () => {
		const k = speechKey('公告', { version: '1.51' });
		expect(k).toMatch(/^[0-9a-f]{32}$/);
		expect(speechKey('公告', { version: '1.51' })).toBe(k);
		expect(speechKey('公告。', { version: '1.51' })).not.toBe(k);
		expect(speechKey('公告', { version: '1.52' })).not.toBe(k);
	});
});

describe('cachedAudio', () => {
	it('makes each version once, shares a synthesis in progress, and prunes old versions', async () => {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'speech-')), 'speech-cache');
		let made = 0;
		const make = (body: string) => async () => {
			made++;
			return Buffer.from(body);
		};
		const [a, b] = await Promise.all([
			cachedAudio(dir, 'notice-1-2', 'k1', make('one')),
			cachedAudio(dir, 'notice-1-2', 'k1', make('one'))
		]);
		expect([a.toString(), b.toString(), made]).toEqual(['one', 'one', 1]);
		expect((await cachedAudio(dir, 'notice-1-2', 'k1', make('again'))).toString()).toBe('one');
		expect(made).toBe(1);

		writeFileSync(path.join(dir, 'notice-1-20.k9.wav'), 'another page');
		await cachedAudio(dir, 'notice-1-2', 'k2', make('two'));
		expect(readdirSync(dir).sort()).toEqual(['notice-1-2.k2.wav', 'notice-1-20.k9.wav']);
	});

	it('writes nothing when the synthesis fails', async () => {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'speech-')), 'speech-cache');
		await expect(
			cachedAudio(dir, 'topic-1-1', 'k', async () => {
				throw new Error('timed out');
			})
		).rejects.toThrow('timed out');
		await expect(
			cachedAudio(dir, 'topic-1-1', 'k', async () => Buffer.from('ok'))
		).resolves.toEqual(Buffer.from('ok'));
	});
});
