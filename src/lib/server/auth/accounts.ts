// Accounts: login, activation codes, password changes, disabling. Every change is audited in the
// transaction that makes it.
import { createHash, randomInt } from 'node:crypto';
import { command } from '../command';
import type { Db } from '../db';
import {
	hashPassword,
	passwordProblem,
	verifyAgainstDummy,
	verifyPassword,
	type PasswordProblem
} from './password';
import {
	auditView,
	findAccount,
	toAccount,
	villageOfAccount,
	type Account,
	type UserRow
} from './account-records';
import { invalidateUserSessions, type Role } from './session';
import { mayManageAccountNow } from '../permissions/accounts';
import { actorOfLogin } from '../permissions/login-actor';

export {
	findAccount,
	findAccountByPhone,
	setAccountDisabled,
	type Account
} from './account-records';

const DAY = 24 * 60 * 60 * 1000;
export const ACTIVATION_CODE_LIFETIME = 14 * DAY;
export const ACTIVATION_CODE_DIGITS = 8;

/** An account of this village, or null: ids from another village are simply not found. */
export function findVillageAccount(db: Db, villageId: number, id: number): Account | null {
	const row = db
		.prepare('select * from users where id = ? and village_id = ?')
		.get(id, villageId) as UserRow | undefined;
	return row ? toAccount(row) : null;
}

export function listVillageAccounts(db: Db, villageId: number): Account[] {
	return (
		db
			.prepare('select * from users where village_id = ? order by role, name, id')
			.all(villageId) as UserRow[]
	).map(toAccount);
}

export type LoginResult =
	{ ok: true; userId: number; role: Role; villageSlug: string | null } | { ok: false };

/**
 * Checks a phone number and password. The answer is the same, and takes as long, whether the
 * number is unknown, the password wrong, or the account disabled or not yet activated.
 */
export async function checkLogin(db: Db, phone: string, password: string): Promise<LoginResult> {
	const row = db
		.prepare(
			`select u.id, u.role, u.password_hash, u.disabled_at, v.slug as village_slug
			 from users u left join villages v on v.id = u.village_id where u.phone = ?`
		)
		.get(phone) as
		| (Pick<UserRow, 'id' | 'role' | 'password_hash' | 'disabled_at'> & {
				village_slug: string | null;
		  })
		| undefined;
	if (!row || !row.password_hash) {
		await verifyAgainstDummy(password);
		return { ok: false };
	}
	const valid = await verifyPassword(row.password_hash, password);
	if (!valid || row.disabled_at) return { ok: false };
	return { ok: true, userId: row.id, role: row.role, villageSlug: row.village_slug };
}

export type CreateAccountResult =
	{ ok: true; account: Account } | { ok: false; reason: 'phone_taken' | 'forbidden' };

export function createAccount(
	db: Db,
	actorId: number | null,
	input: {
		villageId: number | null;
		role: Role;
		name: string;
		phone: string;
		passwordHash?: string;
	}
): CreateAccountResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: input.villageId,
		may: () => mayManageAccountNow(db, actorId, input),
		run: (_, ctx): CreateAccountResult => {
			if (db.prepare('select 1 from users where phone = ?').get(input.phone)) {
				return { ok: false, reason: 'phone_taken' };
			}
			const { lastInsertRowid } = db
				.prepare(
					'insert into users (village_id, role, name, phone, password_hash, created_at) values (?, ?, ?, ?, ?, ?)'
				)
				.run(
					input.villageId,
					input.role,
					input.name,
					input.phone,
					input.passwordHash ?? null,
					ctx.now.toISOString()
				);
			const account = findAccount(db, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'account.created',
				subjectType: 'user',
				subjectId: account.id,
				after: auditView(account)
			});
			return { ok: true, account };
		}
	}) as CreateAccountResult;
}

function codeHash(userId: number, code: string): string {
	return createHash('sha256').update(`${userId}:${code}`).digest('hex');
}

/** 8 digits: easy to read aloud and type on a keypad; guessing is throttled and codes expire. */
function generateActivationCode(): string {
	return String(randomInt(0, 10 ** ACTIVATION_CODE_DIGITS)).padStart(ACTIVATION_CODE_DIGITS, '0');
}

export function formatActivationCode(code: string): string {
	return `${code.slice(0, 4)} ${code.slice(4)}`;
}

export type IssueCodeResult =
	{ ok: true; code: string; expiresAt: number } | { ok: false; reason: 'forbidden' };

/**
 * Issues a one-time activation code and voids any earlier unused one of the same account.
 * The code is returned once, to be printed; only its hash is kept. A code sets a password, so
 * only someone who may manage the account gets one.
 */
export function issueActivationCode(
	db: Db,
	actorId: number | null,
	userId: number,
	now = Date.now()
): IssueCodeResult {
	const code = generateActivationCode();
	const expiresAt = now + ACTIVATION_CODE_LIFETIME;
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: villageOfAccount(db, userId),
		load: () => {
			const account = findAccount(db, userId);
			if (!account) throw new Error(`no account ${userId}`);
			return account;
		},
		allowed: (account) => mayManageAccountNow(db, actorId, account),
		run: (_, ctx): IssueCodeResult => {
			db.prepare(
				'update activation_codes set used_at = ? where user_id = ? and used_at is null'
			).run(now, userId);
			db.prepare(
				'insert into activation_codes (user_id, code_hash, expires_at, created_by, created_at) values (?, ?, ?, ?, ?)'
			).run(userId, codeHash(userId, code), expiresAt, actorId, now);
			ctx.audit({
				action: 'account.activation_code_issued',
				subjectType: 'user',
				subjectId: userId,
				after: { expiresAt: new Date(expiresAt).toISOString() }
			});
			return { ok: true, code, expiresAt };
		}
	}) as IssueCodeResult;
}

export type ActivationResult =
	| { ok: true; userId: number }
	| { ok: false; reason: 'invalid_code' }
	| { ok: false; reason: 'weak_password'; problem: PasswordProblem };

/** Sets a first (or forgotten) password with a code printed by the clerk. Single use. */
export async function redeemActivationCode(
	db: Db,
	phone: string,
	code: string,
	newPassword: string,
	now = Date.now()
): Promise<ActivationResult> {
	const problem = passwordProblem(newPassword, phone);
	const user = db
		.prepare('select id, village_id, disabled_at from users where phone = ?')
		.get(phone) as Pick<UserRow, 'id' | 'village_id' | 'disabled_at'> | undefined;
	const hashed = problem ? null : await hashPassword(newPassword);
	if (!user || user.disabled_at) return { ok: false, reason: 'invalid_code' };
	return command(db, {
		actor: actorOfLogin(db, user.id),
		villageId: user.village_id,
		run: (_, ctx): ActivationResult => {
			const row = db
				.prepare(
					'select id from activation_codes where user_id = ? and code_hash = ? and used_at is null and expires_at > ?'
				)
				.get(user.id, codeHash(user.id, code), now) as { id: number } | undefined;
			if (!row) return { ok: false, reason: 'invalid_code' };
			// A valid code with a weak password keeps the code unused, so the villager can try again.
			if (problem || !hashed) return { ok: false, reason: 'weak_password', problem: problem! };
			db.prepare('update activation_codes set used_at = ? where id = ?').run(now, row.id);
			db.prepare('update users set password_hash = ? where id = ?').run(hashed, user.id);
			invalidateUserSessions(db, user.id);
			ctx.audit({ action: 'account.activated', subjectType: 'user', subjectId: user.id });
			return { ok: true, userId: user.id };
		}
	}) as ActivationResult;
}

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; reason: 'wrong_password' }
	| { ok: false; reason: 'weak_password'; problem: PasswordProblem };

/** Changes a password and ends every session of the account, this one included. */
export async function changePassword(
	db: Db,
	userId: number,
	currentPassword: string,
	newPassword: string
): Promise<ChangePasswordResult> {
	const row = db.prepare('select * from users where id = ?').get(userId) as UserRow | undefined;
	if (!row?.password_hash || !(await verifyPassword(row.password_hash, currentPassword))) {
		return { ok: false, reason: 'wrong_password' };
	}
	const problem = passwordProblem(newPassword, row.phone);
	if (problem) return { ok: false, reason: 'weak_password', problem };
	const hashed = await hashPassword(newPassword);
	return command(db, {
		actor: actorOfLogin(db, userId),
		villageId: row.village_id,
		run: (_, ctx) => {
			db.prepare('update users set password_hash = ? where id = ?').run(hashed, userId);
			invalidateUserSessions(db, userId);
			ctx.audit({ action: 'account.password_changed', subjectType: 'user', subjectId: userId });
			return { ok: true as const };
		}
	}) as ChangePasswordResult;
}
