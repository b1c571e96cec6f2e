// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): after a right
// password or activation code, the browser keeps a random token and the server records that this
// token once signed in to this account. That browser may then try the account even while its
// address is over its budget of failures, because the budget is shared with everyone behind the
// same carrier NAT, an attacker included. The per-account delay still applies to it, and the
// record opens nothing else: the password is still asked for.
//
// Like sessions, the records are not audited: they describe a browser, not the village's affairs.
import { createHash } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { generateSessionToken } from './session';

export const DEVICE_COOKIE = 'device';
const DAY = 24 * 60 * 60 * 1000;
export const DEVICE_LIFETIME = 365 * DAY;
// A family shares a phone, and a villager changes phones: a few per account, the newest kept.
export const DEVICES_PER_ACCOUNT = 10;

const TOKEN = /^[a-z2-7]{32}$/;

function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Whether this browser's token once signed in to the account of this phone number. */
export function isTrustedDevice(
	db: Db,
	token: string | undefined,
	phone: string,
	now = Date.now()
): boolean {
	if (!token || !TOKEN.test(token)) return false;
	return (
		db
			.prepare(
				`select 1 from trusted_devices d join users u on u.id = d.user_id
				 where d.token_hash = ? and u.phone = ? and d.expires_at > ?`
			)
			.get(tokenHash(token), phone, now) !== undefined
	);
}

/**
 * Records a right answer from this browser for the account; returns the token for its cookie (the
 * browser's own when it has one, so one phone can hold several accounts).
 */
export function trustDevice(
	db: Db,
	token: string | undefined,
	userId: number,
	now = Date.now()
): string {
	const kept = token && TOKEN.test(token) ? token : generateSessionToken();
	db.transaction(() => {
		db.prepare(
			`insert into trusted_devices (token_hash, user_id, expires_at, created_at) values (?, ?, ?, ?)
			 on conflict (token_hash, user_id) do update set expires_at = excluded.expires_at`
		).run(tokenHash(kept), userId, now + DEVICE_LIFETIME, now);
		db.prepare(
			`delete from trusted_devices where user_id = ? and token_hash not in (
				select token_hash from trusted_devices where user_id = ? and expires_at > ?
				order by expires_at desc limit ?)`
		).run(userId, userId, now, DEVICES_PER_ACCOUNT);
	})();
	return kept;
}

export function setDeviceCookie(cookies: Cookies, token: string, secure: boolean): void {
	cookies.set(DEVICE_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		maxAge: DEVICE_LIFETIME / 1000
	});
}
