// Guesses sent all at once (issue 12, item 2): each attempt must be counted before its password or
// code is judged, or a burst gets every guess evaluated while the first ones are still hashing.
// The evidence is the answers themselves: a judged guess gets the ordinary refusal (400) or signs
// in (303), a counted-but-unjudged one the wait message (429). No timing is assumed.
import type { APIResponse } from '@playwright/test';
import { expect, formPostHeaders, test, type App } from '../fixtures.ts';
import { loginByAccount, activationByAccount } from '../../src/lib/server/auth/throttle.ts';
import { PEOPLE, client, dbValue, isSignedIn, post, sessionCookieOf, signedIn } from './hostile.ts';

const BURST = 50;
const WAIT = /role="alert"[^>]*>尝试次数过多，请在 \d+ 秒后再试。</;
const FAILED = /role="alert"[^>]*>手机号或密码不正确。</;
const CODE_FAILED = /role="alert"[^>]*>手机号或激活码不正确，或激活码已过期、已使用。</;

interface Answer {
	status: number;
	body: string;
	cookie: string | undefined;
}

/** Sends every form at once, each from its own cookie jar, and returns the answers in order. */
async function burst(app: App, path: string, forms: Record<string, string>[]): Promise<Answer[]> {
	const clients = await Promise.all(forms.map(() => client(app)));
	const responses: APIResponse[] = await Promise.all(
		forms.map((form, i) => clients[i].post(path, { form, headers: formPostHeaders(app) }))
	);
	return Promise.all(
		responses.map(async (r) => ({
			status: r.status(),
			body: await r.text(),
			cookie: sessionCookieOf(r)
		}))
	);
}

test('50 wrong passwords at once for one account: only the free tries are judged', async ({
	app
}) => {
	const answers = await burst(
		app,
		'/login',
		Array.from({ length: BURST }, (_, i) => ({
			phone: PEOPLE.villager.phone,
			password: `wrong-password-${i}`
		}))
	);
	const judged = answers.filter((a) => a.status !== 429);
	for (const a of judged) {
		expect(a.status).toBe(400);
		expect(a.body).toMatch(FAILED);
	}
	for (const a of answers.filter((a) => a.status === 429)) expect(a.body).toMatch(WAIT);
	expect(judged.length, 'guesses judged out of the burst').toBeLessThanOrEqual(
		loginByAccount.options.freeFailures
	);
	expect(judged.length).toBeGreaterThan(0);
	expect(answers.every((a) => a.cookie === undefined)).toBe(true);
});

test('50 activation codes at once, the right one among them: only the free tries are judged', async ({
	app
}) => {
	const newcomer = { phone: '13800000099', password: '河边柳树又发新芽了' };
	const clerk = await signedIn(app, PEOPLE.clerk);
	expect(
		(
			await post(clerk, app, '/xinyang/accounts?/create', {
				name: '周新来',
				phone: newcomer.phone,
				role: 'villager'
			})
		).status()
	).toBe(200);
	const userId = dbValue<number>(app, 'select id from users where phone = ?', newcomer.phone);
	const issued = await post(clerk, app, '/xinyang/accounts?/issueCode', { accountId: userId });
	const code = /class="code-slip"[^>]*>\s*(\d{4} ?\d{4})\s*</
		.exec(await issued.text())?.[1]
		?.replace(/\D/g, '');
	expect(code).toMatch(/^\d{8}$/);

	// The right code goes last, so a burst that judged only its first few could not have used it.
	const wrongCodes = new Set<string>();
	for (let n = 10_000_000; wrongCodes.size < BURST - 1; n += 7_919)
		if (String(n) !== code) wrongCodes.add(String(n));
	const codes = [...wrongCodes, code!];
	const answers = await burst(
		app,
		'/activate',
		codes.map((c) => ({ phone: newcomer.phone, code: c, password: newcomer.password }))
	);

	const judged = answers.filter((a) => a.status !== 429);
	expect(judged.length, 'codes judged out of the burst').toBeLessThanOrEqual(
		activationByAccount.options.freeFailures
	);
	expect(judged.length).toBeGreaterThan(0);
	for (const a of answers.slice(0, -1)) {
		expect([400, 429]).toContain(a.status);
		expect(a.body).toMatch(a.status === 400 ? CODE_FAILED : WAIT);
	}
	const right = answers.at(-1)!;
	const activated =
		dbValue<string | null>(app, 'select password_hash from users where id = ?', userId) !== null;
	// Signed in only if the right code was one of the few judged, and then by that answer alone.
	expect(activated).toBe(right.status === 303);
	expect(answers.filter((a) => a.cookie !== undefined).length).toBe(activated ? 1 : 0);
	if (!activated) {
		expect(right.body).toMatch(WAIT);
		// A wait, never a lockout: once it is over the right code works.
		const api = await client(app);
		await expect
			.poll(
				async () =>
					(
						await api.post('/activate', {
							form: { phone: newcomer.phone, code: code!, password: newcomer.password },
							headers: formPostHeaders(app)
						})
					).status(),
				{ intervals: [1_000], timeout: 15_000 }
			)
			.toBe(303);
		expect(await isSignedIn(api)).toBe(true);
	}
});
