// A whole village behind one address (issue 12, item 3). Chinese mobile carriers put many
// subscribers behind one carrier-grade NAT address, so 300 villagers signing in from one address
// must all get in, while an attacker spraying wrong passwords over their accounts from that same
// address is held to the address's budget of failures. Every client here is 127.0.0.1.
import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, formPostHeaders, test, type App } from '../fixtures.ts';
import { failuresByAddress } from '../../src/lib/server/auth/throttle.ts';
import { client, isSignedIn, sessionCookieOf } from './hostile.ts';

const VILLAGERS = 300;
const PASSWORD = '村口老槐树下好乘凉';
// Phones of a village pressing "sign in" together at a meeting: more at once than the server
// hashes at once (two), so requests really queue behind each other.
const AT_ONCE = 20;
const WAIT = /role="alert"[^>]*>尝试次数过多，请在 \d+ 秒后再试。</;
const FAILED = /role="alert"[^>]*>手机号或密码不正确。</;

const phoneOf = (i: number) => `1360000${String(i).padStart(4, '0')}`;

/** 300 villager accounts of 新阳村 written straight into the database; one hash serves them all. */
async function seedVillagers(app: App): Promise<void> {
	const passwordHash = await hash(PASSWORD, {
		algorithm: 2,
		memoryCost: 19456,
		timeCost: 2,
		parallelism: 1
	});
	const db = new Database(app.dbPath, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const villageId = db.prepare("select id from villages where slug = 'xinyang'").pluck().get();
		const insert = db.prepare(
			"insert into users (village_id, role, name, phone, password_hash, created_at) values (?, 'villager', ?, ?, ?, ?)"
		);
		const createdAt = new Date().toISOString();
		db.transaction(() => {
			for (let i = 0; i < VILLAGERS; i++)
				insert.run(villageId, `村民${i}`, phoneOf(i), passwordHash, createdAt);
		})();
	} finally {
		db.close();
	}
}

/** Runs the tasks AT_ONCE at a time, in order. */
async function inWaves<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let start = 0; start < count; start += AT_ONCE) {
		const wave = Array.from({ length: Math.min(AT_ONCE, count - start) }, (_, k) => start + k);
		results.push(...(await Promise.all(wave.map(task))));
	}
	return results;
}

// Each request on a new connection: a phone idle while the others take their turn would find its
// kept-alive socket closed by the server.
const headersOf = (app: App) => ({ ...formPostHeaders(app), connection: 'close' });

function signIn(app: App, api: APIRequestContext, phone: string, password: string) {
	return api.post('/login', { form: { phone, password }, headers: headersOf(app) });
}

async function answer(response: APIResponse) {
	return { status: response.status(), body: await response.text() };
}

test('300 villagers sign in from one address, also while an attacker sprays it', async ({
	app
}) => {
	// 300 sign-ins twice and a spray over 300 accounts, each sign-in an Argon2 hash.
	test.setTimeout(240_000);
	await seedVillagers(app);
	const phones = await Promise.all(Array.from({ length: VILLAGERS }, () => client(app)));

	// A village signs in through one address: everyone gets in on the first try.
	const started = Date.now();
	const first = await inWaves(VILLAGERS, async (i) => {
		const response = await signIn(app, phones[i], phoneOf(i), PASSWORD);
		return { status: response.status(), session: sessionCookieOf(response) };
	});
	const firstRoundMs = Date.now() - started;
	expect(first.filter((a) => a.status !== 303).length, 'villagers refused').toBe(0);
	expect(first.every((a) => a.session !== undefined)).toBe(true);
	expect(firstRoundMs).toBeLessThan(5 * 60_000);
	console.log(`${VILLAGERS} villagers signed in from one address in ${firstRoundMs} ms`);

	// Everyone signs out; each phone keeps what it learnt about itself.
	await inWaves(VILLAGERS, async (i) => {
		const out = await phones[i].post('/logout', { headers: headersOf(app) });
		expect(out.status()).toBe(303);
	});
	expect(await isSignedIn(phones[0])).toBe(false);

	// An attacker behind the same address sprays a wrong password over every account, while the
	// villagers sign in again.
	const attacker = await client(app);
	const sprayStarted = Date.now();
	const [spray, second] = await Promise.all([
		inWaves(VILLAGERS, async (i) => answer(await signIn(app, attacker, phoneOf(i), 'Spring2026!'))),
		inWaves(VILLAGERS, async (i) => (await signIn(app, phones[i], phoneOf(i), PASSWORD)).status())
	]);
	const sprayMs = Date.now() - sprayStarted;

	const judged = spray.filter((a) => a.status !== 429);
	const refused = second.filter((s) => s !== 303).length;
	console.log(
		`spray over ${VILLAGERS} accounts: ${judged.length} guesses judged in ${sprayMs} ms; ` +
			`${refused} villagers refused meanwhile`
	);
	expect(refused, 'villagers refused during the spray').toBe(0);
	for (const a of judged) {
		expect(a.status).toBe(400);
		expect(a.body).toMatch(FAILED);
	}
	for (const a of spray.filter((a) => a.status === 429)) expect(a.body).toMatch(WAIT);
	const budget =
		failuresByAddress.options.capacity + Math.ceil(sprayMs / failuresByAddress.options.refillMs);
	expect(judged.length, 'spray guesses judged').toBeLessThanOrEqual(budget);
	expect(judged.length).toBeGreaterThan(0);

	// While the address is over budget, what lets a villager past is their own phone's record of
	// an earlier sign-in to their own account: a fresh browser waits like the attacker, and one
	// villager's phone opens nothing for another account.
	// Each probe tries a number never tried before, so a wait can only come from the address.
	let probe = 0;
	const overBudget = async () => {
		await expect
			.poll(async () =>
				(
					await signIn(app, attacker, `1350000${String(probe++).padStart(4, '0')}`, 'Spring2026?')
				).status()
			)
			.toBe(429);
	};
	await overBudget();
	const stranger = await answer(await signIn(app, await client(app), phoneOf(1), PASSWORD));
	expect(stranger.status).toBe(429);
	expect(stranger.body).toMatch(WAIT);
	expect((await phones[2].post('/logout', { headers: headersOf(app) })).status()).toBe(303);
	await overBudget();
	const borrowed = await answer(await signIn(app, phones[2], phoneOf(3), 'Spring2026#'));
	expect(borrowed.status).toBe(429);
	expect(borrowed.body).toMatch(WAIT);
});
