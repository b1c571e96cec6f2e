import { gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { listNotices } from '../notices/listing';
import { postNotice } from '../notices/notices';
import { rosterFixture } from '../roster/test-fixture';
import {
	answer,
	cacheKey,
	etagOfBytes,
	mayUseCache,
	pageCacheHandle,
	pageOfResponse,
	PAGE_CACHE_CONTROL
} from './http';
import { PageCache, type CachedPage } from './store';
import { watchDatabase } from './watch';

const BOARD = '/[village]/(public)/notices';
const html = '<!doctype html><p>' + '村务公开，一事一议。'.repeat(200) + '</p>';

function request(path: string, headers: Record<string, string> = {}, method = 'GET') {
	return new Request(`http://hall.test${path}`, { method, headers });
}

function eventOf(req: Request, routeId: string | null = BOARD, village = 'xinyang') {
	const url = new URL(req.url);
	const cookies = Object.fromEntries(
		(req.headers.get('cookie') ?? '')
			.split(';')
			.map((c) => c.trim().split('='))
			.filter(([k]) => k)
	);
	return {
		request: req,
		url,
		params: { village },
		route: { id: routeId },
		isDataRequest: false,
		cookies: { get: (name: string) => cookies[name] }
	} as unknown as RequestEvent;
}

describe('cacheKey', () => {
	const key = (path: string, cookie = '') => {
		const r = request(path, cookie ? { cookie } : {});
		return cacheKey(r, new URL(r.url), eventOf(r).cookies.get('display'));
	};
	it('holds the language, the display and the address with its query', () => {
		expect(key('/xinyang/notices')).toBe('zh-CN standard /xinyang/notices');
		expect(key('/xinyang/notices', 'PARAGLIDE_LOCALE=en')).toBe('en standard /xinyang/notices');
		expect(key('/xinyang/notices', 'display=large')).toBe('zh-CN large /xinyang/notices');
		expect(key('/xinyang/notices?kind=finance&page=2')).toBe(
			'zh-CN standard /xinyang/notices?kind=finance&page=2'
		);
	});
	it('ignores a language the app does not have and a display value it does not know', () => {
		expect(key('/xinyang/notices', 'PARAGLIDE_LOCALE=fr; display=huge')).toBe(
			'zh-CN standard /xinyang/notices'
		);
	});
});

describe('mayUseCache', () => {
	it.each([
		['/xinyang/notices', {}, 'GET', true],
		['/xinyang/notices/3', {}, 'HEAD', true],
		['/xinyang/notices.atom', {}, 'GET', true],
		['/xinyang/meetings/1', {}, 'GET', true],
		['/xinyang/calendar.ics', {}, 'GET', true],
		['/xinyang/rules/charter/versions/2', {}, 'GET', true],
		['/xinyang/open-data/notices.csv', {}, 'GET', true],
		['/xinyang/notices', { cookie: 'session=abc' }, 'GET', false],
		['/xinyang/notices', {}, 'POST', false],
		['/xinyang/topics', {}, 'GET', false],
		['/xinyang', {}, 'GET', false],
		['/login', {}, 'GET', true],
		['/login', {}, 'HEAD', true],
		['/login?next=%2Fxinyang%2Fmeetings%2F3%2Fcheckin', {}, 'GET', true],
		['/login', { cookie: 'session=abc' }, 'GET', false],
		['/login', { cookie: 'session=' }, 'GET', false],
		['/login', {}, 'POST', false],
		['/login/', {}, 'GET', false],
		['/loginx', {}, 'GET', false],
		['/xinyang/login', {}, 'GET', false],
		['/activate', {}, 'GET', false],
		['/xinyang/noticesx', {}, 'GET', false]
	])('%s %j %s → %s', (path, headers, method, expected) => {
		expect(mayUseCache(eventOf(request(path, headers, method)))).toBe(expected);
	});
});

describe('pageOfResponse', () => {
	const page = (init: ResponseInit = {}, routeId: string | null = BOARD, body = html) =>
		pageOfResponse(
			new Response(body, {
				status: 200,
				...init,
				headers: { 'content-type': 'text/html', ...(init.headers ?? {}) }
			}),
			routeId,
			['notices'],
			Date.parse('2026-12-06T03:04:30Z'),
			true
		);

	it('keeps the identity bytes, a gzip copy, a strong ETag and the expiry', async () => {
		const p = (await page({ headers: { etag: '"abc"', 'x-sveltekit-page': 'true' } }))!;
		expect(new TextDecoder().decode(p.body)).toBe(html);
		expect(gunzipSync(p.gzip!).toString()).toBe(html);
		expect(p.etag).toBe(etagOfBytes(p.body));
		expect(p.etag).toMatch(/^"[\w-]{32}"$/);
		expect(new Headers(p.headers).get('cache-control')).toBe(PAGE_CACHE_CONTROL);
		expect(p.expires).toBe(Date.parse('2026-12-06T03:05:00Z'));
	});

	it('keeps the sign-in page a reader without a session gets', async () => {
		const p = (await page({ headers: { 'x-sveltekit-page': 'true' } }, '/(public)/login'))!;
		expect(p.etag).toBe(etagOfBytes(p.body));
		expect(p.nonced).toBeNull();
	});

	it("keeps a route's own ETag and Cache-Control, and a CSV's byte-order mark", async () => {
		const csv = '\uFEFF序号,标题\r\n1,公告\r\n';
		const p = (await page(
			{
				headers: {
					'content-type': 'text/csv; charset=utf-8',
					etag: '"route"',
					'cache-control': 'public, max-age=300'
				}
			},
			'/[village]/(public)/open-data/[dataset].csv',
			csv
		))!;
		expect([...p.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(p.etag).toBe('"route"');
		expect(p.gzip).toBeNull();
		expect(new Headers(p.headers).get('cache-control')).toBe('public, max-age=300');
	});

	it('gives a page whose script carries a CSP nonce a fresh nonce in every answer', async () => {
		const nonce = 'qWfIVw9QcWjDKXfVisdmWw==';
		const withScript = `${html}<script nonce="${nonce}">start()</script>`;
		const p = (await page(
			{ headers: { 'content-security-policy': `script-src 'self' 'nonce-${nonce}'` } },
			BOARD,
			withScript
		))!;
		expect(new TextDecoder().decode(p.body)).not.toContain(nonce);
		const nonces = await Promise.all(
			[1, 2].map(async () => {
				const r = answer(p, request('/xinyang/notices', { 'accept-encoding': 'gzip' }));
				const text = gunzipSync(new Uint8Array(await r.arrayBuffer())).toString();
				const fresh = /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy')!)![1];
				expect(text).toBe(withScript.replace(nonce, fresh));
				expect(r.headers.get('etag')).toBe(p.etag);
				return fresh;
			})
		);
		expect(nonces[0]).not.toBe(nonces[1]);
		expect(nonces).not.toContain(nonce);
		expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
	});

	it.each([
		['a 404', { status: 404 }, BOARD],
		['a redirect', { status: 303, headers: { location: '/login' } }, BOARD],
		['a Set-Cookie', { headers: { 'set-cookie': 'session=; Max-Age=0' } }, BOARD],
		['a private page', { headers: { 'cache-control': 'private, no-store' } }, BOARD],
		[
			'a nonce outside HTML',
			{
				headers: {
					'content-type': 'application/json',
					'content-security-policy': "script-src 'self' 'nonce-abc'"
				}
			},
			BOARD
		],
		['a PDF', { headers: { 'content-type': 'application/pdf' } }, BOARD],
		['a members page', {}, '/[village]/(member)/topics'],
		['the township desk', {}, '/(township)/township/meetings'],
		['no route', {}, null],
		['the activation page', {}, '/(public)/activate'],
		['a sign-in that fails', { status: 400 }, '/(public)/login'],
		[
			'a sign-in that signs in',
			{ status: 303, headers: { location: '/xinyang' } },
			'/(public)/login'
		],
		['a cleared session', { headers: { 'set-cookie': 'session=; Max-Age=0' } }, '/(public)/login']
	])('shares nothing with %s', async (_, init, routeId) => {
		expect(await page(init as ResponseInit, routeId)).toBeNull();
	});
});

describe('answer', () => {
	const body = new TextEncoder().encode(html);
	const cached: CachedPage = {
		status: 200,
		headers: [
			['content-type', 'text/html'],
			['cache-control', PAGE_CACHE_CONTROL],
			['etag', '"v1"']
		],
		body,
		gzip: new Uint8Array([1, 2, 3]),
		nonced: null,
		etag: '"v1"',
		tags: [],
		expires: Infinity
	};

	it.each([
		['"v1"', 304],
		['W/"v1"', 304],
		['"v0", "v1"', 304],
		['"v0",W/"v1"', 304],
		['*', 304],
		['"v0"', 200],
		['v1', 200]
	])('If-None-Match %s → %i', async (inm, status) => {
		const r = answer(cached, request('/xinyang/notices', { 'if-none-match': inm }));
		expect(r.status).toBe(status);
		expect(r.headers.get('etag')).toBe('"v1"');
		expect(r.headers.get('cache-control')).toBe(PAGE_CACHE_CONTROL);
		if (status === 304) {
			expect(await r.text()).toBe('');
			expect(r.headers.get('content-type')).toBeNull();
		}
	});

	it('sends the gzip copy to a reader who takes it, the identity body to others', async () => {
		const zipped = answer(cached, request('/xinyang/notices', { 'accept-encoding': 'gzip, br' }));
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
		expect(new Uint8Array(await zipped.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
		const plain = answer(cached, request('/xinyang/notices'));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('content-length')).toBe(String(body.byteLength));
		expect(await plain.text()).toBe(html);
	});

	it('gives a HEAD the headers without the body', async () => {
		const r = answer(cached, request('/xinyang/notices', {}, 'HEAD'));
		expect(r.status).toBe(200);
		expect(r.headers.get('content-length')).toBe(String(body.byteLength));
		expect(r.body).toBeNull();
	});
});

describe('pageCacheHandle on a real database', () => {
	let db: Db;
	let cleanup: () => void;
	let renders: number;
	let cache: PageCache;
	let villageId: number;
	let clerkId: number;
	let handle: ReturnType<typeof pageCacheHandle>;

	beforeEach(() => {
		({ db, cleanup } = createTestDb());
		({ villageId, clerkId } = rosterFixture(db));
		cache = new PageCache(1 << 20);
		renders = 0;
		handle = pageCacheHandle({
			cache,
			watch: () => watchDatabase(db, cache),
			villageIdOf: () => villageId,
			compress: () => true
		});
	});
	afterEach(() => cleanup());

	// The board's render, reduced to its read: the titles of the village's notices.
	const resolve = async () => {
		renders++;
		await Promise.resolve();
		const { items } = listNotices(db, villageId, {}, { limit: 20, offset: 0 });
		return new Response(`<ul>${items.map((n) => `<li>${n.title}</li>`).join('')}</ul>`, {
			headers: { 'content-type': 'text/html' }
		});
	};
	const get = (headers: Record<string, string> = {}) =>
		handle({ event: eventOf(request('/xinyang/notices', headers)), resolve }) as Promise<Response>;
	const notice = (title: string) =>
		postNotice(db, clerkId, villageId, { kind: 'general', title, body: '正文' });

	it('renders once, answers from memory, and renders again after a new notice', async () => {
		notice('第一则');
		const first = await get();
		expect(await first.text()).toBe('<ul><li>第一则</li></ul>');
		const etag = first.headers.get('etag')!;
		expect(await (await get()).text()).toBe('<ul><li>第一则</li></ul>');
		expect(renders).toBe(1);
		expect((await get({ 'if-none-match': etag })).status).toBe(304);
		expect(renders).toBe(1);

		notice('第二则');
		const after = await get({ 'if-none-match': etag });
		expect(after.status).toBe(200);
		expect(await after.text()).toContain('第二则');
		expect(renders).toBe(2);
	});

	it('does not keep a render during which a notice was posted', async () => {
		const slow = async () => {
			const r = await resolve();
			notice('写于渲染之中');
			return r;
		};
		await handle({ event: eventOf(request('/xinyang/notices')), resolve: slow });
		expect(cache.size).toBe(0);
		await get();
		expect(await (await get()).text()).toContain('写于渲染之中');
	});

	it('passes a signed-in reader through to the render every time', async () => {
		await get({ cookie: 'session=abc' });
		await get({ cookie: 'session=abc' });
		expect(renders).toBe(2);
		expect(cache.size).toBe(0);
	});

	it('keeps nothing when turned off', async () => {
		const off = pageCacheHandle({
			cache: new PageCache(0),
			watch: () => watchDatabase(db, cache),
			villageIdOf: () => villageId,
			compress: () => true
		});
		const e = eventOf(request('/xinyang/notices'));
		await off({ event: e, resolve });
		await off({ event: e, resolve });
		expect(renders).toBe(2);
	});
});
