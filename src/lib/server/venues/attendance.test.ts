import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent } from './booking';
import { checkInToEvent, issueCheckinKey, recordAttendance } from './attendance';
import { findEvent } from './records';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const at = (local: string) => new Date(`${local}:00+08:00`);
const audits = (action: string) =>
	db.prepare('select count(*) from audit where action = ?').pluck().get(action) as number;

/** A lecture in the hall (capacity 120), 14:00–16:00, on 10 December unless told. */
function lecture(date = '2026-12-10'): number {
	const venueId = db
		.prepare("select id from venues where village_id = ? and name = '湖边议事厅'")
		.pluck()
		.get(village()) as number;
	const r = bookEvent(db, clerk(), village(), {
		venueId,
		kind: 'training',
		title: '法治讲座',
		date,
		startTime: '14:00',
		endTime: '16:00'
	});
	if (!r.ok) throw new Error(r.reason);
	return r.event.id;
}

const roles: [string, string, boolean][] = [
	['clerk', '13800000001', true],
	['secretary', '13800000002', true],
	['villager', '13800000003', false],
	['grid head', '13800000004', false],
	['representative', '13800000005', false],
	['supervisor', '13800000006', false],
	['administrator', '13900000000', false]
];
const as = (phone: string): Actor => demoActor(db, phone);

describe('recordAttendance', () => {
	it.each(roles)('%s (%s) may record a count: %s', (_, phone, may) => {
		const id = lecture();
		const r = recordAttendance(db, as(phone), village(), id, 40, { now: at('2026-12-10T16:00') });
		expect(r.ok).toBe(may);
		if (!may) expect(r).toEqual({ ok: false, reason: 'forbidden' });
		expect(findEvent(db, village(), id)!.attendance).toBe(may ? 40 : null);
	});

	it.each([
		['before the start', 40, '2026-12-10T13:59', 'not_started'],
		['negative', -1, '2026-12-10T16:00', 'bad_count'],
		['a fraction', 2.5, '2026-12-10T16:00', 'bad_count'],
		['over three times the 120 seats', 361, '2026-12-10T16:00', 'too_many']
	])('refuses a count %s and records nothing', (_, count, now, reason) => {
		const id = lecture();
		expect(recordAttendance(db, clerk(), village(), id, count, { now: at(now) })).toMatchObject({
			ok: false,
			reason
		});
		expect(findEvent(db, village(), id)!.attendance).toBeNull();
		expect(audits('hall_event.attendance_recorded')).toBe(0);
	});

	it('takes three times the seats exactly, and a recount replaces the first with both audited', () => {
		const id = lecture();
		const now = { now: at('2026-12-10T15:00') };
		expect(recordAttendance(db, clerk(), village(), id, 360, now)).toEqual({
			ok: true,
			attendance: 360,
			before: null
		});
		expect(recordAttendance(db, clerk(), village(), id, 36, now)).toEqual({
			ok: true,
			attendance: 36,
			before: 360
		});
		expect(findEvent(db, village(), id)).toMatchObject({
			attendance: 36,
			attendanceMethod: 'count'
		});
		const last = db
			.prepare(
				"select before, after from audit where action = 'hall_event.attendance_recorded' order by id desc limit 1"
			)
			.get() as { before: string; after: string };
		expect(JSON.parse(last.before)).toEqual({ attendance: 360, method: 'count' });
		expect(JSON.parse(last.after)).toEqual({ attendance: 36, method: 'count' });
	});

	it('refuses a cancelled event and one of another village', () => {
		const id = lecture();
		db.prepare("update hall_events set state = 'cancelled' where id = ?").run(id);
		const now = { now: at('2026-12-10T16:00') };
		expect(recordAttendance(db, clerk(), village(), id, 10, now)).toMatchObject({
			reason: 'cancelled'
		});
		expect(recordAttendance(db, clerk(), village(), 999_999, 10, now)).toMatchObject({
			reason: 'not_found'
		});
	});
});

describe('QR sign-in', () => {
	const villager = () => demoActor(db, '13800000003');
	const rep = () => demoActor(db, '13800000005');

	function opened(): { id: number; key: string } {
		const id = lecture();
		const r = issueCheckinKey(db, clerk(), village(), id, { now: at('2026-12-09T10:00') });
		if (!r.ok) throw new Error(r.reason);
		return { id, key: r.key };
	}

	it.each(roles)('%s (%s) may open sign-in: %s', (_, phone, may) => {
		const id = lecture();
		const r = issueCheckinKey(db, as(phone), village(), id, { now: at('2026-12-09T10:00') });
		expect(r.ok).toBe(may);
	});

	it('issues one unguessable key, kept out of the audit', () => {
		const { id, key } = opened();
		expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(issueCheckinKey(db, clerk(), village(), id, { now: at('2026-12-10T09:00') })).toEqual({
			ok: true,
			key
		});
		expect(audits('hall_event.checkin_key_issued')).toBe(1);
		const log = db.prepare('select group_concat(after) from audit').pluck().get() as string;
		expect(log).not.toContain(key);
		const other = issueCheckinKey(db, clerk(), village(), lecture('2026-12-11'), {
			now: at('2026-12-09T10:00')
		});
		expect(other.ok && other.key).not.toBe(key);
	});

	it('refuses to open sign-in for an event already past', () => {
		const id = lecture();
		expect(issueCheckinKey(db, clerk(), village(), id, { now: at('2026-12-11T08:00') })).toEqual({
			ok: false,
			reason: 'over'
		});
	});

	it('signs each villager in once; the second scan changes nothing and says so', () => {
		const { id, key } = opened();
		const now = { now: at('2026-12-10T14:05') };
		expect(checkInToEvent(db, villager(), village(), id, key, now)).toEqual({
			ok: true,
			already: false,
			attendance: 1
		});
		expect(checkInToEvent(db, villager(), village(), id, key, now)).toEqual({
			ok: true,
			already: true,
			attendance: 1
		});
		expect(checkInToEvent(db, rep(), village(), id, key, now)).toMatchObject({ attendance: 2 });
		expect(findEvent(db, village(), id)).toMatchObject({ attendance: 2, attendanceMethod: 'qr' });
		expect(audits('hall_event.checked_in')).toBe(2);
		expect(db.prepare('select count(*) from hall_event_checkins').pluck().get()).toBe(2);
	});

	it.each([
		['a wrong key', (k: string) => `${k.slice(0, -1)}x`, '2026-12-10T14:05', 'bad_key'],
		['an empty key', () => '', '2026-12-10T14:05', 'bad_key'],
		['the day before', (k: string) => k, '2026-12-09T23:59', 'not_today'],
		['the day after', (k: string) => k, '2026-12-11T00:00', 'not_today']
	])('refuses %s and counts nobody', (_, keyOf, now, reason) => {
		const { id, key } = opened();
		expect(checkInToEvent(db, villager(), village(), id, keyOf(key), { now: at(now) })).toEqual({
			ok: false,
			reason
		});
		expect(findEvent(db, village(), id)!.attendance).toBeNull();
	});

	it('refuses an event whose sign-in was never opened, and anyone not of the village', () => {
		const id = lecture('2026-12-11');
		const now = { now: at('2026-12-10T14:05') };
		expect(
			checkInToEvent(db, villager(), village(), id, 'anything', { now: at('2026-12-11T14:05') })
		).toMatchObject({ reason: 'bad_key' });
		const { id: open, key } = opened();
		expect(
			checkInToEvent(db, demoActor(db, '13900000000'), village(), open, key, now)
		).toMatchObject({ reason: 'forbidden' });
	});
});
