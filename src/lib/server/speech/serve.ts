// The answer to GET …/<page>.wav: the page's reading as audio, revalidated by its text version.
// Routes hand over only the text of a page the requester may read, never text from the request,
// so the cache holds at most one file per existing page.
import path from 'node:path';
import { m } from '$lib/paraglide/messages';
import { cachedAudio, speechKey } from './cache';
import { probeEngine, synthesize, type Engine } from './engine';

let engine: Promise<Engine | null> | undefined;

/** espeak-ng on this server, looked for once per process (SPEECH_ENGINE names another binary). */
export function speechEngine(): Promise<Engine | null> {
	engine ??= probeEngine(process.env.SPEECH_ENGINE || 'espeak-ng');
	return engine;
}

/** Beside the database, as uploads are (read from process.env like `uploadsDir`). */
export const speechCacheDir = () =>
	path.resolve(path.dirname(process.env.DATABASE_PATH || './data/yishiting.db'), 'speech-cache');

const unavailable = () =>
	new Response(m.speech_server_unavailable(), {
		status: 503,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});

/**
 * `page` names the cached file (kind, village, id); `shared` says whether a proxy may keep it
 * (public pages) or only the listener's browser (pages behind a sign-in).
 */
export async function speechResponse(
	request: Request,
	page: string,
	text: string,
	shared: boolean
): Promise<Response> {
	const found = await speechEngine();
	if (!found) return unavailable();
	const etag = `"${speechKey(text, found)}"`;
	const headers: Record<string, string> = {
		etag,
		// Stored, but asked again each time: an edited notice must not be read in its old words.
		'cache-control': `${shared ? 'public' : 'private'}, no-cache`
	};
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
		return new Response(null, { status: 304, headers });
	let audio: Buffer;
	try {
		audio = await cachedAudio(speechCacheDir(), page, etag.slice(1, -1), () =>
			synthesize(found, text)
		);
	} catch (e) {
		// A synthesis that failed or ran out of time is this server's limit, not a bug of the page.
		console.error('read-aloud synthesis failed', page, e);
		return unavailable();
	}
	return new Response(new Uint8Array(audio), {
		headers: {
			...headers,
			'content-type': 'audio/wav',
			'content-length': String(audio.length)
		}
	});
}
