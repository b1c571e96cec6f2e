import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_PARALLEL, load, probeEngine, synthesize } from './engine';
import { compactWav, durationOf, encodeWav, parseWav } from './wav';

const present = spawnSync('sh', ['-c', 'command -v espeak-ng']).status === 0;
if (!present)
	console.warn('espeak-ng is missing: the synthesis tests are skipped (apt-get install espeak-ng)');

describe('WAV reading and writing', () => {
	it('round-trips samples and fills every size', () => {
		const data = Buffer.from([1, 2, 3, 4, 5, 6]);
		const file = encodeWav({ channels: 1, sampleRate: 8000, bitsPerSample: 16, data });
		expect(file.readUInt32LE(4)).toBe(file.length - 8);
		expect(parseWav(file)).toEqual({ channels: 1, sampleRate: 8000, bitsPerSample: 16, data });
	});

	it('refuses what is not a PCM WAV', () => {
		expect(parseWav(Buffer.from('RIFF....AVI LIST'))).toBeNull();
		expect(parseWav(Buffer.from('hello'))).toBeNull();
	});

	it('halves rate and sample size, averaging pairs', () => {
		const data = Buffer.alloc(8);
		[0, 512, 32767, 32767].forEach((v, i) => data.writeInt16LE(v, i * 2));
		const out = compactWav({ channels: 1, sampleRate: 22050, bitsPerSample: 16, data });
		expect(out).toMatchObject({ sampleRate: 11025, bitsPerSample: 8 });
		expect([...out.data]).toEqual([129, 255]);
	});
});

describe.skipIf(!present)('espeak-ng', () => {
	it('reads a notice into a valid, compact WAV whose length fits the text', async () => {
		const engine = (await probeEngine('espeak-ng'))!;
		expect(engine.version).toMatch(/^\d+\.\d+/);
		const short = '公告。';
		const long =
			'关于修建村储藏库的决议公告。经村民代表会议表决通过，同意修建村储藏库，投资一百二十万元。';
		const [a, b] = await Promise.all([synthesize(engine, short), synthesize(engine, long)]);
		for (const file of [a, b]) {
			expect(file.toString('ascii', 0, 4)).toBe('RIFF');
			expect(file.toString('ascii', 8, 16)).toBe('WAVEfmt ');
			expect(file.readUInt32LE(4)).toBe(file.length - 8);
			expect(file.readUInt32LE(40)).toBe(file.length - 44);
		}
		const wa = parseWav(a)!;
		const wb = parseWav(b)!;
		expect(wb).toMatchObject({ channels: 1, sampleRate: 11025, bitsPerSample: 8 });
		// Mandarin runs at about 3–6 syllables a second; 44 characters and their pauses take longer.
		const chars = [...long].filter((c) => /\p{Script=Han}/u.test(c)).length;
		expect(durationOf(wb)).toBeGreaterThan(chars / 8);
		expect(durationOf(wb)).toBeLessThan(chars / 1.5);
		expect(durationOf(wb)).toBeGreaterThan(4 * durationOf(wa));
		// Not silence: the samples swing around the 8-bit midpoint.
		expect(wb.data.reduce((hi, v) => Math.max(hi, Math.abs(v - 128)), 0)).toBeGreaterThan(30);
	});

	it('runs at most two syntheses at once; the others wait their turn and all finish', async () => {
		const engine = (await probeEngine('espeak-ng'))!;
		const all = Array.from({ length: 5 }, (_, i) => synthesize(engine, `第${i + 1}号公告。`));
		expect(load()).toEqual({ running: MAX_PARALLEL, waiting: 5 - MAX_PARALLEL });
		const files = await Promise.all(all);
		expect(files.every((f) => parseWav(f) !== null)).toBe(true);
		expect(load()).toEqual({ running: 0, waiting: 0 });
	});

	it('a missing engine is reported as absent, not thrown', async () => {
		expect(await probeEngine('/nonexistent/espeak-ng')).toBeNull();
	});
});
