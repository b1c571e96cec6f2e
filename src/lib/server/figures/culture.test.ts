import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent } from '../venues/booking';
import { recordAttendance } from '../venues/attendance';
import { cultureFigures, monthsOf } from './culture';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');

function held(kind: string, date: string, came: number | null, title = '活动'): number {
	const venueId = db
		.prepare("select id from venues where village_id = ? and name = '湖畔戏台'")
		.pluck()
		.get(village()) as number;
	const household = db
		.prepare('select id from households where village_id = ? limit 1')
		.pluck()
		.get(village()) as number;
	const r = bookEvent(db, clerk(), village(), {
		venueId,
		kind,
		title,
		date,
		startTime: '19:00',
		endTime: '21:00',
		householdId: household
	});
	if (!r.ok) throw new Error(r.reason);
	if (came !== null)
		expect(
			recordAttendance(db, clerk(), village(), r.event.id, came, {
				now: new Date(`${date}T21:00:00+08:00`)
			}).ok
		).toBe(true);
	return r.event.id;
}

describe('monthsOf', () => {
	it.each([
		['one month', '2026-12-01', '2026-12-06', ['2026-12']],
		['across the year', '2026-11-15', '2027-02-01', ['2026-11', '2026-12', '2027-01', '2027-02']],
		['a single day', '2026-03-31', '2026-03-31', ['2026-03']]
	])('%s', (_, from, to, months) => {
		expect(monthsOf(from, to)).toEqual(months);
	});
});

describe('cultureFigures', () => {
	it('counts public events a month by kind, their attendance, and those without a count apart', () => {
		held('film', '2026-10-03', 150);
		held('film', '2026-10-10', null);
		held('training', '2026-10-20', 60);
		held('performance', '2026-12-01', 200);
		// Left out: a private use, a cancelled event, and one outside the period.
		held('wedding', '2026-10-05', 80);
		const cancelled = held('sports', '2026-10-06', null);
		db.prepare("update hall_events set state = 'cancelled' where id = ?").run(cancelled);
		held('film', '2026-09-30', 99);
		held('film', '2026-12-07', 99);
		const f = cultureFigures(db, {
			villageId: village(),
			from: '2026-10-01',
			to: '2026-12-06',
			gridId: null
		});
		expect(f.months).toEqual([
			{
				month: '2026-10',
				events: 3,
				byKind: { film: 2, training: 1 },
				participants: 210,
				uncounted: 1
			},
			{ month: '2026-11', events: 0, byKind: {}, participants: 0, uncounted: 0 },
			{
				month: '2026-12',
				events: 1,
				byKind: { performance: 1 },
				participants: 200,
				uncounted: 0
			}
		]);
		expect(f).toMatchObject({
			events: 4,
			participants: 410,
			uncounted: 1,
			byKind: { film: 2, training: 1, performance: 1 }
		});
	});

	it('ignores the grid filter: an event belongs to the whole village', () => {
		held('film', '2026-10-03', 150);
		const grid = db
			.prepare('select min(id) from grids where village_id = ?')
			.pluck()
			.get(village());
		const f = cultureFigures(db, {
			villageId: village(),
			from: '2026-10-01',
			to: '2026-10-31',
			gridId: grid as number
		});
		expect(f.events).toBe(1);
	});
});
