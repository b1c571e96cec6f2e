// The actor of a verb that is handed only a login id (accounts, roster, villages, notices): the
// command's audit entry needs an Actor, while the verb's own checks ask about the live login.
import type { Db } from '../db';
import type { Role } from '../auth/session';
import type { Actor } from './actor';

/**
 * The login as an Actor; null is the system itself (the demo seed). An id with no account still
 * names who asked, with no rights: every check of such a verb refuses it.
 */
export function actorOfLogin(db: Db, userId: number | null): Actor | null {
	if (userId === null) return null;
	const row = db.prepare('select person_id, role from users where id = ?').get(userId) as
		{ person_id: number | null; role: Role } | undefined;
	return { userId, personId: row?.person_id ?? null, role: row?.role ?? 'villager' };
}
