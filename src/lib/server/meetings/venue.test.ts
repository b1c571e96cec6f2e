import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent } from '../venues/booking';
import { listVenues } from '../venues/records';
import { addAgendaItem, createMeeting, updateDraftMeeting } from './calling';
import { notifyMeeting } from './notice';
import { getMeeting } from './records';
import { reNoticeMeeting } from './re-notice';
import { capacityWarning, movedEnd } from './venue';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const venue = (name: string) => listVenues(db, village()).find((v) => v.name === name)!.id;

function drafted(over: { startsAt?: string; endsAt?: string; venueId?: number | null } = {}) {
	const r = createMeeting(
		db,
		clerk(),
		village(),
		{
			type: 'reps_meeting',
			title: '村道硬化方案',
			meetingDate: '2099-03-10',
			startsAt: '09:00',
			venueId: venue('湖边议事厅'),
			...over
		},
		{ now: at('2099-03-01') }
	);
	if (!r.ok) throw new Error(r.reason);
	addAgendaItem(db, clerk(), village(), r.meeting.id, { title: '村道硬化' });
	return r.meeting.id;
}

const notify = (id: number) => notifyMeeting(db, clerk(), village(), id, { now: at('2099-03-01') });

describe('createMeeting and updateDraftMeeting with a venue', () => {
	it('keeps the venue and its name as the place, whatever place is typed', () => {
		const r = createMeeting(db, clerk(), village(), {
			type: 'reps_meeting',
			title: '会',
			meetingDate: '2099-03-10',
			place: '别处',
			venueId: venue('文体活动室'),
			endsAt: '11:30'
		});
		expect(r).toMatchObject({
			ok: true,
			meeting: { venueId: venue('文体活动室'), place: '文体活动室', endsAt: '11:30' }
		});
	});

	it('keeps a free-text place without a venue (old callers)', () => {
		const r = createMeeting(db, clerk(), village(), {
			type: 'reps_meeting',
			title: '会',
			meetingDate: '2099-03-10',
			place: '村部二楼'
		});
		expect(r).toMatchObject({ ok: true, meeting: { venueId: null, place: '村部二楼' } });
	});

	it.each([
		['another village’s venue', { venueId: 999999 }, 'bad_venue'],
		['an end before the start', { endsAt: '08:00' }, 'bad_end_time'],
		['a bad end time', { endsAt: '25:00' }, 'bad_end_time']
	])('refuses %s', (_, over, reason) => {
		const input = {
			type: 'reps_meeting' as const,
			title: '会',
			meetingDate: '2099-03-10',
			startsAt: '09:00'
		};
		expect(createMeeting(db, clerk(), village(), { ...input, ...over })).toMatchObject({
			ok: false,
			reason
		});
		expect(db.prepare('select count(*) from meetings').pluck().get()).toBe(0);
	});

	it('refuses a venue retired by the meeting day', () => {
		db.prepare("update venues set retired_on = '2099-01-01' where id = ?").run(venue('农家书屋'));
		const id = drafted();
		const book = db
			.prepare("select id from venues where name = '农家书屋'")
			.pluck()
			.get() as number;
		expect(
			updateDraftMeeting(db, clerk(), village(), id, {
				title: '会',
				meetingDate: '2099-03-10',
				venueId: book
			})
		).toEqual({ ok: false, reason: 'bad_venue' });
	});

	it('moves a draft to another venue; a place typed alone leaves the venue', () => {
		const id = drafted();
		const moved = updateDraftMeeting(db, clerk(), village(), id, {
			title: '村道硬化方案',
			meetingDate: '2099-03-10',
			startsAt: '09:00',
			venueId: venue('湖畔戏台')
		});
		expect(moved).toMatchObject({ ok: true, meeting: { place: '湖畔戏台' } });
		const typed = updateDraftMeeting(db, clerk(), village(), id, {
			title: '村道硬化方案',
			meetingDate: '2099-03-10',
			startsAt: '09:00',
			place: '祠堂'
		});
		expect(typed).toMatchObject({ ok: true, meeting: { place: '祠堂', venueId: null } });
	});
});

describe('the clash rule on notifying and moving a meeting', () => {
	it.each([
		// [the booking's time, the meeting's start and end, clash?]
		['overlapping the default two hours', ['10:30', '12:00'], ['09:00', ''], true],
		['after the default two hours', ['11:00', '12:00'], ['09:00', ''], false],
		['inside a given end time', ['11:00', '12:00'], ['09:00', '11:30'], true],
		['before the meeting', ['07:00', '09:00'], ['09:00', '10:00'], false]
	])('a booking %s', (_, [s, e], [start, end], clash) => {
		bookEvent(db, clerk(), village(), {
			venueId: venue('湖边议事厅'),
			kind: 'training',
			title: '电商培训',
			date: '2099-03-10',
			startTime: s,
			endTime: e
		});
		const id = drafted({ startsAt: start, endsAt: end });
		const r = notify(id);
		if (clash) {
			expect(r).toMatchObject({
				ok: false,
				reason: 'venue_clash',
				clash: { kind: 'event', title: '电商培训', startsAt: `2099-03-10T${s}` }
			});
			expect(getMeeting(db, village(), id)?.state).toBe('draft');
		} else expect(r.ok).toBe(true);
	});

	it('two meetings cannot be in the same hall at the same time; another hall is free', () => {
		const first = drafted();
		expect(notify(first).ok).toBe(true);
		const second = drafted({ startsAt: '10:00' });
		expect(notify(second)).toMatchObject({
			ok: false,
			reason: 'venue_clash',
			clash: { kind: 'meeting', id: first, startsAt: '2099-03-10T09:00' }
		});
		expect(notify(drafted({ venueId: venue('文体活动室') })).ok).toBe(true);
		// A draft holds nothing: the second can be drafted, only not notified.
		expect(getMeeting(db, village(), second)?.state).toBe('draft');
	});

	it('moving a notified meeting onto a booked hall is refused naming the booking; within its own time is not', () => {
		const id = drafted();
		expect(notify(id).ok).toBe(true);
		bookEvent(db, clerk(), village(), {
			venueId: venue('湖边议事厅'),
			kind: 'film',
			title: '露天电影',
			date: '2099-03-20',
			startTime: '19:00',
			endTime: '21:00'
		});
		const before = db.prepare('select * from meetings where id = ?').get(id);
		const move = (over: object) =>
			reNoticeMeeting(
				db,
				clerk(),
				village(),
				id,
				{ meetingDate: '2099-03-20', startsAt: '18:00', ...over },
				{ now: at('2099-03-02') }
			);
		expect(move({})).toMatchObject({
			ok: false,
			reason: 'venue_clash',
			clash: { kind: 'event', title: '露天电影', startsAt: '2099-03-20T19:00' }
		});
		expect(db.prepare('select * from meetings where id = ?').get(id)).toEqual(before);
		// To another venue at the same time: moved, and the notice prints the new venue.
		expect(move({ venueId: venue('湖畔戏台') })).toMatchObject({
			ok: true,
			meeting: { place: '湖畔戏台', meetingDate: '2099-03-20' }
		});
		// Its own earlier time is no clash with itself.
		expect(
			reNoticeMeeting(
				db,
				clerk(),
				village(),
				id,
				{ meetingDate: '2099-03-20', startsAt: '18:30' },
				{ now: at('2099-03-03') }
			).ok
		).toBe(true);
	});

	it('a booking is refused over a notified meeting, naming it', () => {
		const id = drafted();
		notify(id);
		expect(
			bookEvent(db, clerk(), village(), {
				venueId: venue('湖边议事厅'),
				kind: 'film',
				title: '电影',
				date: '2099-03-10',
				startTime: '10:00',
				endTime: '12:00'
			})
		).toMatchObject({ ok: false, reason: 'clash', clash: { kind: 'meeting', id } });
	});
});

describe('capacityWarning', () => {
	it('warns when the frozen roster expects more than the venue holds, never refuses', () => {
		const small = drafted({ venueId: venue('农家书屋') });
		expect(capacityWarning(db, getMeeting(db, village(), small)!)).toBeNull();
		const n = notify(small);
		if (!n.ok) throw new Error(n.reason);
		const warning = capacityWarning(db, getMeeting(db, village(), small)!);
		expect(warning).toEqual(
			n.expected > 30 ? { expected: n.expected, capacity: 30, venueName: '农家书屋' } : null
		);
		db.prepare('update venues set capacity = ? where id = ?').run(
			n.expected - 1,
			venue('农家书屋')
		);
		expect(capacityWarning(db, getMeeting(db, village(), small)!)).toMatchObject({
			expected: n.expected,
			capacity: n.expected - 1
		});
		db.prepare('update venues set capacity = ? where id = ?').run(n.expected, venue('农家书屋'));
		expect(capacityWarning(db, getMeeting(db, village(), small)!)).toBeNull();
	});
});

describe('movedEnd', () => {
	it.each([
		[
			'the old end left as it was moves with a later start',
			'09:00',
			'11:30',
			'14:30',
			'11:30',
			'17:00'
		],
		['and with an earlier one', '14:00', '16:30', '08:00', '16:30', '10:30'],
		['not past the day', '09:00', '11:30', '22:30', '11:30', '23:59'],
		['an end the clerk changed is taken as given', '09:00', '11:30', '14:30', '15:00', '15:00'],
		['the same start keeps the end', '09:00', '11:30', '09:00', '11:30', '11:30'],
		['no end before: none after', '09:00', '', '14:30', '', ''],
		['no end given: the old one moves too', '09:00', '11:30', '14:30', undefined, '17:00'],
		['no start before: the end stays', '', '11:30', '09:00', '11:30', '11:30'],
		['no start now: the end stays', '09:00', '11:30', '', undefined, '11:30']
	])('%s', (_, startBefore, endBefore, start, given, expected) => {
		expect(movedEnd({ startsAt: startBefore, endsAt: endBefore }, start, given)).toBe(expected);
	});
});
