import { describe, expect, it } from 'vitest';
import { overdueOf, stepDueFrom } from './deadlines';
import type { CaseState } from './records';

describe('step deadlines in working days', () => {
	it.each([
		['dispatch from a Friday', '2026-11-20', 'dispatch', false, '2026-11-23'],
		['urgent dispatch the same day', '2026-11-20', 'dispatch', true, '2026-11-20'],
		['accept before National Day', '2026-09-30', 'accept', false, '2026-10-08'],
		['follow-up visit, three working days', '2026-11-20', 'followUp', false, '2026-11-25'],
		['urgent does not shorten the follow-up', '2026-11-20', 'followUp', true, '2026-11-25']
	] as const)('%s: %s → %s', (_n, from, step, urgent, expected) =>
		expect(stepDueFrom(from, step, urgent, [])).toBe(expected)
	);
});

describe('overdue', () => {
	const c = (state: CaseState, dueOn: string, stepDueOn: string | null) => ({
		state,
		dueOn,
		stepDueOn
	});
	it.each([
		[
			'waiting for dispatch, on the step day',
			c('submitted', '2026-11-24', '2026-11-23'),
			'2026-11-23',
			null
		],
		[
			'waiting for dispatch, a day late',
			c('submitted', '2026-11-24', '2026-11-23'),
			'2026-11-24',
			'step'
		],
		[
			'dispatched, not accepted in time',
			c('dispatched', '2026-11-30', '2026-11-24'),
			'2026-11-25',
			'step'
		],
		['in progress, within the limit', c('in_progress', '2026-11-30', null), '2026-11-30', null],
		['in progress, past the limit', c('in_progress', '2026-11-30', null), '2026-12-01', 'case'],
		[
			'past both: the whole limit is named',
			c('dispatched', '2026-11-24', '2026-11-23'),
			'2026-11-25',
			'case'
		],
		[
			'a follow-up is judged by its own date',
			c('follow_up', '2026-11-24', '2026-12-02'),
			'2026-12-01',
			null
		],
		['a follow-up late', c('follow_up', '2026-11-24', '2026-12-02'), '2026-12-03', 'step'],
		['completed, awaiting the rating', c('completed', '2026-11-24', null), '2026-12-30', null],
		['closed', c('closed', '2026-11-24', null), '2026-12-30', null],
		['referred', c('referred', '2026-11-24', '2026-11-23'), '2026-12-30', null],
		['became a topic', c('became_topic', '2026-11-24', null), '2026-12-30', null],
		['withdrawn', c('withdrawn', '2026-11-24', null), '2026-12-30', null]
	] as const)('%s', (_n, sc, today, expected) => expect(overdueOf(sc, today)).toBe(expected));
});
