import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseWav } from './wav';

const present = spawnSync('sh', ['-c', 'command -v espeak-ng']).status === 0;

/** serve.ts with a fresh engine probe, on a database path in a new folder. */
async function freshServe(engine: string) {
	const dir = mkdtempSync(path.join(tmpdir(), 'speech-serve-'));
	vi.stubEnv('SPEECH_ENGINE', engine);
	vi.stubEnv('DATABASE_PATH', path.join(dir, 'y.db'));
	vi.resetModules();
	return { dir, serve: await import('./serve') };
}

const get = (headers: Record<string, string> = {}) =>
	new Request('http://127.0.0.1/xinyang/notices/1.wav', { headers });

afterEach(() => vi.unstubAllEnvs());

// The first import compiles the message catalogue: slow on a busy machine.
describe('speechResponse', { timeout: 90_000 }, () => {
	it('answers 503 with a plain message, never a 500, when the server has no engine', async () => {
		const { dir, serve } = await freshServe('/nonexistent/espeak-ng');
		expect(await serve.speechEngine()).toBeNull();
		const r = await serve.speechResponse(get(), 'notice-1-1', '公告。', true);
		expect(r.status).toBe(503);
		expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await r.text()).toMatch(/朗读|speech engine/);
		expect(readdirSync(dir)).toEqual([]);
	});

	it.skipIf(!present)(
		'serves a cached WAV with its version as ETag, 304 when unchanged, a new file when the text changes',
		async () => {
			const { dir, serve } = await freshServe('espeak-ng');
			const first = await serve.speechResponse(get(), 'notice-1-1', '关于修路的公告。', true);
			expect(first.status).toBe(200);
			expect(first.headers.get('content-type')).toBe('audio/wav');
			expect(first.headers.get('cache-control')).toBe('public, no-cache');
			const body = Buffer.from(await first.arrayBuffer());
			expect(Number(first.headers.get('content-length'))).toBe(body.length);
			expect(parseWav(body)).not.toBeNull();
			const etag = first.headers.get('etag')!;
			const cache = path.join(dir, 'speech-cache');
			expect(readdirSync(cache)).toEqual([`notice-1-1.${etag.slice(1, -1)}.wav`]);

			const again = await serve.speechResponse(
				get({ 'if-none-match': `W/"other", ${etag}` }),
				'notice-1-1',
				'关于修路的公告。',
				true
			);
			expect(again.status).toBe(304);
			expect(again.headers.get('etag')).toBe(etag);

			const edited = await serve.speechResponse(
				get({ 'if-none-match': etag }),
				'notice-1-1',
				'关于修桥的公告。',
				false
			);
			expect(edited.status).toBe(200);
			expect(edited.headers.get('cache-control')).toBe('private, no-cache');
			expect(edited.headers.get('etag')).not.toBe(etag);
			expect(readdirSync(cache)).toEqual([
				`notice-1-1.${edited.headers.get('etag')!.slice(1, -1)}.wav`
			]);
		}
	);
});
