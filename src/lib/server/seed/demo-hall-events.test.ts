import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { publicCalendar } from '../venues/calendar';
import { seedDemo } from './demo';
import { DEMO_TODAY_EVENT_TITLE, DEMO_WEDDING_TITLE } from './demo-hall-events';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
});
afterAll(() => cleanup());

describe('the demo’s month of hall events', () => {
	it('books about twenty on the four venues, around today, past and upcoming', () => {
		const today = todayInChina();
		const events = db.prepare('select starts_at, venue_id, public from hall_events').all() as {
			starts_at: string;
			venue_id: number;
			public: number;
		}[];
		expect(events.length).toBeGreaterThanOrEqual(18);
		expect(new Set(events.map((e) => e.venue_id)).size).toBe(4);
		expect(events.some((e) => e.starts_at < today)).toBe(true);
		expect(events.some((e) => e.starts_at > addDays(today, 1))).toBe(true);
		expect(events.every((e) => e.starts_at >= addDays(today, -31))).toBe(true);
	});

	it('has attendance for past ones by count and by QR, and none for the future', () => {
		const methods = db
			.prepare(
				`select attendance_method as method, count(*) as n, sum(attendance) as people
				 from hall_events where attendance is not null group by attendance_method order by 1`
			)
			.all() as { method: string; n: number; people: number }[];
		expect(methods.map((m) => m.method)).toEqual(['count', 'qr']);
		const qr = db
			.prepare(
				"select e.attendance, (select count(*) from hall_event_checkins c where c.event_id = e.id) as rows from hall_events e where attendance_method = 'qr'"
			)
			.get() as { attendance: number; rows: number };
		expect(qr.attendance).toBe(qr.rows);
		expect(qr.rows).toBeGreaterThan(0);
		const future = db
			.prepare('select count(*) from hall_events where starts_at > ? and attendance is not null')
			.pluck()
			.get(`${todayInChina()}T23:59`);
		expect(future).toBe(0);
	});

	it('keeps the wedding off the public calendar, and lists today’s open day', () => {
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const today = todayInChina();
		const items = publicCalendar(db, village, addDays(today, -40), addDays(today, 40), {
			withCancelled: true
		});
		expect(
			db.prepare('select public from hall_events where title = ?').pluck().get(DEMO_WEDDING_TITLE)
		).toBe(0);
		expect(items.map((i) => i.title)).not.toContain(DEMO_WEDDING_TITLE);
		expect(items.find((i) => i.title === DEMO_TODAY_EVENT_TITLE)?.startsAt.slice(0, 10)).toBe(
			today
		);
	});
});
