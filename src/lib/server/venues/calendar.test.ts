import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent, type BookEventInput } from './booking';
import { byDay, chinaNow, monthOf, publicCalendar, weekOf } from './calendar';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const venueId = (name: string) =>
	db
		.prepare('select id from venues where village_id = ? and name = ?')
		.pluck()
		.get(village(), name) as number;

function book(over: Partial<BookEventInput>): number {
	const r = bookEvent(db, clerk(), village(), {
		venueId: venueId('湖边议事厅'),
		kind: 'training',
		title: '法治讲座',
		date: '2026-12-10',
		startTime: '14:00',
		endTime: '16:00',
		...over
	});
	if (!r.ok) throw new Error(r.reason);
	return r.event.id;
}

/** A meeting, with the board's meeting notice when `announced`. */
function meeting(type: string, date: string, state: string, announced: boolean): number {
	const user = clerk().userId;
	const id = Number(
		db
			.prepare(
				`insert into meetings (village_id, type, title, meeting_date, starts_at, state, notice_date,
				   rule_set_id, rule_json, created_by, created_at)
				 values (?, ?, ?, ?, '09:00', ?, ?, 'CN_2026', '{}', ?, '2026-11-01T00:00:00Z')`
			)
			.run(
				village(),
				type,
				`${type}会议`,
				date,
				state,
				state === 'draft' ? null : '2026-11-20',
				user
			).lastInsertRowid
	);
	if (announced)
		db.prepare(
			`insert into notices (village_id, seq, kind, title, body, meeting_id, posted_on, posted_until,
			   audit_head_hash, posted_by, created_at)
			 values (?, (select coalesce(max(seq), 0) + 1 from notices where village_id = ?), 'meeting',
			   '会议通知', '内容', ?, '2026-11-20', '2026-12-20', 'x', ?, '2026-11-20T01:00:00Z')`
		).run(village(), village(), id, user);
	return id;
}

describe('publicCalendar', () => {
	it('lists public events and announced meetings in time order, never a private use', () => {
		const lecture = book({});
		const film = book({
			kind: 'film',
			title: '露天电影',
			venueId: venueId('湖畔戏台'),
			startTime: '19:00',
			endTime: '21:00'
		});
		const household = db
			.prepare('select id from households where village_id = ? limit 1')
			.pluck()
			.get(village()) as number;
		book({
			kind: 'wedding',
			title: '简办婚事',
			householdId: household,
			date: '2026-12-11',
			startTime: '11:00',
			endTime: '14:00'
		});
		const reps = meeting('reps_meeting', '2026-12-10', 'notified', true);
		meeting('villagers_meeting', '2026-12-12', 'notified', false);
		meeting('reps_meeting', '2026-12-13', 'draft', false);
		const items = publicCalendar(db, village(), '2026-12-01', '2027-01-01', {
			withCancelled: true
		});
		expect(items.map((i) => [i.source, i.id])).toEqual([
			['meeting', reps],
			['event', lecture],
			['event', film]
		]);
		expect(items.find((i) => i.id === film)).toMatchObject({
			outdoor: true,
			place: '湖畔戏台',
			eventKind: 'film'
		});
		expect(items[0]).toMatchObject({
			meetingType: 'reps_meeting',
			startsAt: '2026-12-10T09:00',
			endsAt: '2026-12-10T11:00'
		});
	});

	it('keeps a cancelled public event marked when asked, and leaves it out otherwise', () => {
		const id = book({});
		db.prepare(
			"update hall_events set state = 'cancelled', cancel_reason = '下雨' where id = ?"
		).run(id);
		expect(
			publicCalendar(db, village(), '2026-12-01', '2027-01-01', { withCancelled: true })
		).toMatchObject([{ id, cancelled: true }]);
		expect(
			publicCalendar(db, village(), '2026-12-01', '2027-01-01', { withCancelled: false })
		).toEqual([]);
	});

	it('stops at the end of the range', () => {
		book({ date: '2026-11-30' });
		const dec = book({ date: '2026-12-01', startTime: '00:00', endTime: '01:00' });
		book({ date: '2027-01-01', startTime: '00:00', endTime: '01:00' });
		expect(
			publicCalendar(db, village(), '2026-12-01', '2027-01-01', { withCancelled: true }).map(
				(i) => i.id
			)
		).toEqual([dec]);
	});
});

describe('byDay', () => {
	it('groups items under their day, in order', () => {
		const item = (startsAt: string) => ({ startsAt }) as Parameters<typeof byDay>[0][number];
		const days = byDay([
			item('2026-12-01T09:00'),
			item('2026-12-01T19:00'),
			item('2026-12-03T10:00')
		]);
		expect(days.map((d) => [d.date, d.items.length])).toEqual([
			['2026-12-01', 2],
			['2026-12-03', 1]
		]);
	});
});

describe('monthOf', () => {
	it.each([
		['2026-12', '2026-12', '2026-12-01', '2027-01-01', '2026-11', '2027-01'],
		['2027-01', '2027-01', '2027-01-01', '2027-02-01', '2026-12', '2027-02'],
		[null, '2026-12', '2026-12-01', '2027-01-01', '2026-11', '2027-01'],
		['2026-13', '2026-12', '2026-12-01', '2027-01-01', '2026-11', '2027-01'],
		['1999-01', '2026-12', '2026-12-01', '2027-01-01', '2026-11', '2027-01'],
		['<script>', '2026-12', '2026-12-01', '2027-01-01', '2026-11', '2027-01']
	])('%s', (param, month, from, to, previous, next) => {
		expect(monthOf(param, '2026-12-06')).toEqual({ month, from, to, previous, next });
	});
});

describe('weekOf', () => {
	it.each([
		['a Sunday', '2026-12-06', '2026-11-30'],
		['a Monday', '2026-11-30', '2026-11-30'],
		['a Wednesday across the year', '2026-12-30', '2026-12-28'],
		['a leap day', '2028-02-29', '2028-02-28']
	])('%s', (_, date, monday) => {
		const w = weekOf(date)!;
		expect(w.from).toBe(monday);
		expect(w.days).toHaveLength(7);
		expect(w.days[0]).toBe(monday);
		expect(new Date(`${w.days[6]}T00:00:00Z`).getUTCDay()).toBe(0);
		expect(w.days).toContain(date);
	});

	it.each(['2026-02-30', 'today', ''])('refuses %j', (date) => {
		expect(weekOf(date)).toBeNull();
	});
});

describe('chinaNow', () => {
	it('is the wall-clock time in China, a day ahead of UTC late in the evening', () => {
		expect(chinaNow(new Date('2026-12-06T17:30:00Z'))).toBe('2026-12-07T01:30');
	});
});
