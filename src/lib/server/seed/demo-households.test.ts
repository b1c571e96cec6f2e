import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { coverageByGrid, membersWithHouseholds } from '../households/coverage';
import { householdNotes } from '../households/notes';
import { seedDemo } from './demo';
import { demoActor, demoVillageId } from './demo-test-db';
import { seedDemoHouseholds } from './demo-households';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

describe('the demo’s party members’ households', () => {
	it('gives each of the 35 members 3 to 6 households, leaves a few uncovered and some overdue', async () => {
		await seedDemo(db, { topics: false });
		const village = demoVillageId(db);
		const started = performance.now();
		seedDemoHouseholds(db, village);
		// Runs at every first start and in every e2e server: it must stay cheap.
		expect(performance.now() - started).toBeLessThan(2000);

		const members = membersWithHouseholds(db, village);
		expect(members).toHaveLength(35);
		for (const m of members) {
			expect(m.households.length).toBeGreaterThanOrEqual(3);
			expect(m.households.length).toBeLessThanOrEqual(6);
		}
		const overdue = members.filter((m) => m.overdue > 0).length;
		expect(overdue).toBeGreaterThan(0);
		expect(overdue).toBeLessThan(members.length);
		const uncovered = coverageByGrid(db, village).flatMap((g) => g.uncovered);
		expect(uncovered.length).toBeGreaterThanOrEqual(3);
		expect(uncovered.length).toBeLessThanOrEqual(10);

		const followed = db
			.prepare(
				`select c.channel, c.consent_kind as consentKind from household_visits v
				 join service_cases c on c.id = v.service_case_id`
			)
			.all();
		expect(followed).toEqual([{ channel: 'household_visit', consentKind: 'read_back' }]);
		const noted = db.prepare('select household_id from household_notes').pluck().all() as number[];
		expect(noted.length).toBeGreaterThan(0);
		expect(householdNotes(db, village, noted[0], demoActor(db, '13800000001'))).not.toBeNull();
		expect(householdNotes(db, village, noted[0], demoActor(db, '13800000003'))).toBeNull();
		expect(verifyChain(db).ok).toBe(true);
	});

	it('never makes a demo login the contact of another demo login’s household', async () => {
		await seedDemo(db, { topics: false });
		seedDemoHouseholds(db, demoVillageId(db));
		const crossed = db
			.prepare(
				`select count(*) from household_contacts c
				 where exists (select 1 from users u where u.person_id = c.person_id)
				   and exists (select 1 from people p join users u on u.person_id = p.id where p.household_id = c.household_id)`
			)
			.pluck()
			.get();
		expect(crossed).toBe(0);
	});
});
