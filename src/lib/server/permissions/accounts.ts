// Who may hand out or take away a login. One rule for every path that creates an account, issues
// an activation code (which sets a password) or disables one: the accounts page, the grid
// activation sheet, the administrator's new village.
import type { Db } from '../db';
import { isTownshipRole, type Role } from '../auth/session';

interface Login {
	id?: number;
	role: Role;
	villageId: number | null;
}

/** Above the village's staff, the system administrator; above a clerk, the branch secretary. */
export const ACCOUNT_RANK: Record<Role, number> = {
	villager: 0,
	township_official: 0,
	township_reviewer: 0,
	clerk: 1,
	secretary: 2,
	admin: 3
};

/**
 * Whether `actor` may create `target`, issue it an activation code, disable or enable it: only an
 * account of the actor's village ranked below the actor. The branch secretary also manages
 * secretary logins (the outgoing secretary hands over to the successor); the administrator, who
 * belongs to no village, manages those of every village (a new village's first clerk). Nobody
 * manages their own login: a code for oneself would set a new password without the current one.
 * Administrator logins are made by the operator, never through the app.
 */
export function mayManageAccount(actor: Required<Login>, target: Login): boolean {
	if (target.id === actor.id || target.role === 'admin') return false;
	// Township staff serve every village of their township: only the administrator manages them.
	if (isTownshipRole(target.role)) return actor.role === 'admin';
	if (target.villageId === null) return false;
	if (actor.role === 'admin') return true;
	if (actor.villageId !== target.villageId) return false;
	return (
		ACCOUNT_RANK[target.role] < ACCOUNT_RANK[actor.role] ||
		(actor.role === 'secretary' && target.role === 'secretary')
	);
}

/**
 * The same rule asked inside a command's transaction, of the actor's live account (a login
 * disabled or demoted a moment ago manages nothing). A null actor is the system itself: the
 * demo seed, which no request can reach.
 */
export function mayManageAccountNow(db: Db, actorId: number | null, target: Login): boolean {
	if (actorId === null) return true;
	const actor = db
		.prepare(
			'select id, role, village_id as villageId from users where id = ? and disabled_at is null'
		)
		.get(actorId) as Required<Login> | undefined;
	return !!actor && mayManageAccount(actor, target);
}

/** The account roles this actor may create, for the form's choices. */
export const grantableRoles = (actor: Required<Login>): Role[] =>
	(['villager', 'clerk', 'secretary'] as const).filter((role) =>
		mayManageAccount(actor, { role, villageId: actor.villageId })
	);
