import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressResponse, parseCompression } from './compress';

const page = '<!doctype html><p>' + '村民说事、协商议事、决议公开。'.repeat(200) + '</p>';

function html(body = page, init: ResponseInit = {}) {
	return new Response(body, {
		...init,
		headers: { 'content-type': 'text/html; charset=utf-8', ...(init.headers ?? {}) }
	});
}
const get = (acceptEncoding?: string, method = 'GET') =>
	new Request('http://hall.test/xinyang/notices', {
		method,
		headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
	});

describe('acceptsGzip', () => {
	it.each([
		['gzip, deflate, br, zstd', true],
		['br;q=1.0, gzip;q=0.8', true],
		['*', true],
		['GZIP', true],
		['gzip;q=0', false],
		['br', false],
		['identity', false],
		['', false],
		[null, false]
	])('%s → %s', (header, expected) => {
		expect(acceptsGzip(header)).toBe(expected);
	});
});

describe('compressResponse', () => {
	it('gzips a page for a browser that takes gzip, keeping status and headers', async () => {
		const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
		headers.append('set-cookie', 'session=a; Path=/; HttpOnly');
		headers.append('set-cookie', 'locale=zh; Path=/');
		const r = await compressResponse(
			get('gzip, deflate, br'),
			new Response(page, { status: 404, headers })
		);
		expect(r.status).toBe(404);
		expect(r.headers.get('content-encoding')).toBe('gzip');
		expect(r.headers.get('vary')).toContain('Accept-Encoding');
		expect(r.headers.getSetCookie()).toEqual(['session=a; Path=/; HttpOnly', 'locale=zh; Path=/']);
		const bytes = Buffer.from(await r.arrayBuffer());
		expect(Number(r.headers.get('content-length'))).toBe(bytes.byteLength);
		expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(page) / 10);
		expect(gunzipSync(bytes).toString('utf8')).toBe(page);
	});

	it('leaves the page as it is for a client that does not take gzip', async () => {
		const r = await compressResponse(get('br'), html());
		expect(r.headers.get('content-encoding')).toBeNull();
		expect(await r.text()).toBe(page);
	});

	it('does not compress small bodies, binary files, HEAD requests or encoded bodies', async () => {
		const small = await compressResponse(get('gzip'), html('<p>好</p>'));
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(small.headers.get('vary')).toContain('Accept-Encoding');
		expect(await small.text()).toBe('<p>好</p>');

		const png = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } });
		expect((await compressResponse(get('gzip'), png)).headers.get('content-encoding')).toBeNull();

		const head = await compressResponse(get('gzip', 'HEAD'), html());
		expect(head.headers.get('content-encoding')).toBeNull();

		const encoded = html(page, { headers: { 'content-encoding': 'br' } });
		expect((await compressResponse(get('gzip'), encoded)).headers.get('content-encoding')).toBe(
			'br'
		);
	});

	it('gzips a large body as well, off the event loop', async () => {
		const big = page.repeat(60);
		const r = await compressResponse(get('gzip'), html(big));
		expect(r.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString('utf8')).toBe(big);
	});

	it('compresses the JSON of client navigation and the Atom feed', async () => {
		const json = new Response(JSON.stringify({ notices: page }), {
			headers: { 'content-type': 'application/json' }
		});
		expect((await compressResponse(get('gzip'), json)).headers.get('content-encoding')).toBe(
			'gzip'
		);
		const atom = new Response(page, { headers: { 'content-type': 'application/atom+xml' } });
		expect((await compressResponse(get('gzip'), atom)).headers.get('content-encoding')).toBe(
			'gzip'
		);
	});

	it('passes every body through untouched when the setting is off', async () => {
		const json = new Response(JSON.stringify({ notices: page }), {
			headers: { 'content-type': 'application/json' }
		});
		for (const [response, body] of [
			[html(), page],
			[html(page.repeat(60)), page.repeat(60)],
			[json, JSON.stringify({ notices: page })]
		] as const) {
			const r = await compressResponse(get('gzip, deflate, br'), response, 'off');
			expect(r).toBe(response);
			expect(r.headers.get('content-encoding')).toBeNull();
			expect(r.headers.get('vary')).toBeNull();
			expect(await r.text()).toBe(body);
		}
	});

	it('compresses pages of every size that the window is fitted to', async () => {
		for (const size of [1024, 1500, 4096, 20000, 40000, 300000]) {
			const body = page.repeat(Math.ceil(size / page.length)).slice(0, size);
			const r = await compressResponse(get('gzip'), html(body));
			expect(r.headers.get('content-encoding')).toBe('gzip');
			expect(gunzipSync(Buffer.from(await r.arrayBuffer())).toString('utf8')).toBe(body);
		}
	});
});

describe('parseCompression', () => {
	it.each([
		[undefined, 'gzip'],
		['', 'gzip'],
		['gzip', 'gzip'],
		[' GZIP ', 'gzip'],
		['off', 'off'],
		['Off', 'off']
	])('%j → %s', (raw, expected) => {
		expect(parseCompression(raw)).toBe(expected);
	});

	it.each(['no', 'false', '0', 'brotli', 'gzip,br'])(
		'refuses %j, naming the allowed values',
		(raw) => {
			expect(() => parseCompression(raw)).toThrow(
				/COMPRESSION must be "gzip" \(the default\) or "off"/
			);
		}
	);
});
