import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, household, topic, type World } from './test-world';
import { topicFigures } from './topics';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

const march = (gridId: number | null = null) => ({
	villageId: w.village,
	from: '2026-03-01',
	to: '2026-03-31',
	gridId
});

describe('topics by category, state and month', () => {
	it('counts topics submitted in the period by China date, at both boundaries', () => {
		const [a] = household(w, w.grids[0]).people;
		// 2026-02-28T16:30Z is 00:30 on 1 March in China: inside. 2026-03-31T16:00Z is 1 April: outside.
		topic(w, { person: a, submittedAt: '2026-02-28T16:30:00.000Z', category: 'ecology' });
		topic(w, { person: a, submittedAt: '2026-02-28T15:59:00.000Z' });
		topic(w, { person: a, submittedAt: '2026-03-31T15:59:00.000Z', state: 'withdrawn' });
		topic(w, { person: a, submittedAt: '2026-03-31T16:00:00.000Z' });
		const f = topicFigures(w.db, march());
		expect(f.submitted).toBe(2);
		expect(f.byCategory).toMatchObject({ ecology: 1, livelihood: 1, dispute: 0 });
		expect(f.byState).toMatchObject({ submitted: 1, withdrawn: 1, completed: 0 });
		expect(f.byMonth).toEqual([{ month: '2026-03', count: 2 }]);
	});

	it('narrows to a grid by the household of the villager the topic is for', () => {
		const [a] = household(w, w.grids[0]).people;
		const [b] = household(w, w.grids[1]).people;
		topic(w, { person: a, submittedAt: '2026-03-02T02:00:00.000Z' });
		topic(w, { person: b, submittedAt: '2026-03-02T02:00:00.000Z' });
		topic(w, { person: b, submittedAt: '2026-03-03T02:00:00.000Z' });
		// Filed by a cadre for no one: the village's, no grid's.
		topic(w, { person: null, submittedAt: '2026-03-03T02:00:00.000Z' });
		expect(topicFigures(w.db, march()).submitted).toBe(4);
		expect(topicFigures(w.db, march(w.grids[0])).submitted).toBe(1);
		expect(topicFigures(w.db, march(w.grids[1])).submitted).toBe(2);
	});

	it('takes median and mean days to triage over triaged topics and to completion over completed ones', () => {
		const [a] = household(w, w.grids[0]).people;
		const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T02:00:00.000Z`;
		topic(w, { person: a, submittedAt: day(1), triagedAt: day(2), state: 'direct' });
		topic(w, {
			person: a,
			submittedAt: day(1),
			triagedAt: day(4),
			state: 'completed',
			closedAt: day(11),
			endKind: 'direct'
		});
		topic(w, {
			person: a,
			submittedAt: day(1),
			triagedAt: day(9),
			state: 'not_accepted',
			closedAt: day(9)
		});
		topic(w, { person: a, submittedAt: day(1) });
		const f = topicFigures(w.db, march());
		// 1, 3 and 8 days.
		expect(f.daysToTriage).toEqual({ count: 3, median: 3, mean: 4 });
		// A topic refused at triage is closed but never 办结.
		expect(f.daysToCompletion).toEqual({ count: 1, median: 10, mean: 10 });
	});

	it('shows every month of the period, empty ones as zero', () => {
		const f = topicFigures(w.db, {
			villageId: w.village,
			from: '2026-01-15',
			to: '2026-03-02',
			gridId: null
		});
		expect(f.byMonth).toEqual([
			{ month: '2026-01', count: 0 },
			{ month: '2026-02', count: 0 },
			{ month: '2026-03', count: 0 }
		]);
		expect(f.daysToTriage.median).toBeNull();
	});
});
