// espeak-ng, run as a child process: never synchronously (a request must not stall the server),
// at most two at once on a 2-core township server (others wait their turn), each bounded in time.
import { spawn } from 'node:child_process';
import { compactWav, encodeWav, parseWav } from './wav';

/**
 * Debian's espeak-ng has no Chinese character dictionary: its `cmn` voice spells unknown characters
 * as pinyin read in English ("cun one min two"). `cmn-latn-pinyin` reads that pinyin as Mandarin.
 */
export const VOICE = 'cmn-latn-pinyin';
export const MAX_PARALLEL = 2;
export const TIMEOUT_MS = 30_000;

export interface Engine {
	binary: string;
	/** Part of every cache key: a new espeak-ng may sound different. */
	version: string;
}

/** The engine's version line, or null when the binary is missing or does not answer. */
export function probeEngine(binary: string): Promise<Engine | null> {
	return new Promise((resolve) => {
		let out = '';
		const child = spawn(binary, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
		child.stdout.on('data', (d) => (out += d));
		child.on('error', () => resolve(null));
		child.on('close', (code) => {
			const version = /\d+\.\d+[\w.+-]*/.exec(out)?.[0];
			resolve(code === 0 && version ? { binary, version } : null);
		});
	});
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= MAX_PARALLEL) await new Promise<void>((go) => waiting.push(go));
	running++;
	try {
		return await work();
	} finally {
		running--;
		waiting.shift()?.();
	}
}

function runEspeak(engine: Engine, text: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		// Text goes in on stdin (-b 1: UTF-8), so no text can be taken for an option or overflow argv.
		const child = spawn(engine.binary, ['-v', VOICE, '-b', '1', '--stdin', '--stdout'], {
			stdio: ['pipe', 'pipe', 'ignore']
		});
		const chunks: Buffer[] = [];
		const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
		child.stdout.on('data', (d: Buffer) => chunks.push(d));
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve(Buffer.concat(chunks));
			else reject(new Error(`espeak-ng ended with ${signal ?? code}`));
		});
		child.stdin.on('error', () => {});
		child.stdin.end(text);
	});
}

/** The text spoken as a compact PCM WAV (11 kHz, 8-bit, mono). */
export async function synthesize(engine: Engine, text: string): Promise<Buffer> {
	const raw = await slot(() => runEspeak(engine, text));
	const wav = parseWav(raw);
	if (!wav) throw new Error('espeak-ng wrote no WAV');
	return encodeWav(compactWav(wav));
}

/** How many syntheses run now and wait, for tests of the bound. */
export const load = () => ({ running, waiting: waiting.length });
