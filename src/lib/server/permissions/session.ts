// What a page may show: checks of the signed-in session, made by loads and layouts. A domain
// command checks again, inside its transaction, against the live account (village.ts).
import { isTownshipRole, type SessionUser } from '../auth/session';
import type { Village } from '../villages/villages';

type User = Pick<SessionUser, 'id' | 'role' | 'villageId'> | null;
type TownshipUser = Pick<SessionUser, 'id' | 'role' | 'townshipId'> | null;

export const isSystemAdmin = (user: User): boolean => user?.role === 'admin';

/** A member of this village (any role). System administrators are not village members. */
export const isMemberOf = (user: User, village: Pick<Village, 'id'>): boolean =>
	user !== null && user.role !== 'admin' && user.villageId === village.id;

/** A staff role: the clerk (文书) or the branch secretary (党支部书记), of whichever village. */
export const isStaffRole = (role: SessionUser['role']): boolean =>
	role === 'clerk' || role === 'secretary';

/** Clerk or branch secretary of this village. */
export const isVillageStaff = (user: User, village: Pick<Village, 'id'>): boolean =>
	isMemberOf(user, village) && isStaffRole(user!.role);

/** Township staff (an official or a reviewer) of whichever township. */
export const isTownshipStaff = (user: TownshipUser): boolean =>
	user !== null && isTownshipRole(user.role) && user.townshipId !== null;

/** Township staff of the township this village belongs to: they read it, and act on the township's part. */
export const isTownshipStaffOf = (
	user: TownshipUser,
	village: Pick<Village, 'townshipId'>
): boolean =>
	isTownshipStaff(user) && village.townshipId !== null && user!.townshipId === village.townshipId;

/** A township official (乡镇干部) of this village's township: invited to meetings, answers referrals. */
export const isTownshipOfficialOf = (
	user: TownshipUser,
	village: Pick<Village, 'townshipId'>
): boolean => isTownshipStaffOf(user, village) && user!.role === 'township_official';
