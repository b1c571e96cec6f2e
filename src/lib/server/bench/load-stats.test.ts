import { describe, expect, it } from 'vitest';
import { fixedRateArrivals, median, percentile, summarize, uniformArrivals } from './load-stats.js';

describe('the bench arithmetic', () => {
	it('takes the nearest-rank percentile', () => {
		const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(percentile(hundred, 0.5)).toBe(50);
		expect(percentile(hundred, 0.99)).toBe(99);
		expect(percentile(hundred, 1)).toBe(100);
		expect(percentile([7], 0.99)).toBe(7);
		// One slow answer in ten is the p99 of ten answers, not hidden by interpolation.
		expect(percentile([1, 1, 1, 1, 1, 1, 1, 1, 1, 900], 0.99)).toBe(900);
		expect(percentile([], 0.5)).toBeNaN();
	});

	it('summarizes latencies without assuming they come sorted', () => {
		expect(summarize([30, 10, 20.04, 40])).toEqual({
			count: 4,
			p50: 20,
			p90: 40,
			p99: 40,
			max: 40
		});
	});

	it('takes the median of runs as a value some run had', () => {
		expect(median([93, 100, 97])).toBe(97);
		expect(median([90, 99])).toBe(90);
		expect(median([95])).toBe(95);
	});

	it('schedules reads at a fixed rate, drawn by weight, the same every time', () => {
		const options = { rate: 150, seconds: 20, weights: { a: 3, b: 1, never: 0 }, seed: 7 };
		const arrivals = fixedRateArrivals(options);
		expect(arrivals).toHaveLength(3000);
		expect(arrivals[1].at - arrivals[0].at).toBeCloseTo(1000 / 150);
		expect(arrivals.at(-1)!.at).toBeLessThan(20_000);
		const a = arrivals.filter((r) => r.kind === 'a').length;
		expect(a / arrivals.length).toBeGreaterThan(0.7);
		expect(a / arrivals.length).toBeLessThan(0.8);
		expect(arrivals.some((r) => r.kind === 'never')).toBe(false);
		expect(fixedRateArrivals(options)).toEqual(arrivals);
	});

	it('spreads ballots over the window in order of time', () => {
		const times = uniformArrivals({ count: 300, seconds: 20, seed: 3 });
		expect(times).toHaveLength(300);
		expect(times.every((t, i) => t >= 0 && t < 20_000 && (i === 0 || t >= times[i - 1]))).toBe(
			true
		);
		// Uniform: each quarter of the window gets roughly a quarter of the voters.
		const firstQuarter = times.filter((t) => t < 5000).length;
		expect(firstQuarter).toBeGreaterThan(50);
		expect(firstQuarter).toBeLessThan(100);
	});
});
