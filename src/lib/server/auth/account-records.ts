// Accounts as records: reading them and disabling them. Apart from the rest of accounts.ts (sign-in,
// passwords, activation codes) so that the roster can disable the login of someone who left the
// village without loading the password rules.
import { command } from '../command';
import type { Db } from '../db';
import { invalidateUserSessions, type Role } from './session';
import { mayManageAccountNow } from '../permissions/accounts';
import { actorOfLogin } from '../permissions/login-actor';

export interface Account {
	id: number;
	villageId: number | null;
	role: Role;
	name: string;
	phone: string;
	hasPassword: boolean;
	disabled: boolean;
	createdAt: string;
}

export interface UserRow {
	id: number;
	village_id: number | null;
	role: Role;
	name: string;
	phone: string;
	password_hash: string | null;
	disabled_at: string | null;
	created_at: string;
}

export function toAccount(row: UserRow): Account {
	return {
		id: row.id,
		villageId: row.village_id,
		role: row.role,
		name: row.name,
		phone: row.phone,
		hasPassword: row.password_hash !== null,
		disabled: row.disabled_at !== null,
		createdAt: row.created_at
	};
}

export function auditView(a: Account) {
	return { role: a.role, name: a.name, disabled: a.disabled, hasPassword: a.hasPassword };
}

export function findAccountByPhone(db: Db, phone: string): Account | null {
	const row = db.prepare('select * from users where phone = ?').get(phone) as UserRow | undefined;
	return row ? toAccount(row) : null;
}

export function findAccount(db: Db, id: number): Account | null {
	const row = db.prepare('select * from users where id = ?').get(id) as UserRow | undefined;
	return row ? toAccount(row) : null;
}

/** The village of a login, which never changes: a command knows where it acts before it begins. */
export const villageOfAccount = (db: Db, id: number): number | null =>
	(db.prepare('select village_id from users where id = ?').pluck().get(id) as
		number | null | undefined) ?? null;

/**
 * Disables or re-enables an account; disabling ends all its sessions at once. Only someone who may
 * manage the account may do either (a null actor is the system itself).
 */
export function setAccountDisabled(
	db: Db,
	actorId: number | null,
	userId: number,
	disabled: boolean
): { ok: true } | { ok: false; reason: 'forbidden' } {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: villageOfAccount(db, userId),
		load: () => {
			const before = findAccount(db, userId);
			if (!before) throw new Error(`no account ${userId}`);
			return before;
		},
		allowed: (before) => mayManageAccountNow(db, actorId, before),
		run: (before, ctx) => {
			if (before.disabled === disabled) return { ok: true as const };
			db.prepare('update users set disabled_at = ? where id = ?').run(
				disabled ? new Date().toISOString() : null,
				userId
			);
			if (disabled) invalidateUserSessions(db, userId);
			ctx.audit({
				action: disabled ? 'account.disabled' : 'account.enabled',
				subjectType: 'user',
				subjectId: userId,
				before: auditView(before),
				after: auditView(findAccount(db, userId)!)
			});
			return { ok: true as const };
		}
	}) as { ok: true } | { ok: false; reason: 'forbidden' };
}
