// The checks a domain command makes inside its transaction, of the live account and the roster: a
// session read a moment ago may belong to a login disabled since, or a term that has ended.
import type { Db } from '../db';
import type { Actor } from './actor';

const STAFF: readonly string[] = ['clerk', 'secretary'];

function liveAccount(db: Db, userId: number) {
	return db
		.prepare('select role, village_id from users where id = ? and disabled_at is null')
		.get(userId) as { role: string; village_id: number | null } | undefined;
}

/** Any live login. */
export const isSignedInNow = (db: Db, actor: Pick<Actor, 'userId'>): boolean =>
	!!liveAccount(db, actor.userId);

/** The system administrator, live now. */
export const isSystemAdminNow = (db: Db, actor: Pick<Actor, 'userId'>): boolean =>
	liveAccount(db, actor.userId)?.role === 'admin';

/**
 * Township staff (an official or a reviewer, live now) of the township this village belongs to:
 * they read its records and act only on what is the township's (filings, referrals, attending).
 */
export function isTownshipStaffFor(
	db: Db,
	actor: Pick<Actor, 'userId'>,
	villageId: number,
	roles: readonly string[] = ['township_official', 'township_reviewer']
): boolean {
	const row = db
		.prepare(
			`select u.role from users u join villages v on v.township_id = u.township_id
			 where u.id = ? and u.disabled_at is null and v.id = ?`
		)
		.get(actor.userId, villageId) as { role: string } | undefined;
	return !!row && roles.includes(row.role);
}

/** A township official (乡镇干部, not a reviewer) of this village's township, live now. */
export const isTownshipOfficialFor = (db: Db, actor: Pick<Actor, 'userId'>, villageId: number) =>
	isTownshipStaffFor(db, actor, villageId, ['township_official']);

/** A live login of this village, whatever its role (administrators belong to no village). */
export const isMemberNow = (db: Db, actor: Pick<Actor, 'userId'>, villageId: number): boolean =>
	liveAccount(db, actor.userId)?.village_id === villageId;

/**
 * Staff of this village: the clerk or the branch secretary whose account is live now (a login
 * disabled a moment ago acts no more), in the role the session claims, when it claims one.
 */
export function isStaffOf(
	db: Db,
	actor: Pick<Actor, 'userId'> & Partial<Pick<Actor, 'role'>>,
	villageId: number
): boolean {
	if (actor.role !== undefined && !STAFF.includes(actor.role)) return false;
	const u = liveAccount(db, actor.userId);
	return !!u && STAFF.includes(u.role) && u.village_id === villageId;
}

/**
 * Staff of this village, by login id, for the commands that take one. A null actor is the system
 * itself (the demo seed, the roster fixture of the tests), which no request can be.
 */
export const isStaffOrSystem = (db: Db, actorId: number | null, villageId: number): boolean =>
	actorId === null || isStaffOf(db, { userId: actorId }, villageId);

/** A member of the village supervision committee (村务监督委员会) on that day. */
export function isSupervisorOn(db: Db, villageId: number, personId: number | null, date: string) {
	if (personId == null) return false;
	return !!db
		.prepare(
			`select 1 from roles where village_id = ? and person_id = ? and role = 'supervision_committee'
			 and start_date <= ? and (end_date is null or end_date >= ?)`
		)
		.get(villageId, personId, date, date);
}

/** Staff report on any implementation; the responsible person on their own. */
export const mayReportProgress = (
	db: Db,
	actor: Actor,
	villageId: number,
	impl: { responsiblePersonId: number | null }
): boolean =>
	isStaffOf(db, actor, villageId) ||
	(actor.personId != null && actor.personId === impl.responsiblePersonId);
