import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { assigneeCandidates } from '../services/assignees';
import { seedDemo } from './demo';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
});
afterAll(() => cleanup());

describe('the demo’s grid points and volunteers', () => {
	it('has a log at every grid, in every outcome, some still open, linked through the grid point', () => {
		// 新阳村's grids: 湖东村, the township's second village, keeps no grid-point log.
		const grids = db
			.prepare(
				"select count(*) from grids where village_id = (select id from villages where slug = 'xinyang')"
			)
			.pluck()
			.get();
		const byGrid = db.prepare('select count(distinct grid_id) from grid_point_items').pluck().get();
		expect(byGrid).toBe(grids);
		const outcomes = db
			.prepare(
				'select outcome, count(*) as n from grid_point_items group by outcome order by outcome'
			)
			.all() as { outcome: string; n: number }[];
		expect(outcomes.map((o) => o.outcome)).toEqual(['note', 'open', 'service_case', 'topic']);
		expect(outcomes.every((o) => o.n > 0)).toBe(true);
		const channels = db
			.prepare(
				`select distinct c.channel from grid_point_items i join service_cases c on c.id = i.service_case_id
				 union select distinct t.channel from grid_point_items i join topics t on t.id = i.topic_id`
			)
			.pluck()
			.all();
		expect(channels).toEqual(['grid_point']);
	});

	it('has five to eight volunteers serving, each dispatchable', () => {
		const today = todayInChina();
		const serving = db
			.prepare('select person_id from volunteers where end_date is null')
			.pluck()
			.all() as number[];
		expect(serving.length).toBeGreaterThanOrEqual(5);
		expect(serving.length).toBeLessThanOrEqual(8);
		const villageId = db.prepare('select id from villages').pluck().get() as number;
		const volunteers = assigneeCandidates(db, villageId, today)
			.filter((c) => c.kinds.includes('volunteer'))
			.map((c) => c.personId);
		expect(volunteers.sort()).toEqual([...serving].sort());
	});
});
