import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { TINY, generate } from './township';
import { villageStatistics } from '../figures/statistics';
import { VISIT_WEEKS } from './township-visits';

describe('the benchmark township’s household visits', () => {
	it('gives every household a contact and most of them a weekly visit, as the statistics page reads them', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'yishiting-bench-'));
		try {
			const g = await generate(join(dir, 't.db'), TINY, { today: '2026-11-27' });
			const households = TINY.people / 3;
			// Nine visits in ten, each week, for every household.
			expect(g.counts.household_visits).toBeGreaterThan(0.8 * households * VISIT_WEEKS);
			expect(g.counts.household_visits).toBeLessThanOrEqual(households * VISIT_WEEKS);
			const db = openDatabase(join(dir, 't.db'));
			try {
				const v = db
					.prepare('select id from villages where slug = ?')
					.pluck()
					.get(g.slug) as number;
				const s = villageStatistics(db, {
					villageId: v,
					from: '2026-01-01',
					to: '2026-11-27',
					gridId: null
				});
				expect(s.visits.contactPermille).toBe(1000);
				expect(s.visits.withinCadencePermille).toBeGreaterThan(700);
				expect(s.visits.withinCadencePermille).toBeLessThan(1000);
			} finally {
				db.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
