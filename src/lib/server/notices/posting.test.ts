import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, rerunMigration } from '../db/test-db';
import type { Db } from '../db';
import { rosterFixture } from '../roster/test-fixture';
import { getVillageSettings, updateVillageSettings } from '../villages/settings';
import { postNotice } from './notices';
import { postingFloorOn } from './posting';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China

describe('the posting floor, by posting day', () => {
	it.each([
		['2019-06-01', 5],
		['2025-12-31', 5],
		['2026-01-01', 15],
		['2026-12-05', 15]
	])('%s → %i days', (date, days) => {
		expect(postingFloorOn(date).days).toBe(days);
	});

	it('names its source', () => {
		expect(postingFloorOn('2026-01-01').source).toContain('第三十五条');
	});
});

describe('postNotice keeps the floor of its day whatever the village stored', () => {
	it.each([
		// A village setting of 10 days, saved under the 2018 law (no migration ran on this row).
		[10, '2025-12-30', '2026-01-09'],
		[10, '2025-12-31', '2026-01-10'],
		[10, '2026-01-01', '2026-01-16'],
		[20, '2026-03-02', '2026-03-22']
	])('setting %i, posted %s → posted until %s', (stored, day, until) => {
		const v = rosterFixture(db);
		db.prepare(
			"update villages set settings = json_set(settings, '$.noticeDays', ?) where id = ?"
		).run(stored, v.villageId);
		const r = postNotice(
			db,
			v.clerkId,
			v.villageId,
			{ kind: 'general', title: '公告', body: '正文' },
			{
				now: at(day)
			}
		);
		expect(r).toMatchObject({ ok: true, notice: { postedOn: day, postedUntil: until } });
	});
});

describe('the village setting is refused below the floor of the day it is saved', () => {
	it.each([
		['2025-12-31', 10, { ok: true }],
		['2026-01-01', 15, { ok: true }],
		['2026-01-01', 14, { ok: false, reason: 'notice_days_below_law', days: 15 }],
		['2026-12-05', 10, { ok: false, reason: 'notice_days_below_law', days: 15 }],
		['2026-12-05', 4, { ok: false, reason: 'notice_days' }]
	])('on %s, %i days → %j', (day, noticeDays, result) => {
		const v = rosterFixture(db);
		const before = getVillageSettings(db, v.villageId);
		const audit = db.prepare('select count(*) from audit').pluck().get();
		const r = updateVillageSettings(
			db,
			v.clerkId,
			v.villageId,
			{ triageDays: 7, holidays: [], oneShoulder: true, noticeDays },
			{ now: at(day) }
		);
		expect(r).toMatchObject(result);
		if (!r.ok) {
			expect(getVillageSettings(db, v.villageId)).toEqual(before);
			expect(db.prepare('select count(*) from audit').pluck().get()).toBe(audit);
		} else expect(getVillageSettings(db, v.villageId).noticeDays).toBe(noticeDays);
	});

	it('defaults to the 2026 floor of 15 days', () => {
		const v = rosterFixture(db);
		expect(getVillageSettings(db, v.villageId).noticeDays).toBe(15);
	});
});

describe('migration 012', () => {
	it('raises a stored posting period below 15 days to 15 and leaves longer ones', () => {
		const a = rosterFixture(db, 'aaa');
		const b = rosterFixture(db, 'bbb');
		const set = db.prepare(
			"update villages set settings = json_set(settings, '$.noticeDays', ?) where id = ?"
		);
		set.run(10, a.villageId);
		set.run(20, b.villageId);
		// Back to the level before 013, as an existing database is.
		db.exec('drop table meeting_notices');
		rerunMigration(db, 'meeting-notices');
		expect(getVillageSettings(db, a.villageId).noticeDays).toBe(15);
		expect(getVillageSettings(db, b.villageId).noticeDays).toBe(20);
	});
});
