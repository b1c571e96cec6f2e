import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { createVillage } from '../villages/villages';
import { findCase, stepsOf } from '../services/records';
import { findTopic } from '../topics/records';
import {
	recordGridPointItem,
	resolveGridPointItem,
	type RecordItemInput,
	type Resolution
} from './log';
import { findItem, gridsKeptBy, peopleOfGrid } from './records';
import { mondayOf, openItems, weekSummary } from './summary';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const secretary = () => demoActor(db, '13800000002');
const villager = () => demoActor(db, '13800000003'); // 张秀英, 第一网格
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, head of 第一网格
const rep = () => demoActor(db, '13800000005');

// Friday 2026-11-20, 10:00 in China.
const FRIDAY = new Date('2026-11-20T02:00:00Z');

const gridId = (name: string) =>
	db
		.prepare('select id from grids where village_id = ? and name = ?')
		.pluck()
		.get(village(), name) as number;
const first = () => gridId('第一网格');
const second = () => gridId('第二网格');

const counts = () =>
	Object.fromEntries(
		['grid_point_items', 'service_cases', 'service_case_steps', 'topics', 'audit'].map((t) => [
			t,
			db.prepare(`select count(*) from ${t}`).pluck().get()
		])
	);

function record(actor: Actor, over: Partial<Parameters<typeof recordGridPointItem>[3]> = {}) {
	return recordGridPointItem(
		db,
		actor,
		village(),
		{
			gridId: first(),
			raisedOn: '2026-11-20',
			personId: villager().personId,
			text: '村口路灯坏了三盏，晚上出行不便。\n请尽快修。',
			...over
		},
		{ now: FRIDAY }
	);
}

function recorded(over: Partial<Parameters<typeof recordGridPointItem>[3]> = {}) {
	const r = record(gridHead(), over);
	if (!r.ok) throw new Error(r.reason);
	return r.item;
}

const toCase: Resolution = { kind: 'service_case', category: 'repair', urgent: false };
const toTopic: Resolution = { kind: 'topic', category: 'livelihood' };
const toNote: Resolution = { kind: 'note', note: '当场答复：已报修，电工周三来。' };

describe('who keeps a grid point’s log', () => {
	it.each([
		['the grid head of that grid', gridHead, () => first(), 'ok'],
		['the grid head at another grid', gridHead, () => second(), 'forbidden'],
		['a villager', villager, () => first(), 'forbidden'],
		['a village representative', rep, () => first(), 'forbidden'],
		['the clerk', clerk, () => second(), 'ok'],
		['the branch secretary', secretary, () => first(), 'ok']
	])('recording: %s → %s', (_name, actor, grid, verdict) => {
		const before = counts();
		const r = record(actor(), { gridId: grid(), personId: null });
		expect(r.ok ? 'ok' : r.reason).toBe(verdict);
		if (!r.ok) expect(counts()).toEqual(before);
	});

	it.each([
		['the grid head of that grid', gridHead, 'ok'],
		['a villager', villager, 'forbidden'],
		['a village representative', rep, 'forbidden'],
		['the clerk', clerk, 'ok'],
		['the branch secretary', secretary, 'ok']
	])('resolving: %s → %s', (_name, actor, verdict) => {
		const item = recorded();
		const before = counts();
		const r = resolveGridPointItem(db, actor(), village(), item.id, toNote, { now: FRIDAY });
		expect(r.ok ? 'ok' : r.reason).toBe(verdict);
		if (!r.ok) expect(counts()).toEqual(before);
	});

	it('refuses the grid head at another grid’s item, and a grid head whose term has ended', () => {
		const other = record(clerk(), { gridId: second(), personId: null });
		if (!other.ok) throw new Error(other.reason);
		expect(
			resolveGridPointItem(db, gridHead(), village(), other.item.id, toNote, { now: FRIDAY })
		).toEqual({ ok: false, reason: 'forbidden' });
		db.prepare(
			"update roles set end_date = '2026-11-19' where person_id = ? and role = 'grid_head'"
		).run(gridHead().personId);
		expect(gridsKeptBy(db, village(), gridHead(), '2026-11-20')).toEqual([]);
		expect(record(gridHead())).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('does not find another village’s grid or item', async () => {
		const other = createVillage(db, null, {
			slug: 'dongshan',
			name: '东山村',
			township: '',
			district: '',
			city: '',
			province: '',
			oneShoulder: false,
			clerk: { name: '陈明', phone: '13700000001' }
		});
		if (!other.ok) throw new Error(other.reason);
		const theirs: Actor = { userId: other.clerkId, personId: null, role: 'clerk' };
		const item = recorded();
		const before = counts();
		expect(
			recordGridPointItem(
				db,
				theirs,
				other.village.id,
				{ gridId: first(), raisedOn: '2026-11-20', personId: null, text: '路灯' },
				{ now: FRIDAY }
			)
		).toEqual({ ok: false, reason: 'not_found' });
		expect(
			resolveGridPointItem(db, theirs, other.village.id, item.id, toNote, { now: FRIDAY })
		).toEqual({ ok: false, reason: 'not_found' });
		expect(counts()).toEqual(before);
	});
});

describe('recording an item', () => {
	it('records who raised it, when and what, with its audit entry', () => {
		const item = recorded();
		expect(item).toMatchObject({
			gridName: '第一网格',
			raisedOn: '2026-11-20',
			personId: villager().personId,
			personName: '张秀英',
			outcome: 'open',
			recordedByUserId: gridHead().userId,
			recordedAt: FRIDAY.toISOString()
		});
		const audit = db
			.prepare(
				"select count(*) from audit where action = 'grid_point.item_recorded' and subject_type = 'grid_point_item' and subject_id = ?"
			)
			.pluck()
			.get(String(item.id));
		expect(audit).toBe(1);
		expect(openItems(db, village(), first()).map((i) => i.id)).toEqual([item.id]);
	});

	it('offers the adults of the grid in the picker, and only them', () => {
		const people = peopleOfGrid(db, village(), first(), '2026-11-20');
		expect(people.some((p) => p.id === villager().personId)).toBe(true);
		const grids = db
			.prepare(
				`select distinct h.grid_id from people p join households h on h.id = p.household_id
				 where p.id in (select value from json_each(?))`
			)
			.pluck()
			.all(JSON.stringify(people.map((p) => p.id)));
		expect(grids).toEqual([first()]);
	});

	const personOfSecondGrid = () =>
		db
			.prepare(
				`select p.id from people p join households h on h.id = p.household_id
				 where h.grid_id = ? and p.status = 'resident' order by p.id limit 1`
			)
			.pluck()
			.get(second()) as number;

	it.each<[string, Partial<RecordItemInput>, string]>([
		['an empty text', { text: '   ' }, 'text_required'],
		['a text of 1,001 characters', { text: '长'.repeat(1001) }, 'text_too_long'],
		['a date that is not one', { raisedOn: '2026-02-30' }, 'bad_date'],
		['tomorrow', { raisedOn: '2026-11-21' }, 'date_in_future'],
		['someone of another grid', { personId: -1 }, 'not_of_grid']
	])('refuses %s and changes nothing', (_name, over, reason) => {
		const before = counts();
		const input = over.personId === -1 ? { personId: personOfSecondGrid() } : over;
		expect(record(gridHead(), input)).toEqual({ ok: false, reason });
		expect(counts()).toEqual(before);
	});

	it('takes a text of exactly 1,000 characters', () => {
		expect(record(gridHead(), { text: '长'.repeat(1000) }).ok).toBe(true);
	});

	it('knows the day by China time: 00:30 on Monday is Monday, 23:30 on Sunday is not yet', () => {
		const monday = { raisedOn: '2026-11-23', personId: null };
		const at = (iso: string) =>
			recordGridPointItem(
				db,
				gridHead(),
				village(),
				{ gridId: first(), text: '垃圾清运不及时', ...monday },
				{ now: new Date(iso) }
			);
		expect(at('2026-11-22T15:30:00Z')).toEqual({ ok: false, reason: 'date_in_future' });
		expect(at('2026-11-22T16:30:00Z').ok).toBe(true);
	});
});

describe('resolving an item', () => {
	it('becomes a service request filed for the villager at the grid point, read back when recorded', () => {
		const item = recorded();
		const later = new Date('2026-11-20T03:00:00Z');
		const r = resolveGridPointItem(db, gridHead(), village(), item.id, toCase, { now: later });
		if (!r.ok) throw new Error(r.reason);
		expect(r.item).toMatchObject({ outcome: 'service_case', topicId: null, note: null });
		const c = findCase(db, village(), r.item.serviceCaseId!)!;
		expect(r.item.caseNumber).toBe(c.number);
		expect(c).toMatchObject({
			personId: villager().personId,
			filedByUserId: gridHead().userId,
			channel: 'grid_point',
			consentKind: 'read_back',
			consentAt: item.recordedAt,
			category: 'repair',
			title: '村口路灯坏了三盏，晚上出行不便。',
			description: item.text,
			state: 'submitted'
		});
		expect(stepsOf(db, c.id).map((s) => s.kind)).toEqual(['filed']);
		const actions = db
			.prepare('select action from audit where at = ? order by id')
			.pluck()
			.all(later.toISOString());
		expect(actions).toEqual(['service_case.filed', 'grid_point.item_resolved']);
	});

	it('becomes a topic filed for the villager through the grid point, with the given consent time', () => {
		const item = recorded();
		const r = resolveGridPointItem(
			db,
			gridHead(),
			village(),
			item.id,
			{ ...toTopic, title: '修村口路灯', consentAt: '2026-11-20T01:30:00.000Z' },
			{ now: FRIDAY }
		);
		if (!r.ok) throw new Error(r.reason);
		const t = findTopic(db, village(), r.item.topicId!)!;
		expect(r.item).toMatchObject({ outcome: 'topic', serviceCaseId: null, topicNumber: t.number });
		expect(t).toMatchObject({
			title: '修村口路灯',
			channel: 'grid_point',
			state: 'submitted',
			onBehalf: true,
			consentKind: 'read_back',
			consentAt: '2026-11-20T01:30:00.000Z',
			category: 'livelihood'
		});
	});

	it('becomes a note with why, for someone off the roster too', () => {
		const item = recorded({ personId: null });
		const r = resolveGridPointItem(db, gridHead(), village(), item.id, toNote, { now: FRIDAY });
		if (!r.ok) throw new Error(r.reason);
		expect(findItem(db, village(), item.id)).toMatchObject({
			outcome: 'note',
			note: '当场答复：已报修，电工周三来。',
			serviceCaseId: null,
			topicId: null,
			resolvedAt: FRIDAY.toISOString()
		});
	});

	it.each([
		['a second time as a request', toCase, 'wrong_state'],
		['a second time as a topic', toTopic, 'wrong_state'],
		['a second time as a note', toNote, 'wrong_state']
	])('refuses a resolved item %s and changes nothing', (_name, again, reason) => {
		const item = recorded();
		expect(resolveGridPointItem(db, gridHead(), village(), item.id, toNote).ok).toBe(true);
		const before = counts();
		expect(resolveGridPointItem(db, gridHead(), village(), item.id, again)).toEqual({
			ok: false,
			reason
		});
		expect(counts()).toEqual(before);
		expect(findItem(db, village(), item.id)?.outcome).toBe('note');
	});

	it.each([
		['a request for no one', { personId: null }, toCase, 'needs_villager'],
		['a topic for no one', { personId: null }, toTopic, 'needs_villager'],
		['an empty note', {}, { kind: 'note', note: '  ' } as Resolution, 'note_required'],
		[
			'a note of 201 characters',
			{},
			{ kind: 'note', note: '长'.repeat(201) } as Resolution,
			'note_too_long'
		],
		[
			'a request of an unknown category',
			{},
			{ ...toCase, category: 'nope' } as Resolution,
			'bad_category'
		],
		[
			'a consent after the moment',
			{},
			{ ...toCase, consentAt: '2026-11-21T00:00:00.000Z' } as Resolution,
			'consent_in_future'
		],
		[
			'a topic of an unknown category',
			{},
			{ kind: 'topic', category: 'x' } as unknown as Resolution,
			'bad_category'
		]
	])('refuses %s and changes nothing', (_name, over, resolution, reason) => {
		const item = recorded(over);
		const before = counts();
		expect(
			resolveGridPointItem(db, gridHead(), village(), item.id, resolution, { now: FRIDAY })
		).toEqual({ ok: false, reason });
		expect(counts()).toEqual(before);
		expect(findItem(db, village(), item.id)?.outcome).toBe('open');
	});

	it('refuses an item whose villager has since moved out of the grid head’s grids', () => {
		const item = recorded();
		const otherHousehold = db
			.prepare('select id from households where village_id = ? and grid_id = ? limit 1')
			.pluck()
			.get(village(), second());
		db.prepare('update people set household_id = ? where id = ?').run(
			otherHousehold,
			villager().personId
		);
		const before = counts();
		expect(
			resolveGridPointItem(db, gridHead(), village(), item.id, toCase, { now: FRIDAY })
		).toEqual({ ok: false, reason: 'not_your_villager' });
		expect(counts()).toEqual(before);
	});
});

describe('the weekly summary (Monday to Sunday, China dates)', () => {
	it.each([
		['2026-11-16', '2026-11-16'],
		['2026-11-20', '2026-11-16'],
		['2026-11-22', '2026-11-16'],
		['2026-11-23', '2026-11-23'],
		['2026-01-01', '2025-12-29']
	])('the week of %s begins on %s', (date, monday) => {
		expect(mondayOf(date)).toBe(monday);
	});

	it('counts the items of the grid raised in the week, by outcome, with their links', () => {
		const at = (date: string, personId: number | null = villager().personId) =>
			recordGridPointItem(
				db,
				clerk(),
				village(),
				{ gridId: first(), raisedOn: date, personId, text: `${date} 的事` },
				{ now: new Date('2026-11-30T02:00:00Z') }
			);
		const ids = [
			'2026-11-15',
			'2026-11-16',
			'2026-11-19',
			'2026-11-22',
			'2026-11-22',
			'2026-11-23'
		].map((d) => {
			const r = at(d);
			if (!r.ok) throw new Error(r.reason);
			return r.item.id;
		});
		const other = recordGridPointItem(
			db,
			clerk(),
			village(),
			{ gridId: second(), raisedOn: '2026-11-18', personId: null, text: '别的网格' },
			{ now: FRIDAY }
		);
		expect(other.ok).toBe(true);
		const now = { now: new Date('2026-11-30T02:00:00Z') };
		const c = resolveGridPointItem(db, clerk(), village(), ids[1], toCase, now);
		const t = resolveGridPointItem(db, clerk(), village(), ids[2], toTopic, now);
		expect(resolveGridPointItem(db, clerk(), village(), ids[3], toNote, now).ok).toBe(true);
		if (!c.ok || !t.ok) throw new Error('refused');

		const week = weekSummary(db, village(), first(), '2026-11-19');
		expect(week).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
		expect(week.items.map((i) => i.id)).toEqual([ids[1], ids[2], ids[3], ids[4]]);
		expect(week.counts).toEqual({ total: 4, open: 1, service_case: 1, topic: 1, note: 1 });
		expect(week.items[0].caseNumber).toBe(c.item.caseNumber);
		expect(week.items[1].topicNumber).toBe(t.item.topicNumber);
		expect(weekSummary(db, village(), first(), '2026-11-23').counts.total).toBe(1);
		expect(weekSummary(db, village(), second(), '2026-11-22').counts.total).toBe(1);
	});
});
