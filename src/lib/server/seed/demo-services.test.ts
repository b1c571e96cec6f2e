import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { createTestDb } from '../db/test-db';
import { seedDemo } from './demo';
import { demoVillageId } from './demo-test-db';
import { overdueOf } from '../services/deadlines';
import { CASE_STATES, type CaseState } from '../services/records';
import { todayInChina } from '../calendar/dates';
import { verifyChain } from '../audit/chain.js';

// The whole demo, seeded once: these tests only read it.
let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
});
afterAll(() => cleanup());

describe('the demo service window', () => {
	it('has cases in every state, each got there by its steps', () => {
		const states = db
			.prepare('select distinct state from service_cases where village_id = ?')
			.pluck()
			.all(demoVillageId(db)) as CaseState[];
		expect([...states].sort()).toEqual([...CASE_STATES].sort());
		const stepless = db
			.prepare(
				"select count(*) from service_cases c where not exists (select 1 from service_case_steps s where s.case_id = c.id and s.kind = 'filed')"
			)
			.pluck()
			.get();
		expect(stepless).toBe(0);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('has overdue cases at a step and past the whole limit, an unsatisfied one, and months of figures', () => {
		const today = todayInChina();
		const cases = db
			.prepare(
				'select state, due_on as dueOn, step_due_on as stepDueOn, rating, filed_on as filedOn from service_cases'
			)
			.all() as {
			state: CaseState;
			dueOn: string;
			stepDueOn: string | null;
			rating: string | null;
			filedOn: string;
		}[];
		const overdue = cases.map((c) => overdueOf(c, today));
		expect(overdue).toContain('step');
		expect(overdue).toContain('case');
		expect(cases.some((c) => c.rating === 'unsatisfied')).toBe(true);
		expect(new Set(cases.map((c) => c.filedOn.slice(0, 7))).size).toBeGreaterThanOrEqual(6);
	});
});
