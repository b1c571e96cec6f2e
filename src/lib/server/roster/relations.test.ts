import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { rosterFixture } from './test-fixture';
import {
	areCloseRelatives,
	closeRelativesOf,
	recordRelation,
	relativeCandidates,
	RELATIVE_CANDIDATES_MAX,
	removeRelation,
	type RelationKind
} from './relations';

let db: Db;
let cleanup: () => void;
let f: ReturnType<typeof rosterFixture>;
let clerk: Actor;
let [grandma, mother, son, daughter, aunt, stranger] = [0, 0, 0, 0, 0, 0];

beforeEach(() => {
	({ db, cleanup } = createTestDb());
	f = rosterFixture(db);
	clerk = { userId: f.clerkId, personId: null, role: 'clerk' };
	const h1 = f.household();
	const h2 = f.household();
	grandma = f.person(h2, '1940-01-01', { name: '奶奶', gender: 'f' });
	mother = f.person(h1, '1968-01-01', { name: '妈妈', gender: 'f' });
	son = f.person(h1, '1990-01-01', { name: '儿子' });
	daughter = f.person(h1, '1993-01-01', { name: '女儿', gender: 'f' });
	aunt = f.person(h2, '1970-01-01', { name: '姨妈', gender: 'f' });
	stranger = f.person(h2, '1970-01-01', { name: '邻居' });
});
afterEach(() => cleanup());

const record = (personId: number, relativeId: number, kind: string, actor = clerk) =>
	recordRelation(db, actor, f.villageId, { personId, relativeId, kind });
const auditCount = () => db.prepare('select count(*) from audit').pluck().get() as number;

describe('recordRelation and closeRelativesOf', () => {
	it.each<[string, () => number, () => number, RelationKind, RelationKind]>([
		['a parent, seen from the child', () => son, () => mother, 'parent', 'child'],
		['a child, seen from the parent', () => mother, () => son, 'child', 'parent'],
		['a grandparent', () => son, () => grandma, 'grandparent', 'grandchild'],
		['a grandchild', () => grandma, () => daughter, 'grandchild', 'grandparent'],
		['a sibling (either order)', () => daughter, () => son, 'sibling', 'sibling'],
		['a spouse', () => aunt, () => stranger, 'spouse', 'spouse']
	])('%s reads the right way from both sides', (_name, person, relative, kind, back) => {
		expect(record(person(), relative(), kind)).toEqual({ ok: true });
		expect(closeRelativesOf(db, f.villageId, person())).toEqual([
			expect.objectContaining({ personId: relative(), kind })
		]);
		expect(closeRelativesOf(db, f.villageId, relative())).toEqual([
			expect.objectContaining({ personId: person(), kind: back })
		]);
		expect(areCloseRelatives(db, person(), relative())).toBe(true);
		expect(areCloseRelatives(db, relative(), person())).toBe(true);
	});

	it('does not make relatives of relatives close relatives', () => {
		record(son, mother, 'parent');
		record(mother, aunt, 'sibling');
		expect(areCloseRelatives(db, son, aunt)).toBe(false);
	});

	it.each([
		['the same person', () => record(son, son, 'sibling'), 'same_person'],
		['an unknown kind', () => record(son, mother, 'cousin'), 'bad_kind'],
		['a person of no village', () => record(son, 99999, 'parent'), 'not_found'],
		[
			'a villager who is not staff',
			() =>
				record(son, mother, 'parent', {
					userId: f.clerkId + 1000,
					personId: son,
					role: 'villager'
				}),
			'forbidden'
		]
	])('refuses %s and changes nothing', (_name, attempt, reason) => {
		const before = auditCount();
		expect(attempt()).toEqual({ ok: false, reason });
		expect(closeRelativesOf(db, f.villageId, son)).toEqual([]);
		expect(auditCount()).toBe(before);
	});

	it('refuses a second relation between the same two people, in either direction', () => {
		expect(record(son, mother, 'parent')).toEqual({ ok: true });
		expect(record(mother, son, 'sibling')).toEqual({ ok: false, reason: 'already_related' });
		expect(record(son, mother, 'parent')).toEqual({ ok: false, reason: 'already_related' });
	});

	it('keeps another village’s people out', () => {
		const other = rosterFixture(db, 'other');
		const outsider = other.person(other.household(), '1970-01-01');
		expect(record(son, outsider, 'spouse')).toEqual({ ok: false, reason: 'not_found' });
	});
});

describe('removeRelation', () => {
	it('removes the pair from either side and audits what was there', () => {
		record(son, mother, 'parent');
		const before = auditCount();
		expect(removeRelation(db, clerk, f.villageId, mother, son)).toEqual({ ok: true });
		expect(areCloseRelatives(db, son, mother)).toBe(false);
		expect(auditCount()).toBe(before + 1);
		const entry = db
			.prepare("select before from audit where action = 'roster.relation_removed'")
			.pluck()
			.get() as string;
		expect(JSON.parse(entry)).toEqual({ relativeId: son, kind: 'child' });
	});

	it('answers not found for two people who are not related', () => {
		expect(removeRelation(db, clerk, f.villageId, son, aunt)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('relativeCandidates', () => {
	const ids = (r: { candidates: { id: number }[] }) => r.candidates.map((c) => c.id).sort();
	const personOf = (id: number) =>
		db.prepare('select id, household_id as householdId from people where id = ?').get(id) as {
			id: number;
			householdId: number;
		};

	it.each<[string, () => number, string, () => number[]]>([
		['without a search, the household but the person', () => son, '', () => [mother, daughter]],
		['a search across households', () => son, '奶', () => [grandma]],
		['a search finding the person alone offers no one', () => son, '儿子', () => []],
		['a household number', () => son, 'H2', () => [grandma, aunt, stranger]]
	])('%s', (_label, who, search, expected) => {
		const found = relativeCandidates(db, f.villageId, personOf(who()), search);
		expect(ids(found)).toEqual(expected().sort());
		expect(found.more).toBe(false);
	});

	it('leaves out those already recorded as relatives', () => {
		record(son, mother, 'parent');
		expect(ids(relativeCandidates(db, f.villageId, personOf(son), ''))).toEqual([daughter]);
	});

	it('shows each candidate’s household, telling namesakes apart', () => {
		const h3 = f.household('H3');
		f.person(h3, '1971-01-01', { name: '邻居' });
		const found = relativeCandidates(db, f.villageId, personOf(son), '邻居');
		expect(found.candidates.map((c) => [c.name, c.householdKey]).sort()).toEqual([
			['邻居', 'H2'],
			['邻居', 'H3']
		]);
	});

	it(`lists at most ${RELATIVE_CANDIDATES_MAX}, and says there are more`, () => {
		const h = f.household('H9');
		for (let i = 0; i <= RELATIVE_CANDIDATES_MAX; i++) f.person(h, '1980-01-01', { name: '同名' });
		const found = relativeCandidates(db, f.villageId, personOf(son), '同名');
		expect(found.candidates).toHaveLength(RELATIVE_CANDIDATES_MAX);
		expect(found.more).toBe(true);
	});
});
