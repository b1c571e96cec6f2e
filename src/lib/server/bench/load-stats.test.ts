import { describe, expect, it } from 'vitest';
import {
	fixedRateArrivals,
	median,
	percentile,
	roundOrder,
	sequentialLatencies,
	spread,
	summarize,
	speedRatio,
	stormRatio,
	summarizeRounds,
	uniformArrivals
} from './load-stats.js';

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

	it('turns the order of the loads each round, so none always follows the floor', () => {
		const loads = ['floor', 'baseline', 'page'];
		expect(roundOrder(loads, 0)).toEqual(['floor', 'baseline', 'page']);
		expect(roundOrder(loads, 1)).toEqual(['baseline', 'page', 'floor']);
		expect(roundOrder(loads, 2)).toEqual(['page', 'floor', 'baseline']);
		expect(roundOrder(loads, 3)).toEqual(loads);
		expect(roundOrder(['page'], 2)).toEqual(['page']);
		expect(loads).toEqual(['floor', 'baseline', 'page']);
	});

	it('takes each ratio within its round, the median of rounds and their range', () => {
		const load = (rps: number, p99 = 10) => ({ rps, p50: rps / 100, p99 });
		// The second round ran while the machine was busy: everything halved, the ratio did not.
		const rounds = [
			{ floor: load(1000), baseline: load(700), page: load(500, 12) },
			{ floor: load(500), baseline: load(350), page: load(240, 30) },
			{ floor: load(1000), baseline: load(700), page: load(560, 11) }
		];
		const s = summarizeRounds(rounds, ['floor', 'baseline']);
		expect(s.rps).toBe(500);
		expect(s.p99).toBe(12);
		expect(s.rounds).toEqual([500, 240, 560]);
		expect(s.vs.floor).toEqual({ median: 0.5, min: 0.48, max: 0.56 });
		expect(s.vs.baseline).toEqual({ median: 0.71, min: 0.69, max: 0.8 });
		expect(summarizeRounds([rounds[1]], ['floor']).vs.floor).toEqual({
			median: 0.48,
			min: 0.48,
			max: 0.48
		});
		expect(summarizeRounds(rounds, []).vs).toEqual({});
		expect(() => summarizeRounds([], ['floor'])).toThrow();
	});

	it('compares servers by their CPU per answer when both were watched, else by answers counted', () => {
		// The client saturates first: both loads counted 1,000 answers a second, but the page cost
		// its server twice the floor's CPU per answer.
		const floor = { rps: 1000, p50: 20, p99: 40, cpuMs: 0.25 };
		const page = { rps: 1000, p50: 20, p99: 40, cpuMs: 0.5 };
		expect(speedRatio(page, floor)).toBe(0.5);
		expect(speedRatio(floor, page)).toBe(2);
		expect(speedRatio({ rps: 300, p50: 1, p99: 2 }, floor)).toBe(0.3);
		const s = summarizeRounds(
			[
				{ floor, page },
				{ floor, page: { ...page, cpuMs: 0.4 } }
			],
			['floor']
		);
		expect(s.vs.floor).toEqual({ median: 0.5, min: 0.5, max: 0.63 });
		expect(s.cpuMs).toBe(0.4);
		expect(
			summarizeRounds([{ floor, page: { rps: 500, p50: 1, p99: 2 } }], ['floor'])
		).not.toHaveProperty('cpuMs');
	});

	it('rounds a spread to two decimals', () => {
		expect(spread([0.6249, 0.5, 0.71])).toEqual({ median: 0.62, min: 0.5, max: 0.71 });
	});

	it('times sequential renders after a warm-up, and counts a refused answer as failed', async () => {
		const statuses = [200, 200, 200, 303, 200, 200];
		const sent: number[] = [];
		let inFlight = 0;
		const send = async () => {
			inFlight++;
			// One at a time: the next request leaves only once this one is answered.
			expect(inFlight).toBe(1);
			await new Promise((r) => setTimeout(r, 2));
			inFlight--;
			const status = statuses[sent.length];
			sent.push(status);
			return status;
		};
		const r = await sequentialLatencies(send, {
			warmup: 2,
			count: 4,
			ok: (s) => s === 200
		});
		expect(sent).toHaveLength(6);
		// The warm-up's two are not timed; of the four timed, the redirect is a failure, not a time.
		expect(r.count).toBe(3);
		expect(r.failed).toBe(1);
		expect(r.p50).toBeGreaterThanOrEqual(1);
		expect(r.max).toBeGreaterThanOrEqual(r.p50);
		const broken = await sequentialLatencies(async () => 500, {
			warmup: 1,
			count: 2,
			ok: (s) => s === 200
		});
		expect(broken).toMatchObject({ count: 0, failed: 3 });
	});

	it.each([
		// A busy server: CPU per answer decides, whatever the client counted.
		{
			busy: 0.95,
			cpuMs: 2,
			rps: 400,
			base: { cpuMs: 1.5, rps: 800 },
			by: 'server CPU',
			ratio: 0.75
		},
		{ busy: 0.8, cpuMs: 3, rps: 700, base: { cpuMs: 1.5, rps: 800 }, by: 'server CPU', ratio: 0.5 },
		// A server that waited most of the time: CPU per ballot would flatter it.
		{
			busy: 0.5,
			cpuMs: 1,
			rps: 400,
			base: { cpuMs: 1.5, rps: 800 },
			by: 'answers counted',
			ratio: 0.5
		},
		// Not watched: counted.
		{
			busy: 0.9,
			cpuMs: 0,
			rps: 600,
			base: { cpuMs: 1.5, rps: 800 },
			by: 'answers counted',
			ratio: 0.75
		},
		{
			busy: 0.9,
			cpuMs: 2,
			rps: 600,
			base: { cpuMs: NaN, rps: 800 },
			by: 'answers counted',
			ratio: 0.75
		}
	])('judges the vote storm by $by when busy $busy', ({ busy, cpuMs, rps, base, by, ratio }) => {
		const r = stormRatio({ busy, cpuMs, rps }, base);
		expect(r.by).toBe(by);
		expect(r.ratio).toBeCloseTo(ratio, 6);
	});
});
