import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent, type BookEventInput } from './booking';
import { meetingSpan, overlaps } from './clash';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');

/** A venue of its own, so the demo's venues and their bookings do not get in the way. */
function venue(name = '测试会场'): number {
	return Number(
		db
			.prepare(
				`insert into venues (village_id, name, capacity, created_at) values (?, ?, 80, '2026-01-01T00:00:00Z')`
			)
			.run(village(), name).lastInsertRowid
	);
}

const film = (venueId: number, over: Partial<BookEventInput> = {}): BookEventInput => ({
	venueId,
	kind: 'film',
	title: '露天电影',
	date: '2026-10-10',
	startTime: '19:00',
	endTime: '21:00',
	...over
});

describe('overlaps', () => {
	it.each([
		['same span', ['T10:00', 'T12:00'], ['T10:00', 'T12:00'], true],
		['one inside the other', ['T09:00', 'T13:00'], ['T10:00', 'T11:00'], true],
		['overlapping end', ['T09:00', 'T10:30'], ['T10:00', 'T12:00'], true],
		['touching ends', ['T09:00', 'T10:00'], ['T10:00', 'T12:00'], false],
		['apart', ['T08:00', 'T09:00'], ['T10:00', 'T12:00'], false]
	])('%s', (_, a, b, expected) => {
		const d = '2026-10-10';
		const span = (x: string[]) => ({ startsAt: d + x[0], endsAt: d + x[1] });
		expect(overlaps(span(a), span(b))).toBe(expected);
		expect(overlaps(span(b), span(a))).toBe(expected);
	});
});

describe('meetingSpan', () => {
	it.each([
		['start and end', '09:00', '11:30', ['09:00', '11:30']],
		['no end: two hours', '09:00', '', ['09:00', '11:00']],
		['end before start: two hours', '09:00', '08:00', ['09:00', '11:00']],
		['late start: not past the day', '23:00', '', ['23:00', '23:59']],
		['no start: the whole day', '', '', ['00:00', '23:59']]
	])('%s', (_, startsAt, endsAt, [s, e]) => {
		expect(meetingSpan({ meetingDate: '2026-10-10', startsAt, endsAt })).toEqual({
			startsAt: `2026-10-10T${s}`,
			endsAt: `2026-10-10T${e}`
		});
	});
});

describe('bookEvent', () => {
	it('books, audits, and refuses a second use of the same time, naming the first', () => {
		const v = venue();
		const first = bookEvent(db, clerk(), village(), film(v));
		expect(first.ok).toBe(true);
		const audits = db
			.prepare("select count(*) from audit where action = 'hall_event.booked'")
			.pluck()
			.get();
		expect(audits).toBe(1);
		const second = bookEvent(
			db,
			clerk(),
			village(),
			film(v, { title: '培训', kind: 'training', startTime: '20:00', endTime: '22:00' })
		);
		expect(second).toMatchObject({
			ok: false,
			reason: 'clash',
			clash: { kind: 'event', title: '露天电影' }
		});
		expect(db.prepare('select count(*) from hall_events').pluck().get()).toBe(1);
		// Another venue, or the end of the first, is free.
		expect(bookEvent(db, clerk(), village(), film(venue('书屋'))).ok).toBe(true);
		expect(
			bookEvent(db, clerk(), village(), film(v, { startTime: '21:00', endTime: '22:00' })).ok
		).toBe(true);
	});

	it.each([
		['bad kind', { kind: 'party' }, 'bad_kind'],
		['empty title', { title: '  ' }, 'bad_title'],
		['bad date', { date: '2026-02-30' }, 'bad_date'],
		['bad time', { startTime: '25:00' }, 'bad_time'],
		['ends before it starts', { startTime: '21:00', endTime: '20:00' }, 'ends_before_start'],
		['wedding without household', { kind: 'wedding' }, 'household_needed'],
		['unknown venue', { venueId: 999999 }, 'no_venue']
	])('refuses %s and books nothing', (_, over, reason) => {
		const v = venue();
		expect(
			bookEvent(db, clerk(), village(), film(v, over as Partial<BookEventInput>))
		).toMatchObject({ ok: false, reason });
		expect(db.prepare('select count(*) from hall_events').pluck().get()).toBe(0);
	});

	it('is staff-only', () => {
		expect(bookEvent(db, villager(), village(), film(venue()))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('keeps a private use off the public calendar', () => {
		const household = db
			.prepare('select id from households where village_id = ? limit 1')
			.pluck()
			.get(village()) as number;
		const r = bookEvent(
			db,
			clerk(),
			village(),
			film(venue(), { kind: 'wedding', title: '简办婚事', householdId: household })
		);
		expect(r.ok && r.event.public).toBe(false);
	});
});
