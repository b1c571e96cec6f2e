import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from '../auth/session';
import { getDb } from '../db';
import { isMemberOf, isSupervisorOn, isTownshipStaff, isVillageStaff } from '../permissions';
import { todayInChina } from '../calendar/dates';
import { findVillageBySlug, type Village } from './villages';

/** The village named in the URL, or a 404 page. */
export function villageFromSlug(slug: string): Village {
	const village = findVillageBySlug(getDb(), slug);
	if (!village) error(404, m.error_not_found());
	return village;
}

export type VillageEvent = Pick<RequestEvent, 'locals' | 'url'> & { params: { village?: string } };

/** The village in the URL and the signed-in user, if `allowed`; others sign in or are refused. */
function requireVillageUser(
	event: VillageEvent,
	allowed: (user: SessionUser, village: Village) => boolean
): { village: Village; user: SessionUser } {
	const village = villageFromSlug(event.params.village ?? '');
	const user = event.locals.user;
	if (!user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!allowed(user, village)) error(403, m.error_forbidden());
	return { village, user };
}

/** The village and its clerk or branch secretary: call it first in every staff load and action. */
export const requireStaff = (event: VillageEvent) => requireVillageUser(event, isVillageStaff);

/** The village and a member of it (any role). */
export const requireMember = (event: VillageEvent) => requireVillageUser(event, isMemberOf);

/**
 * The village and a member of its supervision committee today: the committee's workspace. Staff
 * who are not on it are refused like anyone else (组织法 2026 art. 37 keeps the two apart).
 */
export const requireSupervisor = (event: VillageEvent) =>
	requireVillageUser(
		event,
		(user, village) =>
			isMemberOf(user, village) &&
			isSupervisorOn(getDb(), village.id, user.personId, todayInChina())
	);

/**
 * A township official or reviewer, signed in: the township's desk (/township). Anyone else is sent
 * to sign in or refused.
 */
export function requireTownship(event: Pick<RequestEvent, 'locals' | 'url'>): {
	user: SessionUser;
	townshipId: number;
} {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!isTownshipStaff(user) || user.townshipId === null) error(403, m.error_forbidden());
	return { user, townshipId: user.townshipId };
}

/**
 * A village of the township the signed-in township staff serve, named in the URL: another
 * township's village is not found.
 */
export function townshipVillage(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	slug: string
): { user: SessionUser; townshipId: number; village: Village } {
	const { user, townshipId } = requireTownship(event);
	const village = findVillageBySlug(getDb(), slug);
	if (!village || village.townshipId !== townshipId) error(404, m.error_not_found());
	return { user, townshipId, village };
}

/** A positive whole number from a form or query value, or null. */
export function idParam(value: string | null | undefined): number | null {
	if (!value || !/^\d{1,15}$/.test(value)) return null;
	const n = Number(value);
	return n > 0 ? n : null;
}
