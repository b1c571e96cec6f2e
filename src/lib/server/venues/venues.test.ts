import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { createMeeting } from '../meetings/calling';
import { bookEvent } from './booking';
import { listVenues } from './records';
import { addVenue, changeVenue, retireVenue } from './venues';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const actors: Record<string, () => Actor> = {
	clerk: () => demoActor(db, '13800000001'),
	secretary: () => demoActor(db, '13800000002'),
	villager: () => demoActor(db, '13800000003'),
	rep: () => demoActor(db, '13800000005')
};
const clerk = actors.clerk;
const audits = (action: string) =>
	db.prepare('select count(*) from audit where action = ?').pluck().get(action) as number;
/** A draft meeting in the venue on 2099-03-01 at 09:00. */
function meetingIn(venueId: number): number {
	const r = createMeeting(db, clerk(), village(), {
		type: 'reps_meeting',
		title: '村道硬化方案',
		meetingDate: '2099-03-01',
		startsAt: '09:00',
		venueId
	});
	if (!r.ok) throw new Error(r.reason);
	return r.meeting.id;
}
/** Walks a meeting to closed past its steps (the table allows no jump). */
function close(id: number): void {
	db.prepare("update meetings set state = 'notified', notice_date = '2099-01-01' where id = ?").run(
		id
	);
	db.prepare(
		"update meetings set state = 'open', opened_at = '2099-03-01T01:00:00Z' where id = ?"
	).run(id);
	db.prepare(
		"update meetings set state = 'closed', closed_at = '2099-03-01T03:00:00Z', audit_head_hash = 'x' where id = ?"
	).run(id);
}
const hall = () => listVenues(db, village()).find((v) => v.name === '湖边议事厅')!;

describe('venue verbs × roles', () => {
	it.each([
		['clerk', true],
		['secretary', true],
		['villager', false],
		['rep', false]
	])('%s may keep the list: %s', (role, may) => {
		const actor = actors[role]();
		const added = addVenue(db, actor, village(), {
			name: '老年活动中心',
			capacity: 40,
			outdoor: false
		});
		const changed = changeVenue(db, actor, village(), hall().id, {
			name: '湖边议事厅',
			capacity: 150,
			outdoor: false
		});
		const retired = retireVenue(db, actor, village(), hall().id, '2099-01-01');
		expect([added.ok, changed.ok, retired.ok]).toEqual([may, may, may]);
		if (!may) {
			expect([added, changed, retired].map((r) => !r.ok && r.reason)).toEqual([
				'forbidden',
				'forbidden',
				'forbidden'
			]);
			expect(audits('venue.changed') + audits('venue.retired')).toBe(0);
		}
	});
});

describe('addVenue and changeVenue', () => {
	it('adds at the end of the list, audited', () => {
		const r = addVenue(db, clerk(), village(), {
			name: ' 老年活动中心 ',
			capacity: 40,
			outdoor: false
		});
		expect(r).toMatchObject({
			ok: true,
			venue: { name: '老年活动中心', capacity: 40, position: 5 }
		});
		expect(listVenues(db, village()).at(-1)?.name).toBe('老年活动中心');
		expect(audits('venue.added')).toBe(5);
	});

	it.each([
		['empty name', { name: ' ' }, 'bad_name'],
		['long name', { name: '厅'.repeat(51) }, 'bad_name'],
		['zero capacity', { capacity: 0 }, 'bad_capacity'],
		['fractional capacity', { capacity: 1.5 }, 'bad_capacity'],
		['huge capacity', { capacity: 10001 }, 'bad_capacity'],
		['bad position', { position: 0 }, 'bad_position'],
		['name taken', { name: '农家书屋' }, 'name_taken']
	])('refuses %s and changes nothing', (_, over, reason) => {
		const input = { name: '老年活动中心', capacity: 40, outdoor: false, ...over };
		const before = JSON.stringify(listVenues(db, village()));
		expect(addVenue(db, clerk(), village(), input)).toMatchObject({ ok: false, reason });
		expect(changeVenue(db, clerk(), village(), hall().id, input)).toMatchObject({
			ok: false,
			reason
		});
		expect(JSON.stringify(listVenues(db, village()))).toBe(before);
	});

	it('renames the venue on meetings not yet held, not on closed ones', () => {
		const v = hall();
		const draft = meetingIn(v.id);
		const closed = meetingIn(v.id);
		close(closed);
		const r = changeVenue(db, clerk(), village(), v.id, {
			name: '新议事厅',
			capacity: 150,
			outdoor: false
		});
		expect(r).toMatchObject({ ok: true, venue: { name: '新议事厅', capacity: 150 } });
		const place = db.prepare('select place from meetings where id = ?').pluck();
		expect([place.get(draft), place.get(closed)]).toEqual(['新议事厅', '湖边议事厅']);
		expect(audits('venue.changed')).toBe(1);
	});
});

describe('retireVenue', () => {
	it('is refused while a booking uses the venue from that date, naming it', () => {
		const room = listVenues(db, village()).find((v) => v.name === '文体活动室')!;
		const booked = bookEvent(db, clerk(), village(), {
			venueId: room.id,
			kind: 'elderly_care',
			title: '重阳敬老',
			date: '2099-10-10',
			startTime: '09:00',
			endTime: '11:00'
		});
		expect(booked.ok).toBe(true);
		expect(retireVenue(db, clerk(), village(), room.id, '2099-01-01')).toMatchObject({
			ok: false,
			reason: 'in_use',
			uses: [{ kind: 'event', title: '重阳敬老', startsAt: '2099-10-10T09:00' }]
		});
		// From after the booking, the venue may go.
		expect(retireVenue(db, clerk(), village(), room.id, '2099-10-11')).toMatchObject({
			ok: true,
			venue: { retiredOn: '2099-10-11' }
		});
		expect(listVenues(db, village()).some((v) => v.id === room.id)).toBe(false);
		expect(retireVenue(db, clerk(), village(), room.id, '2099-12-01')).toMatchObject({
			ok: false,
			reason: 'retired'
		});
	});

	it('is refused while a meeting not yet closed uses the venue, naming it', () => {
		const v = hall();
		const id = meetingIn(v.id);
		const r = retireVenue(db, clerk(), village(), v.id, '2099-01-01');
		expect(r).toMatchObject({
			ok: false,
			reason: 'in_use',
			uses: [{ kind: 'meeting', id, title: '村道硬化方案', startsAt: '2099-03-01T09:00' }]
		});
		expect(audits('venue.retired')).toBe(0);
		close(id);
		expect(retireVenue(db, clerk(), village(), v.id, '2099-01-01').ok).toBe(true);
	});

	it('refuses a bad date', () => {
		expect(retireVenue(db, clerk(), village(), hall().id, '2026-02-30')).toEqual({
			ok: false,
			reason: 'bad_date'
		});
	});
});
