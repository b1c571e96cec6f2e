// Pages leave the server gzipped: a villager's phone on a rural network pays for every byte, and
// a deployment without a compressing proxy in front must not send a topic page at ten times its
// size. Static assets are precompressed at build time and never pass through here. Behind a proxy
// that compresses (nginx or Caddy with gzip on), COMPRESSION=off leaves that work to the proxy.
import { promisify } from 'node:util';
import { gzip, gzipSync, type ZlibOptions } from 'node:zlib';

/** The COMPRESSION setting: `gzip` in this process (the default), or `off` behind a proxy. */
export type Compression = 'gzip' | 'off';

/**
 * The setting from its environment variable; unset or empty is `gzip`. Any other value is refused,
 * so a typo fails the start instead of silently sending pages uncompressed or compressing twice.
 */
export function parseCompression(raw: string | undefined): Compression {
	const value = (raw ?? '').trim().toLowerCase();
	if (value === '' || value === 'gzip') return 'gzip';
	if (value === 'off') return 'off';
	throw new Error(`COMPRESSION must be "gzip" (the default) or "off", not ${JSON.stringify(raw)}`);
}

const gzipAsync = promisify(gzip);

// Level 4 costs a little over half of level 6's time on a notice board and makes it 2% larger.
// A window no larger than the body compresses it just as well, and zlib then sets up (and the
// collector later frees) a few KB per page instead of a quarter of a MB.
function gzipOptions(byteLength: number): ZlibOptions {
	return {
		level: 4,
		windowBits: Math.min(15, Math.max(9, Math.ceil(Math.log2(byteLength)))),
		memLevel: 7
	};
}

// A page of tens of KB gzips in a fraction of a millisecond, less than the hand-off to zlib's
// thread pool costs; only large bodies (archives of text, big exports) go there.
const SYNC_BELOW = 256 * 1024;

// Below this a gzip header and the CPU cost more than they save.
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|atom\+xml|xml|javascript)|image\/svg\+xml)/;

/** Whether the client takes gzip (a `gzip;q=0` refusal counts as no). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	return acceptEncoding.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding !== 'gzip' && coding !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

/**
 * The response gzipped when the setting is `gzip`, the client accepts it and it is worth it;
 * otherwise unchanged.
 */
export async function compressResponse(
	request: Request,
	response: Response,
	compression: Compression = 'gzip'
): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		compression === 'off' ||
		request.method === 'HEAD' ||
		!response.body ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		!acceptsGzip(request.headers.get('accept-encoding'))
	) {
		return response;
	}
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (body.byteLength < MIN_BYTES) {
		return new Response(body, {
			status: response.status,
			statusText: response.statusText,
			headers
		});
	}
	const zipped =
		body.byteLength < SYNC_BELOW
			? gzipSync(body, gzipOptions(body.byteLength))
			: await gzipAsync(body, gzipOptions(body.byteLength));
	headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(zipped.byteLength));
	return new Response(new Uint8Array(zipped), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
