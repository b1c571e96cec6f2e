import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { parse as parseCookies } from 'cookie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { openDatabase } from '../db/open.js';
import type { Db } from '../db';
import { listNotices } from '../notices/listing';
import { postNotice } from '../notices/notices';
import { rosterFixture } from '../roster/test-fixture';
import { securityHeaderList } from '../http/security-headers';
import { createSession, generateSessionToken, validateSessionToken } from '../auth/session';
import { checkinTargetOf } from '../meetings/checkin';
import { openMeeting } from '../meetings/notice';
import { closeMeeting } from '../procedure/closing';
import { safeReturnPath } from '../http/return-target';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE, seedDemoMeetings } from '../seed/demo-meetings';
import { answer, pageCacheHandle } from './http';
import { cookieValue, nodeAnswerer, originOf, type NodePathDeps } from './node';
import { PageCache } from './store';
import { watchDatabase } from './watch';

const BOARD = '/[village]/(public)/notices';
const NONCE = 'qWfIVw9QcWjDKXfVisdmWw==';

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	raw: string[];
	body: Buffer;
	fromMemory: boolean;
}

describe('cookieValue reads a cookie as SvelteKit does', () => {
	it.each([
		'',
		'session=abc',
		'a=1; session=abc',
		'session=; display=large',
		' display = large ; PARAGLIDE_LOCALE=en',
		'display="large"',
		'display=lar%67e',
		'display=%E0%A4%A',
		'display=large; display=standard',
		'junk; display=large',
		'x=1;junk;display=large',
		'sessionx=1; xsession=2',
		'=large; display',
		'display=large;'
	])('%j', (header) => {
		const kit = parseCookies(header);
		for (const name of ['session', 'display', 'PARAGLIDE_LOCALE']) {
			expect(cookieValue(header, name)).toBe(kit[name]);
		}
	});
});

describe('originOf follows adapter-node', () => {
	it('takes ORIGIN when set, else the protocol header, else https', () => {
		expect(originOf({ host: 'a.test' }, { ORIGIN: ' http://hall.test:3000 ' })).toBe(
			'http://hall.test:3000'
		);
		expect(originOf({ host: 'a.test' }, {})).toBe('https://a.test');
		expect(
			originOf(
				{ host: 'a.test', 'x-forwarded-proto': 'http' },
				{ PROTOCOL_HEADER: 'X-Forwarded-Proto' }
			)
		).toBe('http://a.test');
		expect(
			originOf(
				{ 'x-host': 'b.test', 'x-port': '8443', host: 'a.test' },
				{
					HOST_HEADER: 'x-host',
					PORT_HEADER: 'x-port'
				}
			)
		).toBe('https://b.test:8443');
	});
	it('has none where adapter-node refuses the request', () => {
		expect(originOf({}, {})).toBeUndefined();
		expect(
			originOf({ host: 'a.test', 'x-proto': 'http:' }, { PROTOCOL_HEADER: 'x-proto' })
		).toBeUndefined();
		expect(
			originOf({ host: 'a.test', 'x-port': 'eighty' }, { PORT_HEADER: 'x-port' })
		).toBeUndefined();
	});
});

describe('public pages answered before SvelteKit, over real HTTP', () => {
	let db: Db;
	let path: string;
	let cleanup: () => void;
	let cache: PageCache;
	let villageId: number;
	let clerkId: number;
	let server: Server;
	let port: number;
	let compress: boolean;
	let env: Record<string, string | undefined>;
	let renders: number;

	// The board's render, reduced to its read, in the shape SvelteKit gives a page with a script.
	const resolve = async (event: RequestEvent) => {
		renders++;
		await Promise.resolve();
		const { items } = listNotices(db, villageId, {}, { limit: 20, offset: 0 });
		const lang = /PARAGLIDE_LOCALE=en/.test(event.request.headers.get('cookie') ?? '')
			? 'en'
			: 'zh-CN';
		const large = /display=large/.test(event.request.headers.get('cookie') ?? '');
		const list = items.map((n) => `<li>${n.title}</li>`).join('');
		return new Response(
			`<html lang="${lang}"${large ? ' class="large-text"' : ''}><ul>${list}</ul>` +
				'<p>村务公开，一事一议。</p>'.repeat(80) +
				`<script nonce="${NONCE}">start()</script></html>`,
			{
				headers: {
					'content-type': 'text/html',
					'x-sveltekit-page': 'true',
					'content-security-policy': `script-src 'self' 'nonce-${NONCE}'`
				}
			}
		);
	};

	const deps = (): NodePathDeps => ({
		cache,
		watch: () => watchDatabase(db, cache),
		compress: () => compress,
		env
	});

	/** Fills the entry the way a SvelteKit render does: through the handle. */
	async function render(target: string, headers: Record<string, string> = {}) {
		const handle = pageCacheHandle({
			cache,
			watch: () => watchDatabase(db, cache),
			villageIdOf: () => villageId,
			compress: () => compress
		});
		const request = new Request(`http://127.0.0.1:${port}${target}`, { headers });
		const cookies = parseCookies(headers.cookie ?? '');
		const event = {
			request,
			url: new URL(request.url),
			params: { village: 'xinyang' },
			route: { id: BOARD },
			isDataRequest: false,
			cookies: { get: (name: string) => cookies[name] }
		} as unknown as RequestEvent;
		return (await handle({ event, resolve })) as Response;
	}

	function get(
		target: string,
		headers: Record<string, string> = {},
		method = 'GET'
	): Promise<Reply> {
		return new Promise((done, fail) => {
			const req = httpRequest({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					done({
						status: res.statusCode!,
						headers: res.headers,
						raw: res.rawHeaders,
						body: Buffer.concat(chunks),
						fromMemory: res.headers['x-test-fell-through'] === undefined
					})
				);
			});
			req.on('error', fail);
			req.end();
		});
	}

	const notice = (title: string) =>
		postNotice(db, clerkId, villageId, { kind: 'general', title, body: '正文' });

	beforeEach(async () => {
		({ db, path, cleanup } = createTestDb());
		({ villageId, clerkId } = rosterFixture(db));
		cache = new PageCache(1 << 20);
		watchDatabase(db, cache);
		compress = true;
		renders = 0;
		server = createServer((req, res) => {
			if (nodeAnswerer(deps())(req, res)) return;
			// What SvelteKit would be handed: marked so the test sees the answerer stepped aside.
			res.writeHead(599, { 'x-test-fell-through': '1' });
			res.end();
		});
		await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
		port = (server.address() as AddressInfo).port;
		env = { ORIGIN: `http://127.0.0.1:${port}` };
		notice('村道维修通知');
	});
	afterEach(async () => {
		await new Promise((closed) => server.close(closed));
		cleanup();
	});

	it('steps aside until the render has filled the entry, then answers it with a fresh nonce', async () => {
		expect((await get('/xinyang/notices')).fromMemory).toBe(false);
		const rendered = await render('/xinyang/notices');
		const etag = rendered.headers.get('etag')!;

		const [a, b] = [await get('/xinyang/notices'), await get('/xinyang/notices')];
		for (const r of [a, b]) {
			expect(r.fromMemory).toBe(true);
			expect(r.status).toBe(200);
			expect(r.headers['etag']).toBe(etag);
			expect(r.headers['content-length']).toBe(String(r.body.byteLength));
			expect(r.headers['cache-control']).toBe('private, no-cache');
			expect(r.headers['content-encoding']).toBeUndefined();
			expect(r.headers['x-content-type-options']).toBe('nosniff');
			expect(r.headers['strict-transport-security']).toBeUndefined();
			expect(r.body.toString()).toContain('<li>村道维修通知</li>');
		}
		const nonceOf = (r: Reply) =>
			/'nonce-([^']+)'/.exec(r.headers['content-security-policy'] as string)![1];
		expect(nonceOf(a)).not.toBe(nonceOf(b));
		expect(a.body.toString()).toContain(`<script nonce="${nonceOf(a)}">`);
		expect(a.body.toString()).not.toContain(NONCE);
		expect(renders).toBe(1);
	});

	it('answers a conditional GET with a 304 and a HEAD with no body', async () => {
		const etag = (await render('/xinyang/notices')).headers.get('etag')!;
		const same = await get('/xinyang/notices', { 'if-none-match': `"x", W/${etag}` });
		expect(same.fromMemory).toBe(true);
		expect(same.status).toBe(304);
		expect(same.body.byteLength).toBe(0);
		expect(same.headers['etag']).toBe(etag);
		expect(same.headers['cache-control']).toBe('private, no-cache');
		expect(same.headers['vary']).toBe('Accept-Encoding');
		expect(same.headers['content-type']).toBeUndefined();
		expect(same.headers['x-frame-options']).toBe('DENY');

		const head = await get('/xinyang/notices', {}, 'HEAD');
		expect(head.fromMemory).toBe(true);
		expect(head.status).toBe(200);
		expect(head.body.byteLength).toBe(0);
		expect(Number(head.headers['content-length'])).toBeGreaterThan(2000);
	});

	it('sends gzip to a reader who takes it, and leaves compression to a proxy when it is off', async () => {
		await render('/xinyang/notices');
		const zipped = await get('/xinyang/notices', { 'accept-encoding': 'gzip, br' });
		expect(zipped.fromMemory).toBe(true);
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(zipped.headers['vary']).toBe('Accept-Encoding');
		expect(zipped.headers['content-length']).toBe(String(zipped.body.byteLength));
		expect(gunzipSync(zipped.body).toString()).toContain('<li>村道维修通知</li>');

		cache.clear();
		compress = false;
		await render('/xinyang/notices');
		const plain = await get('/xinyang/notices', { 'accept-encoding': 'gzip' });
		expect(plain.fromMemory).toBe(true);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers['vary']).toBeUndefined();
		expect(plain.body.toString()).toContain('<li>村道维修通知</li>');
	});

	it('leaves a small page to SvelteKit when the compression handle would still add its Vary', async () => {
		const small = await pageCacheHandle({
			cache,
			watch: () => watchDatabase(db, cache),
			villageIdOf: () => villageId,
			compress: () => true
		})({
			event: {
				request: new Request(`http://127.0.0.1:${port}/xinyang/rules`),
				url: new URL(`http://127.0.0.1:${port}/xinyang/rules`),
				params: { village: 'xinyang' },
				route: { id: '/[village]/(public)/rules' },
				isDataRequest: false,
				cookies: { get: () => undefined }
			} as unknown as RequestEvent,
			resolve: async () => new Response('<p>章程</p>', { headers: { 'content-type': 'text/html' } })
		});
		expect(small.status).toBe(200);
		expect((await get('/xinyang/rules', { 'accept-encoding': 'gzip' })).fromMemory).toBe(false);
		expect((await get('/xinyang/rules')).fromMemory).toBe(true);
	});

	it('never answers a signed-in reader, another method, a data request or another path', async () => {
		await render('/xinyang/notices');
		for (const [target, headers, method] of [
			['/xinyang/notices', { cookie: 'display=large; session=abc' }, 'GET'],
			['/xinyang/notices', { cookie: 'session=' }, 'GET'],
			['/xinyang/notices', {}, 'POST'],
			['/xinyang/notices', {}, 'OPTIONS'],
			['/xinyang/notices/__data.json', {}, 'GET'],
			['/xinyang/notices', { 'content-type': 'text/plain' }, 'GET'],
			['/xinyang/topics', {}, 'GET'],
			['//xinyang/notices', {}, 'GET']
		] as const) {
			const r = await get(target, headers, method);
			expect(r.fromMemory, `${method} ${target} ${JSON.stringify(headers)}`).toBe(false);
		}
		expect((await get('/xinyang/notices', { cookie: 'sessionx=1' })).fromMemory).toBe(true);
	});

	it('keys by the language cookie, the large-text cookie and the query, as the handle does', async () => {
		await render('/xinyang/notices');
		await render('/xinyang/notices', { cookie: 'PARAGLIDE_LOCALE=en' });
		await render('/xinyang/notices', { cookie: 'display=large' });
		expect(renders).toBe(3);

		const en = await get('/xinyang/notices', { cookie: 'PARAGLIDE_LOCALE=en' });
		expect(en.body.toString()).toContain('<html lang="en">');
		// The language is the cookie's (or zh-CN), never the browser's Accept-Language.
		const browser = await get('/xinyang/notices', { 'accept-language': 'en-US,en;q=0.9' });
		expect(browser.body.toString()).toContain('<html lang="zh-CN">');
		const large = await get('/xinyang/notices', { cookie: 'a=1; display=large' });
		expect(large.body.toString()).toContain('class="large-text"');
		expect([en, browser, large].every((r) => r.fromMemory)).toBe(true);

		expect((await get('/xinyang/notices?page=2')).fromMemory).toBe(false);
		await render('/xinyang/notices?page=2');
		expect((await get('/xinyang/notices?page=2')).fromMemory).toBe(true);
		expect((await get('/xinyang/notices?page=2&x')).fromMemory).toBe(false);
	});

	it('steps aside once a notice is posted, here or by another process', async () => {
		await render('/xinyang/notices');
		expect((await get('/xinyang/notices')).fromMemory).toBe(true);
		notice('第二则');
		expect((await get('/xinyang/notices')).fromMemory).toBe(false);
		expect(await (await render('/xinyang/notices')).text()).toContain('第二则');
		expect((await get('/xinyang/notices')).fromMemory).toBe(true);

		// Another process (a backup restore, the CLI) writes through its own connection.
		const other = openDatabase(path);
		try {
			postNotice(other, clerkId, villageId, { kind: 'general', title: '第三则', body: '正文' });
		} finally {
			other.close();
		}
		expect((await get('/xinyang/notices')).fromMemory).toBe(false);
	});

	it('sends HSTS exactly when SvelteKit would see https', async () => {
		await render('/xinyang/notices');
		env = { ORIGIN: 'https://hall.test' };
		const https = await get('/xinyang/notices');
		expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
		env = { PROTOCOL_HEADER: 'x-forwarded-proto' };
		const proxied = await get('/xinyang/notices', { 'x-forwarded-proto': 'http' });
		expect(proxied.fromMemory).toBe(true);
		expect(proxied.headers['strict-transport-security']).toBeUndefined();
		env = {};
		expect((await get('/xinyang/notices')).headers['strict-transport-security']).toBeDefined();
	});

	it('sends the headers the handle path sends, with the security headers of hooks.server.ts', async () => {
		await render('/xinyang/notices');
		for (const headers of <Record<string, string>[]>[
			{},
			{ 'accept-encoding': 'gzip' },
			{ 'if-none-match': (await render('/xinyang/notices')).headers.get('etag')! }
		]) {
			const fast = await get('/xinyang/notices', headers);
			const viaKit = answer(
				cache.get('zh-CN standard /xinyang/notices')!,
				new Request(`http://127.0.0.1:${port}/xinyang/notices`, { headers })
			);
			for (const [name, value] of securityHeaderList(false)) viaKit.headers.set(name, value);
			const withoutNonce = (pairs: Iterable<[string, string]>) =>
				[...pairs]
					.filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name))
					.map(([name, value]) => [name, value.replace(/'nonce-[^']+'/, 'nonce')])
					.sort(([a], [b]) => a.localeCompare(b));
			const fastPairs: [string, string][] = [];
			for (let i = 0; i < fast.raw.length; i += 2) {
				fastPairs.push([fast.raw[i].toLowerCase(), fast.raw[i + 1]]);
			}
			expect(withoutNonce(fastPairs)).toEqual(withoutNonce(viaKit.headers));
			expect(fast.status).toBe(viaKit.status);
		}
	});
});

describe('the sign-in page from memory, on the demo village', () => {
	let db: Db;
	useDemoVillageDb((d) => {
		db = d;
	});
	let cache: PageCache;
	let server: Server;
	let port: number;
	let renders: number;
	let meetingId: number;

	const T0 = new Date('2026-11-27T01:30:00Z');
	const LOGIN = '/(public)/login';

	// The sign-in page's render reduced to what its hooks and load do for this request: the auth
	// handle clears a session cookie that is no session and a signed-in reader is sent on; the page
	// names the meeting of a check-in link.
	const resolve = async (event: RequestEvent) => {
		renders++;
		await Promise.resolve();
		const token = event.cookies.get('session');
		const headers = new Headers({ 'content-type': 'text/html' });
		if (token) {
			if (validateSessionToken(db, token).user)
				return new Response(null, { status: 303, headers: { location: '/xinyang' } });
			headers.set('set-cookie', 'session=; Path=/; Max-Age=0');
		}
		const next = safeReturnPath(event.url.searchParams.get('next'), '');
		const checkin = next ? checkinTargetOf(db, next) : null;
		return new Response(
			`<h1>登录</h1>${checkin ? `<p>${checkin.title}</p>` : ''}` +
				'<p>手机号，密码。</p>'.repeat(80),
			{ headers }
		);
	};

	function handle(target: string, headers: Record<string, string> = {}, method = 'GET') {
		const request = new Request(`http://127.0.0.1:${port}${target}`, { method, headers });
		const cookies = parseCookies(headers.cookie ?? '');
		const event = {
			request,
			url: new URL(request.url),
			params: {},
			route: { id: LOGIN },
			isDataRequest: false,
			cookies: { get: (name: string) => cookies[name] }
		} as unknown as RequestEvent;
		return pageCacheHandle({
			cache,
			watch: () => watchDatabase(db, cache),
			villageIdOf: () => {
				throw new Error('the sign-in page has no village');
			},
			compress: () => false
		})({ event, resolve }) as Promise<Response>;
	}

	function get(target: string, headers: Record<string, string> = {}, method = 'GET') {
		return new Promise<{ status: number; etag?: string; body: string; fromMemory: boolean }>(
			(done, fail) => {
				const req = httpRequest(
					{ host: '127.0.0.1', port, path: target, method, headers },
					(res) => {
						const chunks: Buffer[] = [];
						res.on('data', (c: Buffer) => chunks.push(c));
						res.on('end', () =>
							done({
								status: res.statusCode!,
								etag: res.headers['etag'],
								body: Buffer.concat(chunks).toString(),
								fromMemory: res.headers['x-test-fell-through'] === undefined
							})
						);
					}
				);
				req.on('error', fail);
				req.end();
			}
		);
	}

	beforeEach(async () => {
		cache = new PageCache(1 << 20);
		watchDatabase(db, cache);
		renders = 0;
		seedDemoMeetings(db, demoVillageId(db), T0);
		meetingId = db
			.prepare('select id from meetings where village_id = ? and title = ?')
			.pluck()
			.get(demoVillageId(db), DEMO_TODAY_MEETING_TITLE) as number;
		const answerer = nodeAnswerer({
			cache,
			watch: () => watchDatabase(db, cache),
			compress: () => false,
			env: {}
		});
		server = createServer((req, res) => {
			if (answerer(req, res)) return;
			res.writeHead(599, { 'x-test-fell-through': '1' });
			res.end();
		});
		await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
		port = (server.address() as AddressInfo).port;
	});
	afterEach(() => new Promise((closed) => server.close(closed)));

	it('answers an anonymous GET and HEAD from memory, and a 304 to its ETag, in both paths', async () => {
		expect((await get('/login', { host: 'hall.test' })).fromMemory).toBe(false);
		const rendered = await handle('/login');
		expect(rendered.status).toBe(200);
		const etag = rendered.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]{32}"$/);

		for (const [headers, method, status] of [
			[{}, 'GET', 200],
			[{}, 'HEAD', 200],
			[{ 'if-none-match': etag }, 'GET', 304]
		] as const) {
			const viaNode = await get('/login', { host: 'hall.test', ...headers }, method);
			expect(viaNode.fromMemory, `${method} ${JSON.stringify(headers)}`).toBe(true);
			expect(viaNode.status).toBe(status);
			expect(viaNode.etag).toBe(etag);
			const viaKit = await handle('/login', headers, method);
			expect(viaKit.status).toBe(status);
			expect(viaKit.headers.get('etag')).toBe(etag);
		}
		expect((await get('/login', { host: 'hall.test' })).body).toBe(await rendered.text());
		expect(renders).toBe(1);
	});

	it('keys a check-in link apart, and retires it on the write that changes what it shows, only then', async () => {
		const next = `/login?next=${encodeURIComponent(`/xinyang/meetings/${meetingId}/checkin?c=ABCDE23456`)}`;
		await handle('/login');
		expect(await (await handle(next)).text()).toContain(DEMO_TODAY_MEETING_TITLE);
		expect(renders).toBe(2);
		const fromMemory = await get(next, { host: 'hall.test' });
		expect(fromMemory.fromMemory).toBe(true);
		expect(fromMemory.body).toContain(DEMO_TODAY_MEETING_TITLE);
		expect((await get('/login', { host: 'hall.test' })).body).not.toContain(
			DEMO_TODAY_MEETING_TITLE
		);

		// A villager signs in: the sign-in pages show nothing of it.
		createSession(db, generateSessionToken(), demoActor(db, '13800000003').userId);
		expect((await get(next, { host: 'hall.test' })).fromMemory).toBe(true);

		// The meeting opens, then closes: its link's page renders again, and then names no meeting.
		const clerk = demoActor(db, '13800000001');
		const village = demoVillageId(db);
		expect(openMeeting(db, clerk, village, meetingId, { now: T0 }).ok).toBe(true);
		expect((await get(next, { host: 'hall.test' })).fromMemory).toBe(false);
		expect(await (await handle(next)).text()).toContain(DEMO_TODAY_MEETING_TITLE);
		expect(closeMeeting(db, clerk, village, meetingId, { confirmed: true, now: T0 }).ok).toBe(true);
		expect((await get(next, { host: 'hall.test' })).fromMemory).toBe(false);
		expect(await (await handle(next)).text()).not.toContain(DEMO_TODAY_MEETING_TITLE);
		expect((await get(next, { host: 'hall.test' })).fromMemory).toBe(true);
		// The page without a link read no table: the meeting's writes left it alone.
		expect((await get('/login', { host: 'hall.test' })).fromMemory).toBe(true);
	});

	it('keys by language and display, as for every public page', async () => {
		for (const cookie of ['', 'PARAGLIDE_LOCALE=en', 'display=large'])
			await handle('/login', { cookie });
		expect(renders).toBe(3);
		expect(cache.size).toBe(3);
		for (const cookie of [
			'PARAGLIDE_LOCALE=en',
			'display=large',
			'PARAGLIDE_LOCALE=en; display=large'
		])
			expect((await get('/login', { host: 'hall.test', cookie })).fromMemory, cookie).toBe(
				cookie.includes(';') ? false : true
			);
	});

	it('never answers or keeps a session cookie, valid, expired or empty, nor a POST', async () => {
		const valid = generateSessionToken();
		createSession(db, valid, demoActor(db, '13800000003').userId);
		const expired = generateSessionToken();
		createSession(db, expired, demoActor(db, '13800000003').userId, Date.parse('2025-01-01'));
		await handle('/login');
		expect(renders).toBe(1);

		for (const [headers, method, status] of [
			[{ cookie: `session=${valid}` }, 'GET', 303],
			[{ cookie: `display=large; session=${expired}` }, 'GET', 200],
			[{ cookie: 'session=' }, 'GET', 200],
			[{ cookie: `session=${expired}` }, 'HEAD', 200],
			[{}, 'POST', 200]
		] as const) {
			const what = `${method} ${JSON.stringify(headers)}`;
			expect(
				(await get('/login', { host: 'hall.test', ...headers }, method)).fromMemory,
				what
			).toBe(false);
			const before = renders;
			const viaKit = await handle('/login', headers, method);
			expect(viaKit.status, what).toBe(status);
			expect(renders, what).toBe(before + 1);
		}
		expect(cache.size).toBe(1);
	});
});
