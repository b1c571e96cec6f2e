// The bench's arithmetic, in plain JavaScript so that scripts/bench.js imports it as it is and the
// unit tests check it: percentiles, medians, the rounds of side-by-side loads, the sequential
// cold renders, and the open-loop run's arrival schedule.
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

/**
 * The order of one round's loads: the list turned by the round's number, so that no load is
 * always the one after the floor (a cool machine) or after the heaviest page.
 * @template T
 * @param {readonly T[]} loads
 * @param {number} round from 0
 * @returns {T[]}
 */
export function roundOrder(loads, round) {
	const turn = loads.length === 0 ? 0 : round % loads.length;
	return [...loads.slice(turn), ...loads.slice(0, turn)];
}

/**
 * @typedef {{ rps: number, p50: number, p99: number, cpuMs?: number }} Load one closed-loop load's
 *   figures; `cpuMs`, the server's CPU time per answer, when its process could be watched
 * @typedef {{ median: number, min: number, max: number }} Spread
 */

/**
 * How fast one load's server was against another's: by the server's CPU time per answer when
 * both were watched, else by the answers the client counted. The client, autocannon on one
 * thread, is itself the limit for a page that costs the server well under a millisecond (a
 * profile of the notice board from memory showed the server idle half the time), and it spends
 * more on a larger page, so requests counted would compare the client's work, not the server's.
 * @param {Load} a @param {Load} b
 */
export const speedRatio = (a, b) => (a.cpuMs && b.cpuMs ? b.cpuMs / a.cpuMs : a.rps / b.rps);

/** The share of a storm's time its server must have been busy for CPU per answer to decide. */
export const STORM_BUSY = 0.8;

/**
 * The vote storm against the baseline beside it. By the server's CPU time per answer, as for the
 * pages (the storm's client, `fetch` on the bench's one thread, costs more a request than
 * autocannon does for the baseline), but only while the server was the limit: busy at least
 * STORM_BUSY of the storm's time. A server that sat waiting, on fsync or on a client that could
 * not keep up, would make CPU per ballot promise more throughput than it gave; then the answers
 * counted decide.
 * @param {{ rps: number, cpuMs: number, busy: number }} storm
 * @param {{ rps: number, cpuMs: number }} baseline
 * @returns {{ ratio: number, by: 'server CPU' | 'answers counted' }}
 */
export function stormRatio(storm, baseline) {
	const byCpu = storm.busy >= STORM_BUSY && storm.cpuMs > 0 && baseline.cpuMs > 0;
	return byCpu
		? { ratio: baseline.cpuMs / storm.cpuMs, by: 'server CPU' }
		: { ratio: storm.rps / baseline.rps, by: 'answers counted' };
}

/**
 * The rounds of one page measured side by side with its references (the floor, the baseline):
 * its median figures, and against each reference the median of the per-round ratios with their
 * range. A ratio is taken within a round, where both loads ran under the same machine state;
 * the median of three such ratios is not moved by one round a neighbour's build slowed.
 * @param {readonly Record<string, Load>[]} rounds each: the page under `page`, references by name
 * @param {readonly string[]} references
 * @returns {Load & { rounds: number[], vs: Record<string, Spread> }}
 */
export function summarizeRounds(rounds, references) {
	if (rounds.length === 0) throw new Error('no rounds to summarize');
	const of = (/** @type {string} */ name, /** @type {keyof Load} */ key) =>
		rounds.map((r) => /** @type {number} */ (r[name][key]));
	/** @type {Record<string, Spread>} */
	const vs = {};
	for (const ref of references) vs[ref] = spread(rounds.map((r) => speedRatio(r.page, r[ref])));
	const cpu = rounds.every((r) => r.page.cpuMs) ? of('page', 'cpuMs') : null;
	return {
		rps: Math.round(median(of('page', 'rps'))),
		p50: median(of('page', 'p50')),
		p99: median(of('page', 'p99')),
		...(cpu ? { cpuMs: Math.round(median(cpu) * 1000) / 1000 } : {}),
		rounds: of('page', 'rps'),
		vs
	};
}

/**
 * Median, least and greatest of a few values, to two decimals (ratios).
 * @param {readonly number[]} values
 * @returns {Spread}
 */
export function spread(values) {
	const round = (/** @type {number} */ n) => Math.round(n * 100) / 100;
	return {
		median: round(median(values)),
		min: round(Math.min(...values)),
		max: round(Math.max(...values))
	};
}

/**
 * Sequential requests on one connection, each sent when the last is answered: `warmup` first
 * (not counted), then `count` timed. An answer `ok` refuses is counted as failed and its time
 * left out, so a page that answers a redirect or an error cannot pass for a fast render.
 * @param {() => Promise<number>} send resolves to the status once the body is read
 * @param {{ warmup: number, count: number, ok: (status: number) => boolean }} options
 * @returns {Promise<ReturnType<typeof summarize> & { failed: number }>}
 */
export async function sequentialLatencies(send, { warmup, count, ok }) {
	let failed = 0;
	for (let i = 0; i < warmup; i++) if (!ok(await send())) failed++;
	/** @type {number[]} */
	const latencies = [];
	for (let i = 0; i < count; i++) {
		const t = performance.now();
		const status = await send();
		if (ok(status)) latencies.push(performance.now() - t);
		else failed++;
	}
	return { ...summarize(latencies), failed };
}
