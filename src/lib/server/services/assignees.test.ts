import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { assigneeCandidates, mayBeAssigned } from './assignees';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const DAY = '2026-11-20';

describe('who a case can be dispatched to', () => {
	it('lists committee members, grid heads and party members once each, with every capacity', () => {
		const list = assigneeCandidates(db, village(), DAY);
		const gridHead = list.find((c) => c.personId === demoActor(db, '13800000004').personId);
		expect(gridHead?.kinds).toContain('grid_head');
		const roles = db
			.prepare(
				`select count(distinct person_id) from roles where village_id = ? and role in
				 ('villagers_committee', 'branch_committee', 'branch_secretary', 'grid_head', 'party_member')
				 and start_date <= ? and (end_date is null or end_date >= ?)`
			)
			.pluck()
			.get(village(), DAY, DAY) as number;
		expect(list.length).toBe(roles);
		expect(new Set(list.map((c) => c.personId)).size).toBe(list.length);
	});

	it('adds a volunteer while they serve, and only then', () => {
		const villager = demoActor(db, '13800000003').personId!;
		expect(mayBeAssigned(db, village(), villager, DAY)).toBe(false);
		db.prepare(
			"insert into volunteers (village_id, person_id, skills, start_date, end_date) values (?, ?, '陪同就医', '2026-11-01', '2026-11-30')"
		).run(village(), villager);
		expect(mayBeAssigned(db, village(), villager, DAY)).toBe(true);
		expect(
			assigneeCandidates(db, village(), DAY).find((c) => c.personId === villager)?.kinds
		).toEqual(['volunteer']);
		expect(mayBeAssigned(db, village(), villager, '2026-12-01')).toBe(false);
	});

	it('leaves out an ordinary villager and a role that ended', () => {
		const rep = demoActor(db, '13800000005').personId!;
		const only = db
			.prepare("select role from roles where person_id = ? and role <> 'village_rep'")
			.pluck()
			.all(rep);
		expect(mayBeAssigned(db, village(), rep, DAY)).toBe(only.length > 0);
		const party = db
			.prepare("select person_id from roles where village_id = ? and role = 'party_member' limit 1")
			.pluck()
			.get(village()) as number;
		db.prepare("update roles set end_date = '2026-11-10' where person_id = ?").run(party);
		expect(mayBeAssigned(db, village(), party, DAY)).toBe(false);
	});
});
