import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '../audit/chain.js';
import { openDatabase } from '../db/open.js';
import { checkLogin } from '../auth/accounts';
import { meetingView } from '../meetings/view';
import { listCases } from '../services/queries';
import { TINY, STORM_PASSWORD, generate } from './township';

describe('the benchmark township', () => {
	it('generates the same database for the same scale, with working logins and open motions', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'yishiting-bench-'));
		try {
			const a = await generate(join(dir, 'a.db'), TINY, { today: '2026-11-27' });
			const b = await generate(join(dir, 'b.db'), TINY, { today: '2026-11-27' });
			expect(a.counts).toEqual(b.counts);
			expect(a.counts).toMatchObject({
				villages: 2,
				people: 600,
				topics: 200,
				topic_opinions: 20,
				meetings: 11,
				notices: 20,
				service_cases: 60
			});
			expect(a.counts.ballot_receipts).toBe(1000);
			const db = openDatabase(join(dir, 'a.db'));
			try {
				expect(await checkLogin(db, a.storm.phones[0], STORM_PASSWORD)).toMatchObject({ ok: true });
				const v = (
					db.prepare('select id from villages where slug = ?').get(a.slug) as { id: number }
				).id;
				const view = meetingView(db, v, a.storm.meetingId)!;
				expect(view.attendance).toMatchObject({ expectedVoting: 20, present: 20 });
				expect(view.agenda[0].motions.map((m) => m.state)).toEqual(Array(10).fill('open'));
				// Every closed meeting reads through the app's own view without error.
				const closed = db
					.prepare("select id from meetings where state = 'closed' limit 3")
					.pluck()
					.all() as number[];
				for (const id of closed)
					expect(meetingView(db, v, id)?.agenda[0].motions[0].state ?? 'closed').toBe('closed');
				// The window's list reads the generated cases: the first village's, some open and late.
				const cases = listCases(db, v, { kind: 'all' }, { pageSize: 100 }, '2026-11-27');
				expect(cases.total).toBe(TINY.firstVillageCases);
				expect(new Set(cases.items.map((c) => c.state)).size).toBeGreaterThan(3);
				const late = listCases(db, v, { kind: 'all' }, { overdue: true }, '2026-11-27');
				expect(late.total).toBeGreaterThan(0);
				expect(verifyChain(db).ok).toBe(true);
			} finally {
				db.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
