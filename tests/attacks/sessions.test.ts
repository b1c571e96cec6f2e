// Attacks on sessions: a dumped sessions table replayed as cookies, a session id planted before
// sign-in, and a session that outlives the disabling of its account.
import { createHash } from 'node:crypto';
import { request } from '@playwright/test';
import { expect, test, type App } from '../fixtures.ts';
import {
	PEOPLE,
	client,
	dbRead,
	dbValue,
	isSignedIn,
	post,
	sessionCookieOf,
	signedIn
} from './hostile.ts';

/** A client that sends exactly this session cookie and keeps no other. */
function withCookie(app: App, token: string) {
	return request.newContext({
		baseURL: app.url,
		maxRedirects: 0,
		extraHTTPHeaders: { cookie: `session=${token}` }
	});
}

test('the session cookie is a secret only its holder has', async ({ app }) => {
	const api = await client(app);
	// A session id planted by someone else before sign-in is never adopted.
	const planted = 'a'.repeat(32);
	const login = await api.post('/login', {
		form: PEOPLE.villager,
		headers: { origin: app.url, accept: 'text/html', cookie: `session=${planted}` }
	});
	expect(login.status()).toBe(303);
	const cookie = sessionCookieOf(login)!;
	expect(cookie).toBeDefined();
	const token = /^session=([^;]+)/.exec(cookie)![1];
	expect(token).not.toBe(planted);
	expect(token).toMatch(/^[a-z2-7]{32}$/); // 160 random bits, base32
	expect(await isSignedIn(await withCookie(app, planted))).toBe(false);

	// Flags: not readable by scripts, not sent on cross-site subrequests, for the whole site only,
	// expiring (30 days), and bound to this host (no Domain attribute).
	expect(cookie).toMatch(/;\s*HttpOnly/i);
	expect(cookie).toMatch(/;\s*SameSite=Lax/i);
	expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
	expect(cookie).not.toMatch(/;\s*Domain=/i);
	const expires = /;\s*Expires=([^;]+)/i.exec(cookie)?.[1];
	const maxAge = /;\s*Max-Age=(\d+)/i.exec(cookie)?.[1];
	const lifetime = maxAge ? Number(maxAge) * 1000 : Date.parse(expires ?? '') - Date.now();
	expect(lifetime).toBeGreaterThan(29 * 86_400_000);
	expect(lifetime).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);

	// The table holds only SHA-256 of tokens: none of its ids opens a session as a cookie.
	const stored = dbRead<{ id: string }>(app, 'select id from sessions').map((s) => s.id);
	expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
	expect(stored).not.toContain(token);
	for (const id of stored) {
		for (const forged of [id, id.toUpperCase(), id.slice(0, 32)]) {
			const thief = await withCookie(app, forged);
			expect(await isSignedIn(thief), `dumped id ${forged.slice(0, 8)}…`).toBe(false);
			await thief.dispose();
		}
	}
	expect(await isSignedIn(await withCookie(app, token)), 'the real token works').toBe(true);
});

test('disabling an account ends its sessions at once and for good', async ({ app }) => {
	const villager = await signedIn(app, PEOPLE.villager);
	const secondPhone = await signedIn(app, PEOPLE.villager);
	expect(await isSignedIn(villager)).toBe(true);
	const userId = dbValue<number>(
		app,
		'select id from users where phone = ?',
		PEOPLE.villager.phone
	);

	const clerk = await signedIn(app, PEOPLE.clerk);
	const disabled = await post(clerk, app, '/xinyang/accounts?/disable', { accountId: userId });
	expect(disabled.status()).toBe(200);
	expect(dbValue(app, 'select count(*) from sessions where user_id = ?', userId)).toBe(0);
	expect(await isSignedIn(villager)).toBe(false);
	expect(await isSignedIn(secondPhone)).toBe(false);

	// The old cookie cannot act either: a co-signature posted with it is not stored.
	const cosigns = dbValue<number>(app, 'select count(*) from topic_cosigns');
	const topic = dbValue<string>(
		app,
		`select number from topics where state = 'submitted' and id not in
		   (select topic_id from topic_cosigns where person_id = ?) order by id limit 1`,
		dbValue<number>(app, 'select person_id from users where id = ?', userId)
	);
	expect(topic).toBeTruthy();
	const r = await post(villager, app, `/xinyang/topics/${topic}?/cosign`, {});
	expect(r.status()).toBeGreaterThanOrEqual(300);
	expect(r.status()).toBeLessThan(500);
	expect(dbValue(app, 'select count(*) from topic_cosigns')).toBe(cosigns);

	// The right password now meets the same answer as a wrong one.
	const again = await (
		await client(app)
	).post('/login', {
		form: PEOPLE.villager,
		headers: { origin: app.url, accept: 'text/html' }
	});
	expect(again.status()).toBe(400);
	expect(sessionCookieOf(again)).toBeUndefined();
	expect(await again.text()).toContain('手机号或密码不正确。');

	// Enabling the account again does not bring the old sessions back.
	const enabled = await post(clerk, app, '/xinyang/accounts?/enable', { accountId: userId });
	expect(enabled.status()).toBe(200);
	expect(await isSignedIn(villager)).toBe(false);
	expect(await isSignedIn(await signedIn(app, PEOPLE.villager))).toBe(true);
});

test('a villager taken off the roster (moved out, died) is signed out and stays out', async ({
	app
}) => {
	const clerk = await signedIn(app, PEOPLE.clerk);
	for (const [who, status] of [
		[PEOPLE.villager, 'moved_out'],
		[PEOPLE.gridHead, 'deceased']
	] as const) {
		const phone = await signedIn(app, who);
		const person = dbValue<number>(app, 'select person_id from users where phone = ?', who.phone);
		const r = await post(clerk, app, `/xinyang/roster/people/${person}?/status`, {
			status,
			date: '2026-11-20'
		});
		expect(r.status(), status).toBe(200);
		expect(await isSignedIn(phone), `${status}: old session`).toBe(false);
		expect((await phone.get('/xinyang/topics')).status(), `${status}: member page`).toBe(303);
		const again = await (
			await client(app)
		).post('/login', {
			form: who,
			headers: { origin: app.url, accept: 'text/html' }
		});
		expect(again.status(), `${status}: sign-in`).toBe(400);
		expect(sessionCookieOf(again)).toBeUndefined();
	}
});
