// Sessions after Lucia's published design: the cookie carries a random token, the database only
// its SHA-256, so a dumped sessions table cannot be replayed.
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
// Extend when less than half the lifetime is left, so active users stay in with few writes.
const RENEW_WHEN_LEFT = 15 * DAY;

export type Role =
	| 'admin'
	| 'clerk'
	| 'secretary'
	| 'villager'
	// 乡镇干部 and 乡镇审核人员: staff of a township, read-only across its villages.
	| 'township_official'
	| 'township_reviewer';

export const TOWNSHIP_ROLES = ['township_official', 'township_reviewer'] as const;
export type TownshipRole = (typeof TOWNSHIP_ROLES)[number];
export const isTownshipRole = (role: string): role is TownshipRole =>
	(TOWNSHIP_ROLES as readonly string[]).includes(role);

export interface SessionUser {
	id: number;
	villageId: number | null;
	// The person on the village roster this login belongs to, if any.
	personId: number | null;
	villageSlug: string | null;
	// The township a township official or reviewer serves; null for everyone else.
	townshipId: number | null;
	role: Role;
	name: string;
	phone: string;
}

export interface Session {
	id: string;
	userId: number;
	expiresAt: number;
}

export type SessionValidation =
	| { session: Session; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20); // 160 bits
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, token: string, userId: number, now = Date.now()): Session {
	const session = { id: sessionIdFromToken(token), userId, expiresAt: now + SESSION_LIFETIME };
	db.prepare('insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)').run(
		session.id,
		userId,
		session.expiresAt,
		now
	);
	return session;
}

interface SessionRow {
	id: string;
	user_id: number;
	expires_at: number;
	village_id: number | null;
	village_slug: string | null;
	township_id: number | null;
	person_id: number | null;
	role: Role;
	name: string;
	phone: string;
	disabled_at: string | null;
}

export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidation {
	if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, user: null, renewed: false };
	const id = sessionIdFromToken(token);
	const row = db
		.prepare(
			`select s.id, s.user_id, s.expires_at, u.village_id, v.slug as village_slug, u.township_id, u.person_id, u.role, u.name, u.phone, u.disabled_at
			 from sessions s join users u on u.id = s.user_id left join villages v on v.id = u.village_id
			 where s.id = ?`
		)
		.get(id) as SessionRow | undefined;
	if (!row) return { session: null, user: null, renewed: false };
	if (now >= row.expires_at || row.disabled_at) {
		db.prepare('delete from sessions where id = ?').run(id);
		return { session: null, user: null, renewed: false };
	}
	let expiresAt = row.expires_at;
	let renewed = false;
	if (expiresAt - now < RENEW_WHEN_LEFT) {
		expiresAt = now + SESSION_LIFETIME;
		db.prepare('update sessions set expires_at = ? where id = ?').run(expiresAt, id);
		renewed = true;
	}
	return {
		session: { id, userId: row.user_id, expiresAt },
		user: {
			id: row.user_id,
			villageId: row.village_id,
			villageSlug: row.village_slug,
			townshipId: row.township_id,
			personId: row.person_id,
			role: row.role,
			name: row.name,
			phone: row.phone
		},
		renewed
	};
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.prepare('delete from sessions where id = ?').run(sessionId);
}

export function invalidateUserSessions(db: Db, userId: number): void {
	db.prepare('delete from sessions where user_id = ?').run(userId);
}

export function deleteExpiredSessions(db: Db, now = Date.now()): number {
	return db.prepare('delete from sessions where expires_at <= ?').run(now).changes;
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: number,
	secure: boolean
): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
