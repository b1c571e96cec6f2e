// The bench's arithmetic, in plain JavaScript so that scripts/bench.js imports it as it is and the
// unit tests check it: percentiles, medians, and the open-loop run's arrival schedule.
import { seededRandom } from '../../random.js';

/**
 * The nearest-rank percentile of an ascending list: the smallest value with at least q of the
 * list at or below it (p99 of 100 values is the 99th, never an average of two).
 * @param {readonly number[]} sorted ascending
 * @param {number} q in (0, 1]
 */
export function percentile(sorted, q) {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil(q * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Count, p50, p90, p99 and max of a list of latencies (ms), rounded to 0.1 ms.
 * @param {readonly number[]} latencies
 */
export function summarize(latencies) {
	const sorted = [...latencies].sort((a, b) => a - b);
	const round = (/** @type {number} */ n) => Math.round(n * 10) / 10;
	return {
		count: sorted.length,
		p50: round(percentile(sorted, 0.5)),
		p90: round(percentile(sorted, 0.9)),
		p99: round(percentile(sorted, 0.99)),
		max: round(sorted.at(-1) ?? NaN)
	};
}

/**
 * The median of a few runs (Lighthouse's scores vary from run to run); of an even count, the
 * lower middle one, so the figure is a score some run actually had.
 * @param {readonly number[]} values
 */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * @template {string} K
 * @typedef {{ at: number, kind: K }} Arrival `at`: ms after the run starts
 */

/**
 * Reads at a fixed rate: one every 1000/rate ms for `seconds`, each a page drawn by `weights`
 * with a seeded generator, so the same run asks for the same pages at the same times.
 * @template {string} K
 * @param {{ rate: number, seconds: number, weights: Record<K, number>, seed: number }} options
 * @returns {Arrival<K>[]}
 */
export function fixedRateArrivals({ rate, seconds, weights, seed }) {
	const random = seededRandom(seed);
	const kinds = /** @type {[K, number][]} */ (Object.entries(weights)).filter(([, w]) => w > 0);
	const total = kinds.reduce((sum, [, w]) => sum + w, 0);
	const count = Math.round(rate * seconds);
	/** @type {Arrival<K>[]} */
	const out = [];
	for (let i = 0; i < count; i++) {
		let draw = random() * total;
		let kind = kinds[kinds.length - 1][0];
		for (const [k, w] of kinds) {
			if (draw < w) {
				kind = k;
				break;
			}
			draw -= w;
		}
		out.push({ at: (i * 1000) / rate, kind });
	}
	return out;
}

/**
 * `count` arrivals at independent uniform times over `seconds` (voters do not vote on a
 * metronome: some come close together), in order of time.
 * @param {{ count: number, seconds: number, seed: number }} options
 * @returns {number[]} ms after the run starts
 */
export function uniformArrivals({ count, seconds, seed }) {
	const random = seededRandom(seed);
	return Array.from({ length: count }, () => random() * seconds * 1000).sort((a, b) => a - b);
}
