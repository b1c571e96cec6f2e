// The roles a login's person holds on a day, as the accounts page lists them.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { rolesOfLoginsOn } from './person-accounts';

let db: Db;
useDemoVillageDb((d) => (db = d));

describe('rolesOfLoginsOn', () => {
	it('lists the supervisor and the representative by their roster roles, not as villagers', () => {
		const v = demoVillageId(db);
		const held = rolesOfLoginsOn(db, v, '2026-12-05');
		expect(held.get(demoActor(db, '13800000006').userId)).toContain('supervision_committee');
		expect(held.get(demoActor(db, '13800000005').userId)).toContain('village_rep');
		expect(held.get(demoActor(db, '13800000004').userId)).toContain('grid_head');
	});

	it('counts a term on the days it runs, and a party member as probationary until full', () => {
		const v = demoVillageId(db);
		const villager = demoActor(db, '13800000003');
		db.prepare('delete from roles where person_id = ?').run(villager.personId);
		const add = db.prepare(
			'insert into roles (village_id, person_id, role, start_date, end_date, full_since) values (?, ?, ?, ?, ?, ?)'
		);
		add.run(v, villager.personId, 'village_rep', '2024-01-01', '2026-06-30', null);
		add.run(v, villager.personId, 'party_member', '2026-03-01', null, '2027-03-01');
		add.run(v, villager.personId, 'household_rep', '2026-07-01', null, null);
		const cases: [string, string[] | undefined][] = [
			['2023-12-31', undefined],
			['2024-01-01', ['village_rep']],
			['2026-03-01', ['village_rep', 'party_probationary']],
			['2026-06-30', ['village_rep', 'party_probationary']],
			['2026-07-01', ['household_rep', 'party_probationary']],
			['2027-03-01', ['household_rep', 'party_full']]
		];
		for (const [day, expected] of cases)
			expect([day, rolesOfLoginsOn(db, v, day).get(villager.userId)]).toEqual([day, expected]);
	});
});
