// Requests a browser would never send by itself: forged origins, odd content types, huge bodies.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import {
	BODY_SIZE_LIMIT,
	DEMO,
	expect,
	formPostHeaders,
	readOnlyTest,
	test,
	type App
} from './fixtures.ts';

// Stories that only read, or only start and end their own session, share one server per worker
// (readOnlyTest); those that post forged or failed sign-ins, which the throttle counts, get their own.

const { villager } = DEMO;
const FOREIGN = 'https://evil.example';
const credentials = { phone: villager.phone, password: villager.password };

function sessionCookieOf(response: APIResponse): string | undefined {
	return response
		.headersArray()
		.filter((h) => h.name.toLowerCase() === 'set-cookie')
		.map((h) => h.value)
		.find((v) => v.startsWith('session='));
}

/** Signs the request context in the ordinary way and returns the Set-Cookie it got. */
async function signIn(request: APIRequestContext, app: App): Promise<string> {
	const response = await request.post('/login', {
		form: credentials,
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/xinyang');
	const cookie = sessionCookieOf(response);
	expect(cookie, 'a session cookie is set on sign-in').toBeDefined();
	return cookie!;
}

async function isSignedIn(request: APIRequestContext): Promise<boolean> {
	const response = await request.get('/account', { maxRedirects: 0 });
	if (response.status() === 200) return true;
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/login?next=%2Faccount');
	return false;
}

readOnlyTest('pages carry the security headers', async ({ request }) => {
	for (const path of ['/', '/login', '/xinyang']) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		const headers = response.headers();
		const csp = headers['content-security-policy'] ?? '';
		expect(csp, `${path} CSP`).toContain("frame-ancestors 'none'");
		expect(csp, `${path} CSP`).toContain("object-src 'none'");
		expect(csp, `${path} CSP`).toMatch(/script-src 'self'( 'nonce-[^']+')?(;|$)/);
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
		expect(headers['x-frame-options'], path).toBe('DENY');
	}
});

readOnlyTest(
	'sessions are HttpOnly, SameSite=Lax, and signed-in pages are not cached',
	async ({ request, app }) => {
		const cookie = await signIn(request, app);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).toMatch(/;\s*Path=\//i);
		for (const path of ['/xinyang', '/account']) {
			const response = await request.get(path);
			expect(response.status(), path).toBe(200);
			expect(response.headers()['cache-control'], path).toBe('private, no-store');
		}
	}
);

test('a sign-in posted from another site is refused and starts no session', async ({
	request,
	app
}) => {
	const attempts: { name: string; headers: Record<string, string>; data: string }[] = [
		{
			name: 'foreign origin',
			headers: { origin: FOREIGN, 'content-type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams(credentials).toString()
		},
		{
			name: 'no origin',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams(credentials).toString()
		},
		{
			name: 'text/plain from another site',
			headers: { origin: FOREIGN, 'content-type': 'text/plain' },
			data: `phone=${villager.phone}&password=${villager.password}`
		},
		{
			name: 'TEXT/PLAIN from another site',
			headers: { origin: FOREIGN, 'content-type': 'TEXT/PLAIN' },
			data: `phone=${villager.phone}&password=${villager.password}`
		},
		{
			name: 'multipart from another site',
			headers: { origin: FOREIGN, 'content-type': 'multipart/form-data; boundary=x' },
			data: `--x\r\nContent-Disposition: form-data; name="phone"\r\n\r\n${villager.phone}\r\n--x\r\nContent-Disposition: form-data; name="password"\r\n\r\n${villager.password}\r\n--x--\r\n`
		},
		{
			name: 'JSON from another site',
			headers: { origin: FOREIGN, 'content-type': 'application/json' },
			data: JSON.stringify(credentials)
		},
		{
			name: 'origin "null"',
			headers: { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' },
			data: new URLSearchParams(credentials).toString()
		}
	];
	for (const attempt of attempts) {
		const response = await request.post('/login', {
			headers: { accept: 'text/html', ...attempt.headers },
			data: attempt.data,
			maxRedirects: 0
		});
		expect(response.status(), attempt.name).toBe(403);
		expect(sessionCookieOf(response), attempt.name).toBeUndefined();
	}
	expect(await isSignedIn(request)).toBe(false);

	// The same post from the app's own origin does sign in: the refusals above were about origin.
	await signIn(request, app);
	expect(await isSignedIn(request)).toBe(true);
});

test('another site cannot sign a villager out, change the language or act for them', async ({
	request,
	app
}) => {
	await signIn(request, app);
	for (const [path, form] of [
		['/logout', {}],
		['/language', { locale: 'en', to: '/' }],
		['/account?/changePassword', { current: villager.password, password: 'forged-password-123' }]
	] as const) {
		const response = await request.post(path, {
			form,
			headers: { origin: FOREIGN, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), path).toBe(403);
	}
	expect(await isSignedIn(request), 'still signed in after the forged logout').toBe(true);
	const page = await request.get('/');
	expect(await page.text()).toContain('lang="zh-CN"');
	// The password is unchanged: signing in with it still works.
	await signIn(request, app);
});

readOnlyTest('GET /logout changes nothing', async ({ request, app }) => {
	await signIn(request, app);
	const response = await request.get('/logout', { maxRedirects: 0 });
	expect([404, 405]).toContain(response.status());
	expect(sessionCookieOf(response)).toBeUndefined();
	expect(await isSignedIn(request)).toBe(true);

	// The real logout is a same-origin POST.
	const logout = await request.post('/logout', { headers: formPostHeaders(app), maxRedirects: 0 });
	expect(logout.status()).toBe(303);
	expect(await isSignedIn(request)).toBe(false);
});

/** BODY_SIZE_LIMIT in bytes, read as adapter-node reads it (K, M and G are powers of 1024). */
function limitInBytes(limit: string): number {
	const match = /^(\d+)([KMG]?)$/.exec(limit);
	if (!match) throw new Error(`unexpected BODY_SIZE_LIMIT ${limit}`);
	return Number(match[1]) * 1024 ** ' KMG'.indexOf(match[2] || ' ');
}

test('a body over the size limit is refused with 413', async ({ request, app }) => {
	const limit = limitInBytes(BODY_SIZE_LIMIT);
	const big = 'x'.repeat(limit + 64 * 1024); // just over the limit, whatever it is set to
	for (const path of ['/login', '/activate', '/language']) {
		const response = await request.post(path, {
			form: { phone: villager.phone, password: big },
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect(response.status(), path).toBe(413);
		expect(sessionCookieOf(response), path).toBeUndefined();
	}
	// Just under the limit is an ordinary (failed) sign-in, not a 413.
	const small = await request.post('/login', {
		form: { phone: villager.phone, password: 'x'.repeat(limit - 64 * 1024) },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(small.status()).toBe(400);
});

readOnlyTest(
	'the health check reports the app, SQLite and the migration level',
	async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toContain('application/json');
		expect(response.headers()['cache-control']).toBe('no-store');
		const body = await response.json();
		expect(body).toEqual({
			status: 'ok',
			app: expect.stringMatching(/^\d+\.\d+\.\d+/),
			sqlite: expect.stringMatching(/^3\.\d+\.\d+$/),
			migration: expect.any(Number)
		});
		expect(body.migration).toBeGreaterThanOrEqual(1);
		const [major, minor] = body.sqlite.split('.').map(Number);
		expect(major * 1000 + minor, 'SQLite 3.51.3 or later').toBeGreaterThanOrEqual(3051);
	}
);

test('signing in or switching language never sends the browser to another site', async ({
	request,
	app
}) => {
	const tricks = [
		'//evil.example/',
		'https://evil.example/',
		'/\\evil.example/',
		'/\t/evil.example/',
		'/\n/evil.example/',
		'/ /evil.example/',
		'\\/evil.example/'
	];
	const landsOnApp = (location: string | undefined, label: string) => {
		expect.soft(location, label).toBeDefined();
		// Browsers resolve Location as the WHATWG URL parser does (it drops tabs and newlines).
		expect
			.soft(new URL(location!, app.url).origin, `${label} → ${JSON.stringify(location)}`)
			.toBe(app.url);
	};
	for (const next of tricks) {
		const label = `next=${JSON.stringify(next)}`;
		const login = await request.post(`/login?next=${encodeURIComponent(next)}`, {
			form: credentials,
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect.soft([303, 400], label).toContain(login.status());
		if (login.status() === 303) landsOnApp(login.headers()['location'], `sign-in ${label}`);
		// Already signed in, the sign-in page redirects at once: same rule.
		const again = await request.get(`/login?next=${encodeURIComponent(next)}`, {
			maxRedirects: 0
		});
		expect.soft([200, 303], `signed-in ${label}`).toContain(again.status());
		if (again.status() === 303) landsOnApp(again.headers()['location'], `signed-in ${label}`);

		const language = await request.post('/language', {
			form: { locale: 'zh-CN', to: next },
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect.soft(language.status(), `language to=${JSON.stringify(next)}`).toBe(303);
		if (language.status() === 303) {
			landsOnApp(language.headers()['location'], `language to=${JSON.stringify(next)}`);
		}
	}
});
