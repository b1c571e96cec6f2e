// Township staff accounts (issue 19): the system administrator creates them for a township, in
// one of two roles, a township official (乡镇干部) or a township reviewer (乡镇审核人员). They belong
// to no village; the permission rules `township` and `townshipOfficial` let them read the
// township's villages and act only on the township's part.
import { command } from '../command';
import type { Db } from '../db';
import { actorOfLogin } from '../permissions/login-actor';
import { isSystemAdminNow } from '../permissions/village';
import { findAccount, type Account } from './account-records';
import { auditView } from './account-records';
import { issueActivationCode } from './accounts';
import type { TownshipRole } from './session';

export interface TownshipAccount {
	id: number;
	townshipId: number;
	role: TownshipRole;
	name: string;
	phone: string;
	position: string;
	disabled: boolean;
}

export type CreateTownshipAccountResult =
	{ ok: true; account: Account } | { ok: false; reason: 'phone_taken' | 'not_found' | 'forbidden' };

/** A township official or reviewer; the administrator then issues their activation code. */
export function createTownshipAccount(
	db: Db,
	actorId: number | null,
	input: {
		townshipId: number;
		role: TownshipRole;
		name: string;
		phone: string;
		position: string;
		passwordHash?: string;
	}
): CreateTownshipAccountResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: null,
		may: () => actorId === null || isSystemAdminNow(db, { userId: actorId }),
		run: (_, ctx): CreateTownshipAccountResult => {
			if (!db.prepare('select 1 from townships where id = ?').get(input.townshipId))
				return { ok: false, reason: 'not_found' };
			if (db.prepare('select 1 from users where phone = ?').get(input.phone))
				return { ok: false, reason: 'phone_taken' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into users (township_id, role, name, phone, position, password_hash, created_at)
					 values (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					input.townshipId,
					input.role,
					input.name,
					input.phone,
					input.position,
					input.passwordHash ?? null,
					ctx.now.toISOString()
				);
			const account = findAccount(db, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'account.created',
				subjectType: 'user',
				subjectId: account.id,
				after: { ...auditView(account), townshipId: input.townshipId, position: input.position }
			});
			return { ok: true, account };
		}
	}) as CreateTownshipAccountResult;
}

export type OpenTownshipAccountResult =
	| { ok: true; account: Account; activationCode: string; expiresAt: number }
	| Exclude<CreateTownshipAccountResult, { ok: true }>;

/**
 * The administrator's form: the account and its first activation code in one transaction, so no
 * account is left without a way to sign in.
 */
export function openTownshipAccount(
	db: Db,
	actorId: number,
	input: { townshipId: number; role: TownshipRole; name: string; phone: string; position: string }
): OpenTownshipAccountResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId: null,
		may: () => isSystemAdminNow(db, { userId: actorId }),
		run: (): OpenTownshipAccountResult => {
			const created = createTownshipAccount(db, actorId, input);
			if (!created.ok) return created;
			const code = issueActivationCode(db, actorId, created.account.id);
			if (!code.ok) throw new Error(`the new township login's code was refused: ${code.reason}`);
			return {
				ok: true,
				account: created.account,
				activationCode: code.code,
				expiresAt: code.expiresAt
			};
		}
	}) as OpenTownshipAccountResult;
}

/** The township's staff accounts, officials first. */
export const listTownshipAccounts = (db: Db, townshipId: number): TownshipAccount[] =>
	(
		db
			.prepare(
				`select id, township_id, role, name, phone, position, disabled_at from users
				 where township_id = ? order by role, name, id`
			)
			.all(townshipId) as {
			id: number;
			township_id: number;
			role: TownshipRole;
			name: string;
			phone: string;
			position: string;
			disabled_at: string | null;
		}[]
	).map((r) => ({
		id: r.id,
		townshipId: r.township_id,
		role: r.role,
		name: r.name,
		phone: r.phone,
		position: r.position,
		disabled: r.disabled_at !== null
	}));
