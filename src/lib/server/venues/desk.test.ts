import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addDays } from '../calendar/dates';
import { bookEvent } from './booking';
import { cancelEvent } from './booking-changes';
import { bookingDesk } from './desk';
import { listVenues } from './records';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const TODAY = '2099-05-01';

function book(title: string, date: string, startTime: string, kind = 'training') {
	const room = listVenues(db, village()).find((v) => v.name === '文体活动室')!.id;
	const r = bookEvent(db, clerk(), village(), {
		venueId: room,
		kind,
		title,
		date,
		startTime,
		endTime: '23:00',
		householdId:
			kind === 'wedding'
				? (db.prepare('select min(id) from households').pluck().get() as number)
				: null
	});
	if (!r.ok) throw new Error(r.reason);
	return r.event.id;
}

describe('bookingDesk', () => {
	it('lists each venue’s uses from today for four weeks, private ones too, in time order', () => {
		book('下周培训', addDays(TODAY, 8), '09:00');
		book('简办婚事', addDays(TODAY, 2), '10:00', 'wedding');
		book('四周后', addDays(TODAY, 28), '09:00');
		book('昨天', addDays(TODAY, -1), '09:00');
		cancelEvent(db, clerk(), village(), book('取消了', addDays(TODAY, 3), '09:00'), '下雨');
		const desk = bookingDesk(db, village(), TODAY);
		expect(desk.map((d) => d.venue.name)).toEqual([
			'湖边议事厅',
			'文体活动室',
			'农家书屋',
			'湖畔戏台'
		]);
		expect(desk[1].uses.map((u) => [u.title, u.thisWeek])).toEqual([
			['简办婚事', true],
			['下周培训', false]
		]);
		expect(desk[0].uses).toEqual([]);
	});
});
