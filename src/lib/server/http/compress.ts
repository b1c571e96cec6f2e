// Pages leave the server gzipped: a villager's phone on a rural network pays for every byte, and
// a deployment without a compressing proxy in front must not send a topic page at ten times its
// size. Static assets are precompressed at build time and never pass through here.
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';

const gzipAsync = promisify(gzip);
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

/** The response gzipped when the client accepts it and it is worth it; otherwise unchanged. */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
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
			? gzipSync(body, { level: 6 })
			: await gzipAsync(body, { level: 6 });
	headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(zipped.byteLength));
	return new Response(new Uint8Array(zipped), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
