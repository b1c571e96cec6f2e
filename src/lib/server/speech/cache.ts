// Audio files on disk, one per page and text version, next to the database: made once, served to
// every listener after, replaced (the old file pruned) when the page's text changes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VOICE, type Engine } from './engine';

/** Bumped when the stored audio format changes, so old files are not served as new. */
const FORMAT = 'wav-u8-11k-1';

/** The version of one text as spoken: what it says, by which voice and engine, in which format. */
export function speechKey(text: string, engine: Pick<Engine, 'version'>): string {
	return createHash('sha256')
		.update(JSON.stringify([FORMAT, VOICE, engine.version, text]))
		.digest('hex')
		.slice(0, 32);
}

/** A page's files start with its name, e.g. `notice-1-7.`, so its old versions can be found. */
const fileName = (page: string, key: string) => `${page}.${key}.wav`;

const inFlight = new Map<string, Promise<Buffer>>();

/**
 * The audio for this page and key: from the cache, or made by `make`, written atomically (tmp
 * then rename, so a reader never sees half a file) and the page's other versions removed. Two
 * listeners asking at once share one synthesis.
 */
export function cachedAudio(
	dir: string,
	page: string,
	key: string,
	make: () => Promise<Buffer>
): Promise<Buffer> {
	const file = path.join(dir, fileName(page, key));
	const pending = inFlight.get(file);
	if (pending) return pending;
	const work = (async () => {
		try {
			return await readFile(file);
		} catch {
			const audio = await make();
			await mkdir(dir, { recursive: true });
			const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
			await writeFile(tmp, audio);
			await rename(tmp, file);
			await prune(dir, page, path.basename(file));
			return audio;
		}
	})().finally(() => inFlight.delete(file));
	inFlight.set(file, work);
	return work;
}

async function prune(dir: string, page: string, keep: string) {
	for (const name of await readdir(dir)) {
		if (name.startsWith(`${page}.`) && name !== keep && !name.endsWith('.tmp')) {
			await unlink(path.join(dir, name)).catch(() => {});
		}
	}
}
