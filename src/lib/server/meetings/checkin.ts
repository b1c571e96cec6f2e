// The hall screen's rotating sign-in code (签到码, docs/domain.md §5.5). Each meeting has its own
// random key; the code for a minute is an HMAC of the meeting and the minute, so the server needs
// no table of issued codes. A code stays good for five minutes, long enough to scan and then sign
// in on a slow phone, and only on the day it was shown: one sent home stops working soon after.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions/actor';
import { todayInChina } from '../calendar/dates';

/**
 * Digits and capitals without the look-alikes a projector or a hand-typed code confuses: no 0/O,
 * no 1/I/L (a typed lower-case l is upper-cased to L, so L goes too).
 */
export const CHECKIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 10 characters of 31: 49 bits, short enough to read off a projector and type by hand. */
export const CHECKIN_CODE_LENGTH = 10;
const WINDOW_MS = 60_000;
/**
 * A code shown at the very end of its minute is still accepted five full minutes later, so the
 * verifier looks back over this many earlier minutes besides the current one.
 */
export const CHECKIN_VALID_MINUTES = 5;

const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS);
const dayOfWindow = (window: number) => todayInChina(new Date(window * WINDOW_MS));

function codeFor(key: Buffer, meetingId: number, window: number): string {
	const mac = createHmac('sha256', key).update(`${meetingId}:${window}`).digest();
	// 256 bits read as one number give 10 digits in base 31 with no measurable bias.
	let n = BigInt(`0x${mac.toString('hex')}`);
	const base = BigInt(CHECKIN_ALPHABET.length);
	let code = '';
	for (let i = 0; i < CHECKIN_CODE_LENGTH; i++) {
		code += CHECKIN_ALPHABET[Number(n % base)];
		n /= base;
	}
	return code;
}

function keyOf(db: Db, meetingId: number): Buffer | null {
	const row = db
		.prepare('select key from meeting_checkin_keys where meeting_id = ?')
		.get(meetingId) as { key: Buffer } | undefined;
	return row?.key ?? null;
}

/**
 * The code to show in the hall now. The key is made the first time it is asked for, and only while
 * the meeting is notified or open: a draft or a closed meeting has no code (null).
 */
export function currentCheckinCode(
	db: Db,
	meetingId: number,
	now: Date = new Date(),
	options: { actor?: Actor | null } = {}
): string | null {
	const isLive = (state: string | undefined) => state === 'notified' || state === 'open';
	// The hall asks every few seconds: once the key exists, reading it needs no write lock.
	const known = db
		.prepare(
			'select m.village_id, m.state, k.key from meetings m left join meeting_checkin_keys k on k.meeting_id = m.id where m.id = ?'
		)
		.get(meetingId) as { village_id: number; state: string; key: Buffer | null } | undefined;
	if (!known || !isLive(known.state)) return null;
	if (known.key) return codeFor(known.key, meetingId, windowOf(now));
	const key = command(db, {
		actor: options.actor ?? null,
		villageId: known.village_id,
		now,
		load: () =>
			db.prepare('select state from meetings where id = ?').pluck().get(meetingId) as
				string | undefined,
		run: (state, ctx): Buffer | null => {
			if (!isLive(state)) return null;
			const existing = keyOf(db, meetingId);
			if (existing) return existing;
			const fresh = randomBytes(32);
			db.prepare('insert into meeting_checkin_keys (meeting_id, key) values (?, ?)').run(
				meetingId,
				fresh
			);
			// The key itself never enters the log: anyone reading the log could mint codes.
			ctx.audit({
				action: 'meeting.checkin_key_issued',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { created: true }
			});
			return fresh;
		}
	});
	return Buffer.isBuffer(key) ? codeFor(key, meetingId, windowOf(now)) : null;
}

/** Typed codes come with spaces, dashes and lower case; the screen shows upper case only. */
export function normalizeCheckinCode(code: string): string {
	return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Is this a code the hall showed for this meeting within the last five minutes, on this same day
 * (China time)? Anything older, from yesterday, another meeting's code, or garbage is refused.
 * Every window is compared, so the timing does not tell which one matched.
 */
export function verifyCheckinCode(
	db: Db,
	meetingId: number,
	code: string,
	now: Date = new Date()
): boolean {
	const given = Buffer.from(normalizeCheckinCode(code), 'utf8');
	if (given.length !== CHECKIN_CODE_LENGTH) return false;
	const key = keyOf(db, meetingId);
	if (!key) return false;
	const w = windowOf(now);
	const today = dayOfWindow(w);
	let ok = false;
	for (let window = w - CHECKIN_VALID_MINUTES; window <= w; window++) {
		const expected = Buffer.from(codeFor(key, meetingId, window), 'utf8');
		if (timingSafeEqual(expected, given) && dayOfWindow(window) === today) ok = true;
	}
	return ok;
}

/**
 * The meeting a check-in link names, for the login page that the scan led to: it says what the
 * person is signing in for. Only a live meeting's check-in path counts; any other path gives null.
 */
export function checkinTargetOf(
	db: Db,
	path: string
): { title: string; villageName: string; meetingDate: string; startsAt: string } | null {
	const match = /^\/([a-z0-9-]{1,64})\/meetings\/(\d{1,15})\/checkin(?:[?#]|$)/.exec(path);
	if (!match) return null;
	const row = db
		.prepare(
			`select m.title, v.name as villageName, m.meeting_date as meetingDate, m.starts_at as startsAt
			 from meetings m join villages v on v.id = m.village_id
			 where v.slug = ? and m.id = ? and m.state in ('notified', 'open')`
		)
		.get(match[1], Number(match[2])) as
		{ title: string; villageName: string; meetingDate: string; startsAt: string } | undefined;
	return row ?? null;
}
