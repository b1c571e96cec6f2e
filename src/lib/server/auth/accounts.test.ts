import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import {
	ACTIVATION_CODE_LIFETIME,
	changePassword,
	checkLogin,
	createAccount,
	issueActivationCode,
	redeemActivationCode
} from './accounts';
import { hashPassword } from './password';
import { createSession, generateSessionToken, validateSessionToken } from './session';

let db: Db;
let cleanup: () => void;

beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

function account(phone: string, passwordHash?: string) {
	const r = createAccount(db, null, {
		villageId: null,
		role: 'admin',
		name: 'x',
		phone,
		passwordHash
	});
	if (!r.ok) throw new Error('setup');
	return r.account.id;
}

describe('createAccount', () => {
	it('refuses a phone number that already has an account, and writes nothing', () => {
		account('13800000009');
		const before = db.prepare('select count(*) as n from audit').get();
		const again = createAccount(db, null, {
			villageId: null,
			role: 'admin',
			name: 'y',
			phone: '13800000009'
		});
		expect(again).toEqual({ ok: false, reason: 'phone_taken' });
		expect(db.prepare('select count(*) as n from audit').get()).toEqual(before);
	});
});

describe('checkLogin', () => {
	it('gives the same answer for an unknown number, a wrong password and an unactivated account', async () => {
		account('13800000001', await hashPassword('right password'));
		account('13800000002'); // no password yet
		expect(await checkLogin(db, '13800000009', 'right password')).toEqual({ ok: false });
		expect(await checkLogin(db, '13800000001', 'wrong password')).toEqual({ ok: false });
		expect(await checkLogin(db, '13800000002', '')).toEqual({ ok: false });
		expect(await checkLogin(db, '13800000001', 'right password')).toMatchObject({ ok: true });
	});
});

/** A code the system issues (a null actor): always granted. */
function issue(...args: Parameters<typeof issueActivationCode>) {
	const r = issueActivationCode(...args);
	if (!r.ok) throw new Error(r.reason);
	return r;
}

describe('activation codes', () => {
	it('are single use, set the password, and are audited', async () => {
		const id = account('13800000003');
		const { code } = issue(db, null, id);
		expect(code).toMatch(/^\d{8}$/);
		const first = await redeemActivationCode(db, '13800000003', code, 'my new hall password');
		expect(first).toEqual({ ok: true, userId: id });
		expect(await checkLogin(db, '13800000003', 'my new hall password')).toMatchObject({ ok: true });
		const second = await redeemActivationCode(db, '13800000003', code, 'another password here');
		expect(second).toEqual({ ok: false, reason: 'invalid_code' });
		const actions = db.prepare('select action from audit order by id').pluck().all();
		expect(actions).toEqual([
			'account.created',
			'account.activation_code_issued',
			'account.activated'
		]);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('expire', async () => {
		const id = account('13800000004');
		const { code } = issue(db, null, id, 0);
		const late = await redeemActivationCode(
			db,
			'13800000004',
			code,
			'long enough pw',
			ACTIVATION_CODE_LIFETIME
		);
		expect(late).toEqual({ ok: false, reason: 'invalid_code' });
	});

	it('are voided when a new one is issued', async () => {
		const id = account('13800000005');
		const old = issue(db, null, id).code;
		const fresh = issue(db, null, id).code;
		expect(await redeemActivationCode(db, '13800000005', old, 'long enough pw')).toEqual({
			ok: false,
			reason: 'invalid_code'
		});
		expect(await redeemActivationCode(db, '13800000005', fresh, 'long enough pw')).toMatchObject({
			ok: true
		});
	});

	it('belong to one account: a code does not work with another phone number', async () => {
		const a = account('13800000006');
		account('13800000007');
		const { code } = issue(db, null, a);
		expect(await redeemActivationCode(db, '13800000007', code, 'long enough pw')).toEqual({
			ok: false,
			reason: 'invalid_code'
		});
	});

	it('stay usable when the chosen password is refused', async () => {
		const id = account('13800000008');
		const { code } = issue(db, null, id);
		expect(await redeemActivationCode(db, '13800000008', code, 'password')).toEqual({
			ok: false,
			reason: 'weak_password',
			problem: 'too_common'
		});
		expect(
			await redeemActivationCode(db, '13800000008', code, 'a better passphrase')
		).toMatchObject({
			ok: true
		});
	});
});

describe('changePassword', () => {
	it('needs the current password and ends every session', async () => {
		const id = account('13800000010', await hashPassword('old passphrase'));
		const tokens = [generateSessionToken(), generateSessionToken()];
		tokens.forEach((t) => createSession(db, t, id));
		expect(await changePassword(db, id, 'wrong', 'new passphrase')).toEqual({
			ok: false,
			reason: 'wrong_password'
		});
		expect(validateSessionToken(db, tokens[0]).session).not.toBeNull();
		expect(await changePassword(db, id, 'old passphrase', 'qwertyuiop')).toEqual({
			ok: false,
			reason: 'weak_password',
			problem: 'too_common'
		});
		expect(await changePassword(db, id, 'old passphrase', 'new passphrase')).toEqual({ ok: true });
		for (const t of tokens) expect(validateSessionToken(db, t).session).toBeNull();
		expect(await checkLogin(db, '13800000010', 'new passphrase')).toMatchObject({ ok: true });
	});
});
