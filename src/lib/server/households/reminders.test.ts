// The reminder sweep off the request path: the server's timer sweeps every village at startup and
// then on an interval, and a sweep repeated on the same deadlines queues nothing new.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { caseIn, caseWorld } from '../services/test-helpers';
import {
	queueDueReminders,
	queueRemindersOfAllVillages,
	reminderInterval,
	startReminderSweep
} from './reminders';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China
const messages = () => db.prepare('select count(*) from messages').pluck().get() as number;
const villagesWithReminders = () =>
	db
		.prepare(
			`select distinct v.slug from messages m join villages v on v.id = m.village_id
			 where m.kind in ('case_overdue', 'visit_due') order by v.slug`
		)
		.pluck()
		.all() as string[];

afterEach(() => {
	vi.useRealTimers();
});

describe('queueRemindersOfAllVillages', () => {
	it('queues what each village’s own sweep would, in every village, once', async () => {
		const w = caseWorld(db);
		caseIn(db, w, 'dispatched', { now: at('2026-11-02') });
		// 湖东村 gets a contact member too, a visit owed since November.
		const hudong = db.prepare("select id from villages where slug = 'hudong'").pluck().get();
		const [household, person] = db
			.prepare(
				`select h.id, p.id from households h join people p on p.household_id = h.id
				 where h.village_id = ? order by h.id, p.id limit 1`
			)
			.raw()
			.get(hudong) as [number, number];
		db.prepare(
			`insert into household_contacts (village_id, household_id, person_id, start_date, assigned_by_user_id)
			 values (?, ?, ?, '2026-11-01', ?)`
		).run(hudong, household, person, w.clerk.userId);
		const villages = db.prepare('select id from villages order by id').pluck().all() as number[];
		expect(villages.length).toBeGreaterThan(1);
		const before = messages();
		const queued = await queueRemindersOfAllVillages(db, () => '2026-12-01');
		expect(queued).toBeGreaterThan(0);
		expect(messages()).toBe(before + queued);
		expect(villagesWithReminders()).toEqual(['hudong', 'xinyang']);
		for (const id of villages) expect(queueDueReminders(db, id, '2026-12-01')).toBe(0);
		expect(await queueRemindersOfAllVillages(db, () => '2026-12-02')).toBe(0);
	});
});

describe('startReminderSweep', () => {
	it('sweeps at startup without waiting for the first interval, and never on a page view', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(at('2026-12-01'));
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched', { now: at('2026-11-02') });
		const overdue = () =>
			db
				.prepare("select count(*) from messages where kind = 'case_overdue' and subject_id = ?")
				.pluck()
				.get(c.id) as number;
		expect(overdue()).toBe(0);
		const timer = startReminderSweep(db, 3_600_000);
		try {
			await vi.waitFor(() => expect(overdue()).toBe(1));
			expect(queueDueReminders(db, demoVillageId(db), '2026-12-01')).toBe(0);
		} finally {
			clearInterval(timer);
		}
	});
});

describe('reminderInterval', () => {
	it.each([
		[undefined, 15],
		['5', 5],
		['0', 15],
		['2.5', 15],
		['soon', 15]
	])('REMINDER_SWEEP_MINUTES=%s sweeps every %i minutes', (value, minutes) => {
		expect(reminderInterval({ REMINDER_SWEEP_MINUTES: value })).toBe(minutes * 60_000);
	});
});
