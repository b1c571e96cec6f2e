import { describe, expect, it } from 'vitest';
import { bind, daysOf, monthsBetween, parsePeriodQuery, permille, presetPeriod } from './period';

describe('permille', () => {
	it.each([
		[0, 0, null],
		[0, 4, 0],
		[1, 3, 333],
		[2, 3, 667],
		[7, 7, 1000]
	])('%i of %i is %s', (part, whole, expected) => {
		expect(permille(part, whole)).toBe(expected);
	});
});

describe('days: median and mean', () => {
	it.each([
		[[], { count: 0, median: null, mean: null }],
		[[2.04], { count: 1, median: 2, mean: 2 }],
		[[5, 1, 3], { count: 3, median: 3, mean: 3 }],
		[[1, 2, 4, 10], { count: 4, median: 3, mean: 4.3 }]
	])('%j', (values, expected) => {
		expect(daysOf(values)).toEqual(expected);
	});
});

describe('periods', () => {
	it.each([
		['month', '2026-05-17', '2026-05-01'],
		['quarter', '2026-05-17', '2026-04-01'],
		['quarter', '2026-12-31', '2026-10-01'],
		['year', '2026-05-17', '2026-01-01']
	] as const)('%s containing %s starts on %s', (preset, today, from) => {
		expect(presetPeriod(preset, today)).toEqual({ from, to: today });
	});

	it('lists the months a period touches, across a year', () => {
		expect(monthsBetween('2025-11-20', '2026-02-01')).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02'
		]);
	});

	it.each([
		['', { ok: true, from: '2026-01-01', to: '2026-05-17', gridId: null }],
		['preset=quarter&grid=7', { ok: true, from: '2026-04-01', to: '2026-05-17', gridId: 7 }],
		[
			'from=2026-02-01&to=2026-02-28&grid=99',
			{ ok: true, from: '2026-02-01', to: '2026-02-28', gridId: null }
		],
		['from=2026-02-30&to=bad', { ok: true, from: '2026-01-01', to: '2026-05-17', gridId: null }],
		[
			'from=2026-03-01&to=2026-02-01',
			{ ok: false, reason: 'bad_period', from: '2026-01-01', to: '2026-05-17', gridId: null }
		],
		[
			'from=2000-01-01&to=2026-02-01',
			{ ok: false, reason: 'bad_period', from: '2026-01-01', to: '2026-05-17', gridId: null }
		]
	])('?%s', (query, expected) => {
		expect(parsePeriodQuery(new URLSearchParams(query), '2026-05-17', [7, 8])).toEqual(expected);
	});

	it('bounds China dates on UTC timestamps: 00:00 China is 16:00 UTC the day before', () => {
		expect(
			bind({ villageId: 1, from: '2026-03-01', to: '2026-03-31', gridId: null })
		).toMatchObject({
			fromUtc: '2026-02-28T16:00:00.000Z',
			toUtc: '2026-03-31T16:00:00.000Z'
		});
	});
});
