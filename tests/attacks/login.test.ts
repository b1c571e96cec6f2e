// Attacks on signing in and on activation codes: telling accounts apart by the answer, and codes
// that were replaced, expired, already used or meant for another number.
import type { APIResponse } from '@playwright/test';
import { expect, formPostHeaders, test, type App } from '../fixtures.ts';
import {
	PEOPLE,
	client,
	dbRead,
	dbValue,
	dbWrite,
	isSignedIn,
	post,
	sessionCookieOf,
	signedIn
} from './hostile.ts';

const FAILED = '手机号或密码不正确。';
const CODE_FAILED = '手机号或激活码不正确，或激活码已过期、已使用。';

/** The form-level alert of a re-rendered page. */
async function alertOf(response: APIResponse): Promise<string | undefined> {
	return /role="alert"[^>]*>([^<]*)</.exec(await response.text())?.[1];
}

async function tryLogin(app: App, phone: string, password: string) {
	const response = await (
		await client(app)
	).post('/login', {
		form: { phone, password },
		headers: formPostHeaders(app)
	});
	return {
		status: response.status(),
		alert: await alertOf(response),
		cookie: sessionCookieOf(response)
	};
}

test('no answer tells whether a number has an account, a password, or is disabled', async ({
	app
}) => {
	const clerk = await signedIn(app, PEOPLE.clerk);
	const created = await post(clerk, app, '/xinyang/accounts?/create', {
		name: '钱未激',
		phone: '13800000077',
		role: 'villager'
	});
	expect(created.status()).toBe(200);
	const gridHeadId = dbValue<number>(
		app,
		'select id from users where phone = ?',
		PEOPLE.gridHead.phone
	);
	expect(
		(await post(clerk, app, '/xinyang/accounts?/disable', { accountId: gridHeadId })).status()
	).toBe(200);

	const answers = {
		'no such number': await tryLogin(app, '13899999999', 'some-password-1'),
		'wrong password': await tryLogin(app, PEOPLE.villager.phone, 'some-password-1'),
		'account not yet activated': await tryLogin(app, '13800000077', 'some-password-1'),
		'disabled, right password': await tryLogin(app, PEOPLE.gridHead.phone, PEOPLE.gridHead.password)
	};
	for (const [label, answer] of Object.entries(answers))
		expect(answer, label).toEqual({ status: 400, alert: FAILED, cookie: undefined });
});

test('activation codes work once, for one number, until replaced or expired', async ({ app }) => {
	const newcomer = { phone: '13800000088', password: '门前小河清又清呀' };
	const clerk = await signedIn(app, PEOPLE.clerk);
	expect(
		(
			await post(clerk, app, '/xinyang/accounts?/create', {
				name: '孙新来',
				phone: newcomer.phone,
				role: 'villager'
			})
		).status()
	).toBe(200);
	const userId = dbValue<number>(app, 'select id from users where phone = ?', newcomer.phone);
	const issue = async () => {
		const r = await post(clerk, app, '/xinyang/accounts?/issueCode', { accountId: userId });
		expect(r.status()).toBe(200);
		const code = /class="code-slip"[^>]*>\s*(\d{4} ?\d{4})\s*</.exec(await r.text())?.[1];
		expect(code).toBeDefined();
		return code!.replace(/\D/g, '');
	};
	const codesState = () => ({
		codes: dbRead(app, 'select id, expires_at, used_at from activation_codes order by id'),
		hashes: dbRead(app, 'select id, password_hash, disabled_at from users order by id'),
		sessions: dbValue<number>(app, 'select count(*) from sessions')
	});
	const activate = async (phone: string, code: string, password: string) => {
		const api = await client(app);
		const response = await api.post('/activate', {
			form: { phone, code, password },
			headers: formPostHeaders(app)
		});
		return { api, response };
	};
	const expectRefused = async (label: string, phone: string, code: string) => {
		const before = codesState();
		const { api, response } = await activate(phone, code, '有人想抢这个账户啊');
		expect(response.status(), label).toBe(400);
		expect(await alertOf(response), label).toBe(CODE_FAILED);
		expect(sessionCookieOf(response), label).toBeUndefined();
		expect(await isSignedIn(api), label).toBe(false);
		expect(codesState(), `${label}: nothing changed`).toEqual(before);
	};

	// A code replaced by a newer one is void.
	const first = await issue();
	const second = await issue();
	expect(second).not.toBe(first);
	await expectRefused('the replaced code', newcomer.phone, first);

	// An expired code (codes last 14 days) is refused like a wrong one.
	const expiry = dbValue<number>(
		app,
		'select expires_at from activation_codes where user_id = ? and used_at is null order by id desc',
		userId
	);
	const issuedAt = dbValue<number>(
		app,
		'select created_at from activation_codes where user_id = ? order by id desc',
		userId
	);
	expect(expiry - issuedAt).toBe(14 * 86_400_000);
	dbWrite(
		app,
		'update activation_codes set expires_at = ? where user_id = ? and used_at is null',
		Date.now() - 1000,
		userId
	);
	await expectRefused('the expired code', newcomer.phone, second);

	// A fresh code is bound to its own number: with another villager's number it does nothing.
	const third = await issue();
	await expectRefused("another villager's number", PEOPLE.villager.phone, third);
	expect((await tryLogin(app, PEOPLE.villager.phone, PEOPLE.villager.password)).status).toBe(303);

	// Used once, then never again.
	const { api, response } = await activate(newcomer.phone, third, newcomer.password);
	expect(response.status()).toBe(303);
	expect(await isSignedIn(api)).toBe(true);
	await expectRefused('the used code', newcomer.phone, third);
	expect((await tryLogin(app, newcomer.phone, newcomer.password)).status).toBe(303);
});
