import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { createAccount, issueActivationCode } from './accounts';
import { DEVICES_PER_ACCOUNT, isTrustedDevice, trustDevice } from './devices';
import { hashPassword } from './password';
import { generateSessionToken } from './session';
import { activate, signIn, type Limits } from './sign-in';
import { FailureBudget, Throttle } from './throttle';

/** The code of an issue the operator makes (actor null), which is always allowed. */
function issued(r: ReturnType<typeof issueActivationCode>): { code: string } {
	if (!r.ok) throw new Error(r.reason);
	return r;
}

let db: Db;
let cleanup: () => void;
let limits: Limits;

beforeEach(() => {
	({ db, cleanup } = createTestDb());
	limits = {
		account: new Throttle({
			freeFailures: 3,
			baseDelayMs: 1000,
			maxDelayMs: 60_000,
			forgetAfterMs: 600_000,
			maxKeys: 100
		}),
		address: new FailureBudget({ capacity: 5, refillMs: 10_000, maxKeys: 100 })
	};
});
afterEach(() => cleanup());

const PASSWORD = 'right password';
let passwordHash: string;

async function accounts(count: number): Promise<{ id: number; phone: string }[]> {
	passwordHash ??= await hashPassword(PASSWORD);
	return Array.from({ length: count }, (_, i) => {
		const phone = `1370000${String(i).padStart(4, '0')}`;
		const r = createAccount(db, null, {
			villageId: null,
			role: 'admin',
			name: 'x',
			phone,
			passwordHash
		});
		if (!r.ok) throw new Error('setup');
		return { id: r.account.id, phone };
	});
}

const at = (phone: string, password: string, deviceToken?: string) => ({
	phone,
	password,
	address: '10.0.0.1',
	deviceToken
});

describe('signIn behind one address', () => {
	it('20 parallel wrong passwords for one account: three judged, the rest told to wait', async () => {
		const [a] = await accounts(1);
		const answers = await Promise.all(
			Array.from({ length: 20 }, () => signIn(db, at(a.phone, 'wrong'), limits, 0))
		);
		expect(answers.filter((r) => !r.ok && r.reason === 'failed')).toHaveLength(3);
		expect(answers.filter((r) => !r.ok && r.reason === 'wait')).toHaveLength(17);
	});

	it('right passwords never spend the address budget; wrong ones do, whoever sent them', async () => {
		const people = await accounts(12);
		for (const p of people)
			expect(await signIn(db, at(p.phone, PASSWORD), limits, 0)).toMatchObject({ ok: true });
		const spray = [];
		for (const p of people) spray.push(await signIn(db, at(p.phone, 'Spring2026!'), limits, 0));
		expect(spray.filter((r) => !r.ok && r.reason === 'failed')).toHaveLength(5);
		expect(spray.filter((r) => !r.ok && r.reason === 'wait')).toHaveLength(7);
		// A success does not reset the budget either.
		expect(await signIn(db, at(people[0].phone, PASSWORD), limits, 0)).toMatchObject({
			ok: false,
			reason: 'wait'
		});
	});

	it('over budget, a browser that signed in to the account before still may; for that account only', async () => {
		const [a, b] = await accounts(2);
		const first = await signIn(db, at(a.phone, PASSWORD), limits, 0);
		if (!first.ok) throw new Error('setup');
		for (let i = 0; i < 5; i++) await signIn(db, at(`1390000000${i}`, 'guess'), limits, 0);
		expect(await signIn(db, at(a.phone, PASSWORD), limits, 0)).toMatchObject({ reason: 'wait' });
		expect(await signIn(db, at(a.phone, PASSWORD, first.deviceToken), limits, 0)).toMatchObject({
			ok: true,
			deviceToken: first.deviceToken
		});
		expect(await signIn(db, at(b.phone, PASSWORD, first.deviceToken), limits, 0)).toMatchObject({
			reason: 'wait'
		});
		// The per-account delay still holds for the trusted browser.
		for (let i = 0; i < 3; i++)
			expect(await signIn(db, at(a.phone, 'wrong', first.deviceToken), limits, 0)).toMatchObject({
				reason: 'failed'
			});
		expect(await signIn(db, at(a.phone, PASSWORD, first.deviceToken), limits, 0)).toMatchObject({
			reason: 'wait'
		});
	});
});

describe('activate under the same limits', () => {
	it('a weak password with the right code spends nothing; wrong codes spend account and address', async () => {
		const [a] = await accounts(1);
		const { code } = issued(issueActivationCode(db, null, a.id, 0));
		const attempt = (c: string, newPassword: string) =>
			activate(
				db,
				{ phone: a.phone, code: c, newPassword, address: '10.0.0.1', deviceToken: undefined },
				limits,
				1
			);
		for (let i = 0; i < 5; i++)
			expect(await attempt(code, 'short')).toMatchObject({ reason: 'weak_password' });
		const wrong = code === '00000000' ? '00000001' : '00000000';
		for (let i = 0; i < 3; i++)
			expect(await attempt(wrong, 'a long new password')).toMatchObject({ reason: 'invalid_code' });
		expect(await attempt(code, 'a long new password')).toMatchObject({ reason: 'wait' });
		expect(limits.address.waitMs('addr:10.0.0.1', 1)).toBe(0); // two of five left
	});

	it('the right code trusts the browser for that account', async () => {
		const [a] = await accounts(1);
		const { code } = issued(issueActivationCode(db, null, a.id, 0));
		const r = await activate(
			db,
			{
				phone: a.phone,
				code,
				newPassword: 'a long new password',
				address: '10.0.0.1',
				deviceToken: undefined
			},
			limits,
			1
		);
		if (!r.ok) throw new Error(`activation refused: ${r.reason}`);
		expect(isTrustedDevice(db, r.deviceToken, a.phone, 2)).toBe(true);
	});
});

describe('trusted devices', () => {
	it('expire, refuse malformed tokens, and keep only the newest few per account', async () => {
		const [a, b] = await accounts(2);
		const token = trustDevice(db, undefined, a.id, 0);
		expect(isTrustedDevice(db, token, a.phone, 1)).toBe(true);
		expect(isTrustedDevice(db, token, b.phone, 1)).toBe(false);
		expect(isTrustedDevice(db, token.toUpperCase(), a.phone, 1)).toBe(false);
		expect(isTrustedDevice(db, token, a.phone, 366 * 24 * 3600 * 1000)).toBe(false);
		// One phone, two accounts (a family's): the same token.
		expect(trustDevice(db, token, b.id, 0)).toBe(token);
		expect(trustDevice(db, 'not a token', b.id, 0)).not.toBe('not a token');

		const tokens = Array.from({ length: DEVICES_PER_ACCOUNT + 3 }, (_, i) =>
			trustDevice(db, generateSessionToken(), a.id, 10 + i)
		);
		const kept = tokens.filter((t) => isTrustedDevice(db, t, a.phone, 100));
		expect(kept).toEqual(tokens.slice(-DEVICES_PER_ACCOUNT));
		expect(isTrustedDevice(db, token, a.phone, 100)).toBe(false);
	});
});
