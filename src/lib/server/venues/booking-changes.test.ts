import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent, type BookEventInput } from './booking';
import { cancelEvent, changeEvent } from './booking-changes';
import { findClash } from './clash';
import { DEFAULT_HALL_RULES, getHallRules, hallRuleBreach, updateHallRules } from './hall-rules';
import { findEvent, listVenues } from './records';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');
const venue = (name: string) => listVenues(db, village()).find((v) => v.name === name)!.id;
const household = () =>
	db
		.prepare('select id from households where village_id = ? limit 1')
		.pluck()
		.get(village()) as number;
const audits = (action: string) =>
	db.prepare('select count(*) from audit where action = ?').pluck().get(action) as number;

const care = (over: Partial<BookEventInput> = {}): BookEventInput => ({
	venueId: venue('文体活动室'),
	kind: 'elderly_care',
	title: '重阳敬老',
	date: '2099-10-10',
	startTime: '09:00',
	endTime: '11:00',
	...over
});

function booked(over: Partial<BookEventInput> = {}): number {
	const r = bookEvent(db, clerk(), village(), care(over));
	if (!r.ok) throw new Error(r.reason);
	return r.event.id;
}

const wedding = (over: Partial<BookEventInput> = {}) =>
	care({
		kind: 'wedding',
		title: '简办婚事',
		venueId: venue('湖边议事厅'),
		householdId: household(),
		startTime: '10:00',
		endTime: '13:00',
		...over
	});

describe('changeEvent', () => {
	it('moves within its own time without clashing with itself (except)', () => {
		const id = booked();
		const r = changeEvent(db, clerk(), village(), id, {
			...care(),
			startTime: '10:00',
			endTime: '12:00'
		});
		expect(r).toMatchObject({ ok: true, event: { startsAt: '2099-10-10T10:00' } });
		expect(audits('hall_event.changed')).toBe(1);
	});

	it('is refused onto another booking, naming it, and changes nothing', () => {
		const first = booked({
			title: '书法培训',
			kind: 'training',
			startTime: '14:00',
			endTime: '16:00'
		});
		const id = booked();
		const before = findEvent(db, village(), id);
		const r = changeEvent(db, clerk(), village(), id, {
			...care(),
			startTime: '15:00',
			endTime: '17:00'
		});
		expect(r).toMatchObject({
			ok: false,
			reason: 'clash',
			clash: { kind: 'event', id: first, title: '书法培训', startsAt: '2099-10-10T14:00' }
		});
		expect(findEvent(db, village(), id)).toEqual(before);
		expect(audits('hall_event.changed')).toBe(0);
	});

	it('moves to another venue and keeps the kind', () => {
		const id = booked();
		const r = changeEvent(db, clerk(), village(), id, { ...care(), venueId: venue('农家书屋') });
		expect(r).toMatchObject({ ok: true, event: { venueName: '农家书屋', kind: 'elderly_care' } });
	});

	it.each([
		['a cancelled booking', 'cancelled'],
		['another village’s id', 'not_found']
	])('refuses %s', (_, reason) => {
		const id = booked();
		if (reason === 'cancelled') cancelEvent(db, clerk(), village(), id, '下雨');
		const target = reason === 'not_found' ? id + 1000 : id;
		expect(changeEvent(db, clerk(), village(), target, care())).toMatchObject({
			ok: false,
			reason
		});
	});

	it('is staff-only', () => {
		const id = booked();
		expect(changeEvent(db, villager(), village(), id, care())).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});

describe('cancelEvent', () => {
	it('keeps the booking with its reason and frees its time', () => {
		const id = booked();
		const span = { startsAt: '2099-10-10T09:00', endsAt: '2099-10-10T11:00' };
		expect(findClash(db, village(), venue('文体活动室'), span)).not.toBeNull();
		expect(cancelEvent(db, clerk(), village(), id, ' 场地漏水 ')).toMatchObject({
			ok: true,
			event: { state: 'cancelled', cancelReason: '场地漏水' }
		});
		expect(findClash(db, village(), venue('文体活动室'), span)).toBeNull();
		expect(audits('hall_event.cancelled')).toBe(1);
		expect(cancelEvent(db, clerk(), village(), id, '再取消')).toEqual({
			ok: false,
			reason: 'cancelled'
		});
	});

	it.each([
		['no reason', ' ', 'bad_reason'],
		['a reason too long', '因'.repeat(201), 'bad_reason']
	])('refuses %s', (_, reason, expected) => {
		const id = booked();
		expect(cancelEvent(db, clerk(), village(), id, reason)).toEqual({
			ok: false,
			reason: expected
		});
		expect(findEvent(db, village(), id)?.state).toBe('booked');
	});

	it('is staff-only', () => {
		expect(cancelEvent(db, villager(), village(), booked(), '不办了')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});

describe('capacity', () => {
	it('refuses more people expected than the venue holds, naming the capacity', () => {
		expect(bookEvent(db, clerk(), village(), care({ expected: 61 }))).toEqual({
			ok: false,
			reason: 'over_capacity',
			capacity: 60
		});
		expect(bookEvent(db, clerk(), village(), care({ expected: 60 })).ok).toBe(true);
	});
});

describe('the 红白理事会 rules for private uses', () => {
	const rules = {
		privateUses: true,
		maxTables: 20,
		maxGuests: 100,
		maxHours: 3,
		text: '婚事新办，丧事简办'
	};

	it.each([
		['within every limit', { tables: 20, guests: 100, hours: 3 }, null],
		['over the tables', { tables: 21, guests: 100, hours: 3 }, { rule: 'max_tables', limit: 20 }],
		['over the guests', { tables: 10, guests: 101, hours: 3 }, { rule: 'max_guests', limit: 100 }],
		['over the hours', { tables: 10, guests: 50, hours: 3.5 }, { rule: 'max_hours', limit: 3 }]
	])('%s', (_, use, breach) => {
		expect(hallRuleBreach(rules, use)).toEqual(breach);
		expect(hallRuleBreach(DEFAULT_HALL_RULES, use)).toBeNull();
		expect(hallRuleBreach({ ...rules, privateUses: false }, use)).toEqual({
			rule: 'no_private_uses'
		});
	});

	it('refuses a wedding over the village’s limits, naming the limit; an activity is not limited', () => {
		expect(updateHallRules(db, clerk(), village(), rules)).toMatchObject({ ok: true });
		expect(audits('village.hall_rules_changed')).toBe(1);
		expect(getHallRules(db, village())).toEqual(rules);
		expect(bookEvent(db, clerk(), village(), wedding({ tables: 25 }))).toEqual({
			ok: false,
			reason: 'hall_rules',
			breach: { rule: 'max_tables', limit: 20 }
		});
		expect(bookEvent(db, clerk(), village(), wedding({ endTime: '16:00' }))).toMatchObject({
			reason: 'hall_rules',
			breach: { rule: 'max_hours' }
		});
		expect(bookEvent(db, clerk(), village(), wedding({ tables: 12, expected: 100 })).ok).toBe(true);
		expect(
			bookEvent(db, clerk(), village(), care({ date: '2099-10-11', endTime: '18:00' })).ok
		).toBe(true);
		expect(
			db.prepare("select count(*) from hall_events where kind = 'wedding'").pluck().get()
		).toBe(1);
	});

	it('refuses a change that breaks the limits', () => {
		updateHallRules(db, clerk(), village(), rules);
		const r = bookEvent(db, clerk(), village(), wedding());
		if (!r.ok) throw new Error(r.reason);
		expect(
			changeEvent(db, clerk(), village(), r.event.id, { ...wedding(), endTime: '15:00' })
		).toMatchObject({
			ok: false,
			reason: 'hall_rules',
			breach: { rule: 'max_hours', limit: 3 }
		});
	});

	it.each([
		['zero tables', { maxTables: 0 }, 'bad_tables'],
		['fractional guests', { maxGuests: 1.5 }, 'bad_guests'],
		['a day and more', { maxHours: 25 }, 'bad_hours'],
		['a long text', { text: '办'.repeat(501) }, 'bad_text']
	])('updateHallRules refuses %s and keeps the rules', (_, over, reason) => {
		expect(updateHallRules(db, clerk(), village(), { ...rules, ...over })).toEqual({
			ok: false,
			reason
		});
		expect(getHallRules(db, village())).toEqual(DEFAULT_HALL_RULES);
	});

	it('updateHallRules is staff-only', () => {
		expect(updateHallRules(db, villager(), village(), rules)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});
