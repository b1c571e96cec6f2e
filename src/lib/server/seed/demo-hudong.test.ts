import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { verifyChain } from '../audit/chain.js';
import { todayInChina } from '../calendar/dates';
import { presetPeriod } from '../figures/period';
import { townshipOverview } from '../township/overview';
import { villagesOfTownship } from '../villages/townships';
import { seedDemo } from './demo';
import { DEMO_SECOND_VILLAGE } from './demo-township';

let t: ReturnType<typeof createTestDb>;
beforeAll(async () => {
	t = createTestDb();
	await seedDemo(t.db);
}, 120_000);
afterAll(() => t.cleanup());

describe('the demo township’s second village, 湖东村', () => {
	it('has a small roster with its clerk 孙海燕 on it, her login linked to her entry', () => {
		const v = t.db.prepare('select id from villages where slug = ?').pluck().get('hudong');
		expect(t.db.prepare('select count(*) from people where village_id = ?').pluck().get(v)).toBe(
			10
		);
		expect(
			t.db
				.prepare('select p.name from users u join people p on p.id = u.person_id where u.phone = ?')
				.pluck()
				.get(DEMO_SECOND_VILLAGE.clerk.phone)
		).toBe('孙海燕');
		expect(verifyChain(t.db).ok).toBe(true);
	});

	it('is late in the township overview in more respects than 新阳村, and listed first', () => {
		const today = todayInChina();
		const township = t.db
			.prepare("select township_id from villages where slug = 'hudong'")
			.pluck()
			.get() as number;
		const rows = townshipOverview(
			t.db,
			villagesOfTownship(t.db, township),
			today,
			presetPeriod('year', today)
		);
		const hudong = rows.find((r) => r.village.slug === 'hudong')!;
		const xinyang = rows.find((r) => r.village.slug === 'xinyang')!;
		expect(hudong.late).toBe(true);
		expect(hudong.lateReasons).toEqual([
			'general_disclosure',
			'finance_disclosure',
			'overdue_topics',
			'overdue_cases'
		]);
		expect(hudong.overdue).toEqual({ topics: 1, objections: 0, cases: 1 });
		// 新阳村's own story leaves topics and cases overdue too, but it keeps its disclosure cadence.
		expect(xinyang.disclosure.late).toBe(false);
		expect(hudong.lateReasons.length).toBeGreaterThan(xinyang.lateReasons.length);
		expect(rows[0].village.slug).toBe('hudong');
	});
});
