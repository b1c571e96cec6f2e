import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE } from '../seed/demo-meetings';
import { seedDemoMeetings } from '../seed/demo-meetings';
import { closeMeeting } from '../procedure/closing';
import { openMeeting } from './notice';
import { currentCheckinCode, normalizeCheckinCode, verifyCheckinCode } from './checkin';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const T0 = new Date('2026-11-27T01:30:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

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
	it('is 10 base32 characters and changes every minute', () => {
		const { today } = meetings();
		const codes = [0, 1, 2, 3].map((n) => currentCheckinCode(db, today, minutes(n)));
		for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{10}$/);
		expect(new Set(codes).size).toBe(4);
		// Within one minute the code stays the same.
		expect(currentCheckinCode(db, today, new Date(T0.getTime() + 59_000))).toBe(codes[0]);
	});

	it.each([
		{ shownAt: 0, usedAt: 0, accepted: true, why: 'the current minute' },
		{ shownAt: 0, usedAt: 1, accepted: true, why: 'the previous minute' },
		{ shownAt: 0, usedAt: 2, accepted: false, why: 'two minutes old' },
		{ shownAt: 0, usedAt: 30, accepted: false, why: 'half an hour old' },
		{ shownAt: 1, usedAt: 0, accepted: false, why: 'a future minute' }
	])('a code from $why: accepted = $accepted', ({ shownAt, usedAt, accepted }) => {
		const { today } = meetings();
		const code = currentCheckinCode(db, today, minutes(shownAt))!;
		expect(verifyCheckinCode(db, today, code, minutes(usedAt))).toBe(accepted);
	});

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
});
