import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { assigneeCandidates } from './assignees';
import {
	addVolunteer,
	endVolunteer,
	listVolunteers,
	volunteerCandidates,
	type AddVolunteerInput
} from './volunteers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const secretary = () => demoActor(db, '13800000002');
const villager = () => demoActor(db, '13800000003');
const gridHead = () => demoActor(db, '13800000004');

/** A resident adult holding no role, so only a volunteer period can make them dispatchable. */
const plainAdult = () =>
	db
		.prepare(
			`select p.id from people p where p.village_id = ? and p.status = 'resident'
			 and p.birth_date < '1960-01-01'
			 and not exists (select 1 from roles r where r.person_id = p.id)
			 order by p.id limit 1`
		)
		.pluck()
		.get(village()) as number;
const child = () =>
	db
		.prepare(
			"select id from people where village_id = ? and status = 'resident' and birth_date > '2012-01-01' limit 1"
		)
		.pluck()
		.get(village()) as number;

const counts = () =>
	[
		db.prepare('select count(*) from volunteers').pluck().get(),
		db.prepare('select count(*) from audit').pluck().get()
	] as number[];

const add = (actor: Actor, over: Partial<AddVolunteerInput> = {}) =>
	addVolunteer(db, actor, village(), {
		personId: plainAdult(),
		skills: '陪同就医、代办社保',
		startDate: '2026-11-01',
		...over
	});

describe('volunteers (帮办)', () => {
	it('are added by the clerk or the secretary, audited, and then dispatchable', () => {
		const person = plainAdult();
		expect(assigneeCandidates(db, village(), '2026-11-20').some((c) => c.personId === person)).toBe(
			false
		);
		const r = add(clerk());
		if (!r.ok) throw new Error(r.reason);
		expect(r.volunteer).toMatchObject({
			personId: person,
			skills: '陪同就医、代办社保',
			startDate: '2026-11-01',
			endDate: null
		});
		expect(
			db
				.prepare(
					"select count(*) from audit where action = 'volunteer.added' and subject_type = 'volunteer' and subject_id = ?"
				)
				.pluck()
				.get(String(r.volunteer.id))
		).toBe(1);
		const candidate = assigneeCandidates(db, village(), '2026-11-20').find(
			(c) => c.personId === person
		);
		expect(candidate?.kinds).toEqual(['volunteer']);
		// Not before their period begins.
		expect(assigneeCandidates(db, village(), '2026-10-31').some((c) => c.personId === person)).toBe(
			false
		);
		expect(add(secretary(), { personId: villager().personId! }).ok).toBe(true);
	});

	it('stop being dispatchable after the day their period ends, and may serve again later', () => {
		const r = add(clerk());
		if (!r.ok) throw new Error(r.reason);
		const ended = endVolunteer(db, clerk(), village(), r.volunteer.id, '2026-11-30');
		expect(ended).toMatchObject({ ok: true, volunteer: { endDate: '2026-11-30' } });
		const on = (date: string) =>
			assigneeCandidates(db, village(), date).some((c) => c.personId === r.volunteer.personId);
		expect([on('2026-11-30'), on('2026-12-01')]).toEqual([true, false]);
		expect(add(clerk(), { startDate: '2026-11-30' })).toEqual({
			ok: false,
			reason: 'already_volunteer'
		});
		expect(add(clerk(), { startDate: '2026-12-01' }).ok).toBe(true);
		expect(listVolunteers(db, village()).map((v) => v.endDate)).toEqual([null, '2026-11-30']);
	});

	it.each([
		['a villager', () => add(villager()), 'forbidden'],
		['a grid head', () => add(gridHead()), 'forbidden'],
		['a child', () => add(clerk(), { personId: child() }), 'not_resident_adult'],
		[
			'someone of no village’s roster',
			() => add(clerk(), { personId: 999_999 }),
			'not_resident_adult'
		],
		[
			'skills of 201 characters',
			() => add(clerk(), { skills: '长'.repeat(201) }),
			'skills_too_long'
		],
		['a start that is not a date', () => add(clerk(), { startDate: '2026-13-01' }), 'bad_date'],
		[
			'a second open period',
			() => {
				add(clerk());
				return add(clerk(), { startDate: '2026-11-15' });
			},
			'already_volunteer'
		]
	])('refuses adding %s and changes nothing', (_name, act, reason) => {
		const before = reason === 'already_volunteer' ? null : counts();
		const r = act();
		expect(r).toEqual({ ok: false, reason });
		if (before) expect(counts()).toEqual(before);
		else expect(counts()[0]).toBe(1);
	});

	it('refuses a moved-away person', () => {
		const person = plainAdult();
		db.prepare(
			"update people set status = 'moved_out', status_date = '2026-10-01' where id = ?"
		).run(person);
		expect(add(clerk(), { personId: person })).toEqual({
			ok: false,
			reason: 'not_resident_adult'
		});
	});

	it.each([
		['a villager', villager, '2026-11-30', 'forbidden'],
		['the clerk, before the start', clerk, '2026-10-31', 'end_before_start'],
		['the clerk, with no date', clerk, '', 'bad_date']
	])('refuses ending by %s and changes nothing', (_name, actor, date, reason) => {
		const r = add(clerk());
		if (!r.ok) throw new Error(r.reason);
		const before = counts();
		expect(endVolunteer(db, actor(), village(), r.volunteer.id, date)).toEqual({
			ok: false,
			reason
		});
		expect(counts()).toEqual(before);
		expect(listVolunteers(db, village())[0].endDate).toBeNull();
	});

	it('refuses ending twice, and an unknown period', () => {
		const r = add(clerk());
		if (!r.ok) throw new Error(r.reason);
		expect(endVolunteer(db, clerk(), village(), r.volunteer.id, '2026-11-01').ok).toBe(true);
		expect(endVolunteer(db, clerk(), village(), r.volunteer.id, '2026-11-02')).toEqual({
			ok: false,
			reason: 'wrong_state'
		});
		expect(endVolunteer(db, clerk(), village(), 999_999, '2026-11-02')).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('finds resident adults by name or initials for the picker', () => {
		const name = db
			.prepare('select name, name_initials from people where id = ?')
			.get(plainAdult()) as {
			name: string;
			name_initials: string;
		};
		expect(
			volunteerCandidates(db, village(), '2026-11-20', name.name).map((c) => c.name)
		).toContain(name.name);
		expect(
			volunteerCandidates(db, village(), '2026-11-20', name.name_initials).map((c) => c.name)
		).toContain(name.name);
		expect(volunteerCandidates(db, village(), '2026-11-20', '')).toEqual([]);
	});
});
