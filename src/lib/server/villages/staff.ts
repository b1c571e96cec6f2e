import type { Db } from '../db';

/**
 * Staff of this village, asked inside a domain command's transaction: the clerk or the branch
 * secretary whose account is live now (a login disabled a moment ago acts no more).
 */
export function isStaffOf(
	db: Db,
	actor: { userId: number; role: string },
	villageId: number
): boolean {
	if (actor.role !== 'clerk' && actor.role !== 'secretary') return false;
	const u = db
		.prepare('select village_id from users where id = ? and disabled_at is null')
		.get(actor.userId) as { village_id: number | null } | undefined;
	return u?.village_id === villageId;
}
