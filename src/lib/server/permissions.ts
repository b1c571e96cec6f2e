// Who may do what, as small named predicates. Every load and action asks one of these itself;
// a layout guard alone protects nothing.
import type { SessionUser } from './auth/session';
import type { Village } from './villages/villages';

type User = Pick<SessionUser, 'id' | 'role' | 'villageId'> | null;

export const isSystemAdmin = (user: User): boolean => user?.role === 'admin';

/** A member of this village (any role). System administrators are not village members. */
export const isMemberOf = (user: User, village: Pick<Village, 'id'>): boolean =>
	user !== null && user.role !== 'admin' && user.villageId === village.id;

/** Clerk (文书) or branch secretary (党支部书记) of this village. */
export const isVillageStaff = (user: User, village: Pick<Village, 'id'>): boolean =>
	isMemberOf(user, village) && (user!.role === 'clerk' || user!.role === 'secretary');

export const canCreateVillage = isSystemAdmin;
export const canManageAccounts = isVillageStaff;
export const canReadVillagePrivate = isMemberOf;

/** Calls, runs and closes meetings; records attendance, speeches, hands and paper ballots. */
export const canRunMeetings = isVillageStaff;
