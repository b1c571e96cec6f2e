import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import {
	SESSION_LIFETIME,
	createSession,
	deleteExpiredSessions,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from './session';
import { createAccount, setAccountDisabled } from './accounts';

let db: Db;
let cleanup: () => void;
let userId: number;

beforeEach(() => {
	({ db, cleanup } = createTestDb());
	const r = db.transaction(() =>
		createAccount(db, null, {
			villageId: null,
			role: 'admin',
			name: '管理员',
			phone: '13900000000'
		})
	)();
	if (!r.ok) throw new Error('setup');
	userId = r.account.id;
});
afterEach(() => cleanup());

const DAY = 86_400_000;

describe('session tokens', () => {
	it('are random, at least 128 bits, and only their SHA-256 is stored', () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		expect(a).not.toBe(b);
		expect(a).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
		createSession(db, a, userId);
		const stored = db.prepare('select id from sessions').all() as { id: string }[];
		expect(stored).toEqual([{ id: sessionIdFromToken(a) }]);
		expect(JSON.stringify(db.prepare('select * from sessions').all())).not.toContain(a);
	});

	it('a dumped session id cannot be used as a token', () => {
		const token = generateSessionToken();
		const session = createSession(db, token, userId);
		expect(validateSessionToken(db, session.id).user).toBeNull();
		expect(validateSessionToken(db, token).user?.id).toBe(userId);
	});
});

describe('validateSessionToken', () => {
	it.each([
		// age of the session when it is used, valid?, renewed?
		[0, true, false],
		[14 * DAY, true, false],
		[16 * DAY, true, true], // under half the lifetime left: sliding renewal
		[30 * DAY - 1, true, true],
		[30 * DAY, false, false] // expired
	])('at age %i ms: valid %s, renewed %s', (age, valid, renewed) => {
		const token = generateSessionToken();
		createSession(db, token, userId, 0);
		const result = validateSessionToken(db, token, age);
		expect(result.session !== null).toBe(valid);
		expect(result.renewed).toBe(renewed);
		if (renewed) expect(result.session?.expiresAt).toBe(age + SESSION_LIFETIME);
	});

	it('deletes an expired session', () => {
		const token = generateSessionToken();
		createSession(db, token, userId, 0);
		validateSessionToken(db, token, SESSION_LIFETIME + 1);
		expect(db.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
	});

	it.each(['', 'short', 'A'.repeat(32), '../../etc/passwd', 'x'.repeat(5000)])(
		'refuses a malformed token %j',
		(token) => expect(validateSessionToken(db, token).session).toBeNull()
	);

	it('ends when the session is invalidated (logout)', () => {
		const token = generateSessionToken();
		const s = createSession(db, token, userId);
		invalidateSession(db, s.id);
		expect(validateSessionToken(db, token).session).toBeNull();
	});

	it('ends every session of the user at once', () => {
		const tokens = [generateSessionToken(), generateSessionToken()];
		tokens.forEach((t) => createSession(db, t, userId));
		invalidateUserSessions(db, userId);
		for (const t of tokens) expect(validateSessionToken(db, t).session).toBeNull();
	});

	it('ends when the account is disabled', () => {
		const token = generateSessionToken();
		createSession(db, token, userId);
		setAccountDisabled(db, null, userId, true);
		expect(validateSessionToken(db, token).session).toBeNull();
	});

	it('deleteExpiredSessions removes only expired rows', () => {
		createSession(db, generateSessionToken(), userId, 0);
		createSession(db, generateSessionToken(), userId, 10 * DAY);
		expect(deleteExpiredSessions(db, 35 * DAY)).toBe(1);
	});
});
