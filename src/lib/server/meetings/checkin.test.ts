import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE } from '../seed/demo-meetings';
import { seedDemoMeetings } from '../seed/demo-meetings';
import { closeMeeting } from '../procedure/closing';
import { openMeeting } from './notice';
import {
	CHECKIN_ALPHABET,
	checkinTargetOf,
	currentCheckinCode,
	normalizeCheckinCode,
	verifyCheckinCode
} from './checkin';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const T0 = new Date('2026-11-27T01:30:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

/** The demo village's two notified meetings (ready today, and two weeks ahead). */
function meetings(): { today: number; later: number } {
	seedDemoMeetings(db, demoVillageId(db), T0);
	const ids = db
		.prepare('select id, title, state from meetings where village_id = ? order by id')
		.all(demoVillageId(db)) as { id: number; title: string; state: string }[];
	return {
		today: ids.find((m) => m.title === DEMO_TODAY_MEETING_TITLE)!.id,
		// The other meeting still to be held (the demo's closed assembly takes no sign-ins).
		later: ids.find((m) => m.title !== DEMO_TODAY_MEETING_TITLE && m.state === 'notified')!.id
	};
}

describe('rotating sign-in code', () => {
	it('is 10 characters without look-alikes and changes every minute', () => {
		const { today } = meetings();
		const codes = [0, 1, 2, 3].map((n) => currentCheckinCode(db, today, minutes(n)));
		for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
		expect(new Set(codes).size).toBe(4);
		// Within one minute the code stays the same.
		expect(currentCheckinCode(db, today, new Date(T0.getTime() + 59_000))).toBe(codes[0]);
	});

	it('never shows 0/O, 1/I/L over a day of codes, and uses the whole alphabet', () => {
		const { today } = meetings();
		const seen = new Set<string>();
		for (let n = 0; n < 24 * 60; n += 3) {
			for (const ch of currentCheckinCode(db, today, minutes(n))!) seen.add(ch);
		}
		for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(seen.has(lookAlike)).toBe(false);
		expect([...seen].sort().join('')).toBe(CHECKIN_ALPHABET);
	});

	// T0 is 09:30 China time; a code is shown at `shownAt` seconds and typed at `usedAt`.
	it.each([
		{ shownAt: 0, usedAt: 0, accepted: true, why: 'at once' },
		{ shownAt: 0, usedAt: 240, accepted: true, why: 'four minutes later (slow sign-in)' },
		{ shownAt: 0, usedAt: 300, accepted: true, why: 'exactly five minutes later' },
		{ shownAt: 59, usedAt: 359, accepted: true, why: 'five minutes after the end of its minute' },
		{ shownAt: 0, usedAt: 359, accepted: true, why: 'five minutes 59 s, same window count' },
		{ shownAt: 0, usedAt: 360, accepted: false, why: 'six minutes later' },
		{ shownAt: 0, usedAt: 1800, accepted: false, why: 'half an hour later' },
		{ shownAt: 60, usedAt: 0, accepted: false, why: 'a future minute' }
	])('a code used $why: accepted = $accepted', ({ shownAt, usedAt, accepted }) => {
		const { today } = meetings();
		const code = currentCheckinCode(db, today, seconds(shownAt))!;
		expect(verifyCheckinCode(db, today, code, seconds(usedAt))).toBe(accepted);
	});

	it.each([
		{ shown: '2026-11-27T15:57:00Z', used: '2026-11-27T15:59:59Z', accepted: true },
		{ shown: '2026-11-27T15:58:00Z', used: '2026-11-27T16:00:00Z', accepted: false },
		{ shown: '2026-11-27T15:59:59Z', used: '2026-11-27T16:00:01Z', accepted: false },
		{ shown: '2026-11-27T16:00:00Z', used: '2026-11-27T16:04:00Z', accepted: true }
	])(
		'is bound to the day in China: shown $shown, used $used → $accepted',
		({ shown, used, accepted }) => {
			const { today } = meetings();
			const code = currentCheckinCode(db, today, new Date(shown))!;
			expect(verifyCheckinCode(db, today, code, new Date(used))).toBe(accepted);
		}
	);

	it("refuses another meeting's code", () => {
		const { today, later } = meetings();
		const other = currentCheckinCode(db, later, T0)!;
		currentCheckinCode(db, today, T0);
		expect(verifyCheckinCode(db, today, other, T0)).toBe(false);
		expect(verifyCheckinCode(db, later, other, T0)).toBe(true);
	});

	it.each(['', 'A', 'AAAAAAAAAA', '!!!!!!!!!!', '０１２３４５６７８９', 'x'.repeat(5000)])(
		'refuses garbage %#',
		(garbage) => {
			const { today } = meetings();
			currentCheckinCode(db, today, T0);
			expect(verifyCheckinCode(db, today, garbage, T0)).toBe(false);
		}
	);

	it('accepts the code typed in lower case with spaces and dashes', () => {
		const { today } = meetings();
		const code = currentCheckinCode(db, today, T0)!;
		const typed = `${code.slice(0, 5).toLowerCase()} - ${code.slice(5)}`;
		expect(normalizeCheckinCode(typed)).toBe(code);
		expect(verifyCheckinCode(db, today, typed, T0)).toBe(true);
	});

	it('makes one key per meeting, lazily, audited without the key, and none once closed', () => {
		const { today } = meetings();
		const keys = () =>
			(db.prepare('select count(*) as n from meeting_checkin_keys').get() as { n: number }).n;
		expect(keys()).toBe(0);
		expect(verifyCheckinCode(db, today, 'AAAAAAAAAA', T0)).toBe(false);
		expect(keys()).toBe(0);
		currentCheckinCode(db, today, T0);
		currentCheckinCode(db, today, minutes(1));
		expect(keys()).toBe(1);
		const audit = db
			.prepare("select after from audit where action = 'meeting.checkin_key_issued'")
			.all() as { after: string }[];
		expect(audit).toHaveLength(1);
		const key = (
			db.prepare('select key from meeting_checkin_keys').get() as { key: Buffer }
		).key.toString('hex');
		expect(audit[0].after).not.toContain(key);

		const clerk = demoActor(db, '13800000001');
		const v = demoVillageId(db);
		expect(openMeeting(db, clerk, v, today, { now: T0 }).ok).toBe(true);
		expect(currentCheckinCode(db, today, T0)).not.toBeNull();
		expect(closeMeeting(db, clerk, v, today, { confirmed: true, now: T0 }).ok).toBe(true);
		expect(currentCheckinCode(db, today, T0)).toBeNull();
	});

	it('has no code for a draft or a missing meeting', () => {
		expect(currentCheckinCode(db, 999_999, T0)).toBeNull();
		const draft = db
			.prepare(
				`insert into meetings (village_id, type, title, meeting_date, starts_at, rule_set_id, rule_json, created_by, created_at)
				 select village_id, type, '草稿', meeting_date, starts_at, rule_set_id, rule_json, created_by, created_at
				 from meetings where id = ?`
			)
			.run(meetings().today);
		expect(currentCheckinCode(db, Number(draft.lastInsertRowid), T0)).toBeNull();
	});

	it('names the meeting of a check-in link, and nothing for other paths', () => {
		const { today } = meetings();
		const target = checkinTargetOf(db, `/xinyang/meetings/${today}/checkin?c=ABCDE23456`);
		expect(target?.title).toBe(DEMO_TODAY_MEETING_TITLE);
		expect(target?.villageName).toBe(
			db.prepare("select name from villages where slug = 'xinyang'").pluck().get()
		);
		for (const path of [
			`/xinyang/meetings/${today}`,
			`/xinyang/meetings/${today}/checkinx`,
			`/other/meetings/${today}/checkin`,
			`/xinyang/meetings/999999/checkin`,
			`//evil/xinyang/meetings/${today}/checkin`,
			''
		])
			expect(checkinTargetOf(db, path), path).toBeNull();
	});
});
