import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import type { Actor } from '../permissions/actor';
import { assignHouseholds } from './contacts';
import {
	EMPTY_NOTES,
	checkNotes,
	householdNotes,
	updateHouseholdNotes,
	type HouseholdNotes
} from './notes';
import { partyMemberActor } from './test-fixture';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const NOW = new Date('2026-11-20T02:00:00Z');
const notes: HouseholdNotes = {
	...EMPTY_NOTES,
	situation: '老两口在家，儿子在外打工。',
	needs: '想办残疾证。',
	canHelp: '代办证件'
};

function contactOfAHousehold(): { member: Actor; household: number } {
	const member = partyMemberActor(db, village());
	const household = db
		.prepare(
			`select h.id from households h where h.village_id = ?
			 and exists (select 1 from people p where p.household_id = h.id and p.status = 'resident') order by h.id desc limit 1`
		)
		.pluck()
		.get(village()) as number;
	const r = assignHouseholds(
		db,
		demoActor(db, '13800000001'),
		village(),
		{ personId: member.personId!, householdIds: [household] },
		{ now: NOW }
	);
	if (!r.ok) throw new Error(r.reason);
	return { member, household };
}

describe('三知三能 notes: who reads and writes them', () => {
	const readers: [string, (member: Actor) => Actor, boolean][] = [
		['the household’s contact member', (m) => m, true],
		['the clerk', () => demoActor(db, '13800000001'), true],
		['the branch secretary', () => demoActor(db, '13800000002'), true],
		['another party member', () => partyMemberActor(db, village()), false],
		['a grid head', () => demoActor(db, '13800000004'), false],
		['a villager', () => demoActor(db, '13800000003'), false],
		['the supervision committee', () => demoActor(db, '13800000006'), false]
	];

	it.each(readers)('%s reads them: %s', (_, who, may) => {
		const { member, household } = contactOfAHousehold();
		expect(updateHouseholdNotes(db, member, village(), household, notes, { now: NOW }).ok).toBe(
			true
		);
		const read = householdNotes(db, village(), household, who(member));
		expect(read === null ? null : read.needs).toBe(may ? '想办残疾证。' : null);
	});

	it.each(readers)('%s writes them: %s', (_, who, may) => {
		const { member, household } = contactOfAHousehold();
		const r = updateHouseholdNotes(db, who(member), village(), household, notes, { now: NOW });
		expect(r.ok ? true : r.reason).toBe(may ? true : 'not_found');
		const audits = db
			.prepare("select count(*) from audit where action = 'household.notes_updated'")
			.pluck()
			.get();
		expect(audits).toBe(may ? 1 : 0);
	});

	it('keeps the notes before and after in the audit entry', () => {
		const { member, household } = contactOfAHousehold();
		updateHouseholdNotes(db, member, village(), household, notes, { now: NOW });
		updateHouseholdNotes(
			db,
			member,
			village(),
			household,
			{ ...notes, needs: '已办好。' },
			{ now: NOW }
		);
		const last = db
			.prepare(
				"select before, after from audit where action = 'household.notes_updated' order by id desc limit 1"
			)
			.get() as { before: string; after: string };
		expect(JSON.parse(last.before).needs).toBe('想办残疾证。');
		expect(JSON.parse(last.after).needs).toBe('已办好。');
	});

	it('a member who is no longer the contact reads them no more', () => {
		const { member, household } = contactOfAHousehold();
		updateHouseholdNotes(db, member, village(), household, notes, { now: NOW });
		db.prepare("update household_contacts set end_date = '2026-11-20' where household_id = ?").run(
			household
		);
		expect(householdNotes(db, village(), household, member)).toBeNull();
	});
});

describe('三知三能 notes: what they may hold', () => {
	it.each([
		[
			'an 18-digit resident ID',
			{ situation: '户主身份证230302195601011234' },
			'situation',
			'id_number'
		],
		['an ID ending in X', { needs: '23030219560101123X 补办' }, 'needs', 'id_number'],
		['an ID written with spaces', { opinions: '230302 19560101 1234' }, 'opinions', 'id_number'],
		['an old 15-digit ID', { canReach: '230302560101123' }, 'canReach', 'id_number'],
		['a mobile number', { canReach: '找他儿子 13912345678' }, 'canReach', 'phone_number'],
		['a field over 200 characters', { canHelp: '帮'.repeat(201) }, 'canHelp', 'too_long'],
		[
			'a health note without consent',
			{ health: '高血压，按时吃药。' },
			'health',
			'health_without_consent'
		]
	])('refuses %s', (_, over, field, reason) => {
		expect(checkNotes({ ...notes, ...over })).toEqual({ field, reason });
	});

	it.each([
		['a date and a house number', { situation: '2026年11月20日走访，3号院' }],
		['200 characters', { canHelp: '帮'.repeat(200) }],
		[
			'a health note the villager agreed to',
			{ health: '高血压，按时吃药。', healthConsented: true }
		]
	])('accepts %s', (_, over) => {
		expect(checkNotes({ ...notes, ...over })).toBeNull();
	});

	it('stores nothing when refused, and drops a consent given to no health note', () => {
		const { member, household } = contactOfAHousehold();
		const refused = updateHouseholdNotes(
			db,
			member,
			village(),
			household,
			{ ...notes, health: '糖尿病' },
			{ now: NOW }
		);
		expect(refused).toEqual({ ok: false, reason: 'health_without_consent', field: 'health' });
		expect(householdNotes(db, village(), household, member)).toBeNull();
		const r = updateHouseholdNotes(
			db,
			member,
			village(),
			household,
			{ ...notes, healthConsented: true },
			{ now: NOW }
		);
		expect(r.ok && r.notes.healthConsented).toBe(false);
	});
});
