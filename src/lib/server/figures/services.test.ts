import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, household, serviceCase, type CaseRow, type World } from './test-world';
import { serviceFigures } from './services';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

const period = (gridId: number | null = null) => ({
	villageId: w.village,
	from: '2026-03-01',
	to: '2026-04-30',
	gridId
});

type Case = Omit<CaseRow, 'person'>;
const D = '2026-03-10';
const DISPATCHED = ['dispatched'];

describe('service cases: 受理率, 办结率, 满意率', () => {
	it.each<[string, Case[], Record<string, number | null>]>([
		[
			'nothing filed: every rate is —',
			[],
			{ filed: 0, acceptancePermille: null, completionPermille: null, satisfactionPermille: null }
		],
		[
			'withdrawn before dispatch is not counted; after dispatch it is filed and accepted',
			[
				{ state: 'withdrawn', filedOn: D },
				{ state: 'withdrawn', filedOn: D, steps: ['dispatched', 'withdrawn'] },
				{ state: 'submitted', filedOn: D }
			],
			{ filed: 2, accepted: 1, completed: 0, acceptancePermille: 500, completionPermille: 0 }
		],
		[
			'referred and became_topic count as accepted without a dispatch; a decline back to submitted keeps its dispatch',
			[
				{ state: 'referred', filedOn: D, steps: ['referred'] },
				{ state: 'became_topic', filedOn: D, steps: ['became_topic'] },
				{ state: 'submitted', filedOn: D, steps: ['dispatched', 'declined'] },
				{ state: 'submitted', filedOn: D }
			],
			{ filed: 4, accepted: 3, acceptancePermille: 750, completionPermille: 0 }
		],
		[
			'办结 is completed, closed or owed a follow-up, over accepted',
			[
				{ state: 'completed', filedOn: D, steps: DISPATCHED },
				{ state: 'closed', filedOn: D, steps: DISPATCHED, rating: 'satisfied' },
				{ state: 'follow_up', filedOn: D, steps: DISPATCHED, rating: 'unsatisfied' },
				{ state: 'in_progress', filedOn: D, steps: DISPATCHED }
			],
			{ filed: 4, accepted: 4, completed: 3, completionPermille: 750 }
		],
		[
			'满意率 is (满意 + 基本满意) over rated, unrated completed cases left out',
			[
				{ state: 'closed', filedOn: D, steps: DISPATCHED, rating: 'satisfied' },
				{ state: 'closed', filedOn: D, steps: DISPATCHED, rating: 'basically_satisfied' },
				{ state: 'follow_up', filedOn: D, steps: DISPATCHED, rating: 'unsatisfied' },
				{ state: 'completed', filedOn: D, steps: DISPATCHED }
			],
			{ rated: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1, satisfactionPermille: 667 }
		],
		[
			'the period is by filing date, both ends included',
			[
				{ state: 'submitted', filedOn: '2026-02-28' },
				{ state: 'submitted', filedOn: '2026-03-01' },
				{ state: 'submitted', filedOn: '2026-04-30' },
				{ state: 'submitted', filedOn: '2026-05-01' }
			],
			{ filed: 2 }
		]
	])('%s', (_, cases, expected) => {
		const [p] = household(w, w.grids[0]).people;
		for (const c of cases) serviceCase(w, { person: p, ...c });
		expect(serviceFigures(w.db, period())).toMatchObject(expected);
	});

	it('breaks down by category and month with days to completion, and narrows to a grid', () => {
		const [a] = household(w, w.grids[0]).people;
		const [b] = household(w, w.grids[1]).people;
		const done = (person: number, category: string, filedOn: string, days: number) =>
			serviceCase(w, {
				person,
				category,
				state: 'closed',
				filedOn,
				steps: ['dispatched', 'accepted', 'completed', 'rated'],
				rating: 'satisfied',
				createdAt: `${filedOn}T01:00:00.000Z`,
				completedAt: new Date(
					Date.parse(`${filedOn}T01:00:00.000Z`) + days * 86400000
				).toISOString()
			});
		done(a, 'repair', '2026-03-02', 2);
		done(a, 'repair', '2026-04-02', 4);
		done(b, 'repair', '2026-04-03', 9);
		done(b, 'certificate', '2026-04-03', 1);
		const all = serviceFigures(w.db, period());
		expect(all.daysToCompletion).toEqual({ count: 4, median: 3, mean: 4 });
		expect(all.byCategory.map((c) => [c.category, c.filed, c.daysToCompletion.median])).toEqual([
			['repair', 3, 4],
			['certificate', 1, 1]
		]);
		expect(all.byMonth.map((m) => [m.month, m.filed, m.completed])).toEqual([
			['2026-03', 1, 1],
			['2026-04', 3, 3]
		]);
		const first = serviceFigures(w.db, period(w.grids[0]));
		expect(first.filed).toBe(2);
		expect(first.daysToCompletion).toEqual({ count: 2, median: 3, mean: 3 });
	});
});
