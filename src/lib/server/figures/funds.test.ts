import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, household, topic, type World } from './test-world';
import { fundsBySource } from './funds';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

function implementation(createdAt: string, lines: [string, number][]) {
	const [p] = household(w, w.grids[0]).people;
	const t = topic(w, {
		person: p,
		submittedAt: '2026-01-05T02:00:00.000Z',
		state: 'four_plus_two'
	});
	const i = w.db
		.prepare(
			`insert into implementations (village_id, topic_id, responsible_person_id, plan, created_by, created_at)
			 values (?, ?, ?, '施工', ?, ?) returning id`
		)
		.pluck()
		.get(w.village, t, p, w.user, createdAt);
	for (const [source, fen] of lines)
		w.db
			.prepare(
				'insert into implementation_budget_lines (implementation_id, source, amount_fen) values (?, ?, ?)'
			)
			.run(i, source, fen);
}

describe('funds by source', () => {
	it('sums the budget lines of implementations begun in the period, per source, largest first', () => {
		implementation('2026-02-28T16:00:00.000Z', [
			['村集体自筹', 500000],
			['中央扶持资金', 2000000]
		]);
		implementation('2026-03-15T02:00:00.000Z', [['村集体自筹', 300000]]);
		// 1 April in China: outside March.
		implementation('2026-03-31T16:00:00.000Z', [['社会捐赠', 100000]]);
		const f = fundsBySource(w.db, {
			villageId: w.village,
			from: '2026-03-01',
			to: '2026-03-31',
			gridId: null
		});
		expect(f).toEqual({
			sources: [
				{ source: '中央扶持资金', amountFen: 2000000, projects: 1 },
				{ source: '村集体自筹', amountFen: 800000, projects: 2 }
			],
			totalFen: 2800000,
			projects: 2
		});
	});

	it('is empty, not an error, when nothing was begun', () => {
		const f = fundsBySource(w.db, {
			villageId: w.village,
			from: '2026-03-01',
			to: '2026-03-31',
			gridId: null
		});
		expect(f).toEqual({ sources: [], totalFen: 0, projects: 0 });
	});
});
