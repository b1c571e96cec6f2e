// Accounts as records: reading them and disabling them. Apart from the rest of accounts.ts (sign-in,
// passwords, activation codes) so that the roster can disable the login of someone who left the
// village without loading the password rules.
import { appendAudit } from '../audit/chain.js';
import type { Db } from '../db';
import { invalidateUserSessions, type Role } from './session';
import { mayManageAccountNow } from '../permissions/accounts';

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
	return db
		.transaction(() => {
			const before = findAccount(db, userId);
			if (!before) throw new Error(`no account ${userId}`);
			if (!mayManageAccountNow(db, actorId, before))
				return { ok: false as const, reason: 'forbidden' as const };
			if (before.disabled === disabled) return { ok: true as const };
			db.prepare('update users set disabled_at = ? where id = ?').run(
				disabled ? new Date().toISOString() : null,
				userId
			);
			if (disabled) invalidateUserSessions(db, userId);
			appendAudit(db, {
				villageId: before.villageId,
				actorId,
				action: disabled ? 'account.disabled' : 'account.enabled',
				subjectType: 'user',
				subjectId: userId,
				before: auditView(before),
				after: auditView(findAccount(db, userId)!)
			});
			return { ok: true as const };
		})
		.immediate();
}
