// The notice as a PDF, printed by the Debian chromium the machine already has for its tests; no
// binary is added at run time. Without chromium the caller answers 503 and points to the print page.
import { execFile, execSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let found: string | null | undefined;

/** Chromium's path, found as playwright.config.ts finds it (CHROMIUM_PATH or `command -v`). */
export function chromiumPath(): string | null {
	if (found !== undefined) return found;
	try {
		found =
			process.env.CHROMIUM_PATH ||
			execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim() ||
			null;
	} catch {
		found = null;
	}
	return found;
}

/** Prints `url` (the notice's A4 print page) to PDF bytes, or null when it cannot. */
export async function printToPdf(url: string, timeoutMs = 30_000): Promise<Buffer | null> {
	const chromium = chromiumPath();
	if (!chromium) return null;
	const dir = await mkdtemp(join(tmpdir(), 'notice-pdf-'));
	const out = join(dir, 'notice.pdf');
	try {
		await new Promise<void>((done, failed) => {
			execFile(
				chromium,
				[
					'--headless',
					'--no-sandbox',
					'--disable-gpu',
					'--disable-dev-shm-usage',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
					'--no-pdf-header-footer',
					`--user-data-dir=${join(dir, 'profile')}`,
					`--print-to-pdf=${out}`,
					url
				],
				{ timeout: timeoutMs },
				(err) => (err ? failed(err) : done())
			);
		});
		const pdf = await readFile(out);
		return pdf.subarray(0, 5).toString() === '%PDF-' ? pdf : null;
	} catch {
		return null;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * Where the server reaches its own pages: adapter-node listens on HOST:PORT, which a public
 * ORIGIN behind a proxy may not lead back to; outside adapter-node (dev) the request's origin.
 */
export function selfOrigin(requestOrigin: string): string {
	const port = process.env.PORT;
	if (!port) return requestOrigin;
	const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1';
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

// A notice never changes, so its PDF is made once; and one chromium at a time, so a burst of
// downloads on the public board cannot start dozens of browsers on a two-core village server.
const cache = new Map<string, Buffer>();
const CACHE_SIZE = 50;
let queue: Promise<unknown> = Promise.resolve();

/** The PDF of a notice's print page, made once per notice and kept for the next reader. */
export function noticePdf(key: string, url: string): Promise<Buffer | null> {
	const hit = cache.get(key);
	if (hit) return Promise.resolve(hit);
	const run = queue.then(async () => {
		const again = cache.get(key);
		if (again) return again;
		const pdf = await printToPdf(url);
		if (pdf) {
			if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
			cache.set(key, pdf);
		}
		return pdf;
	});
	queue = run.catch(() => null);
	return run;
}
