// The hall screen's rotating sign-in code (签到码, docs/domain.md §5.5). Each meeting has its own
// random key; the code for a minute is an HMAC of the meeting and the minute, so the server needs
// no table of issued codes and a code photographed and sent home stops working a minute or two
// later.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '../db';
import { command } from '../command';
import type { Actor } from '../permissions/actor';

/** 10 base32 characters: 50 bits, short enough to read off a projector and type by hand. */
export const CHECKIN_CODE_LENGTH = 10;
const WINDOW_MS = 60_000;

const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS);

function codeFor(key: Buffer, meetingId: number, window: number): string {
	const mac = createHmac('sha256', key).update(`${meetingId}:${window}`).digest();
	return encodeBase32UpperCaseNoPadding(mac).slice(0, CHECKIN_CODE_LENGTH);
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
 * Is this the code the hall shows now, or showed in the minute before? Anything older, another
 * meeting's code, or garbage is refused. The comparison takes the same time whatever the input.
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
	let ok = false;
	for (const window of [w, w - 1]) {
		const expected = Buffer.from(codeFor(key, meetingId, window), 'utf8');
		// Both windows are always compared, so the timing does not tell which one matched.
		if (timingSafeEqual(expected, given)) ok = true;
	}
	return ok;
}
