// The open-loop driver: requests leave at fixed arrival times whether or not earlier ones have
// been answered, and each latency is counted from the time the request was due, so a server that
// stalls is charged for every request that waited behind the stall (no coordinated omission).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize } from '../../src/lib/server/bench/load-stats.js';

// Keep-alive as a browser keeps it; no cap on sockets, so a slow answer never delays a send.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * One GET, body read to the end.
 * @param {string} url @param {Record<string, string>} headers
 * @returns {Promise<number>} the status
 */
export function get(url, headers) {
	return new Promise((ok, fail) => {
		const req = http.get(url, { agent, headers }, (res) => {
			res.on('data', () => {});
			res.on('end', () => ok(res.statusCode ?? 0));
			res.on('error', fail);
		});
		req.on('error', fail);
	});
}

/**
 * Runs every arrival at its time (ms after the start) and waits for all answers.
 * @template T
 * @param {{ at: number, send: () => Promise<T> }[]} arrivals in order of time
 * @returns {Promise<{ latency: number, late: number, result?: T, error?: string }[]>} in the
 *   order given; `late` is how far behind schedule the client itself sent it (ms)
 */
export async function runOpenLoop(arrivals) {
	const start = performance.now() + 50;
	const pending = [];
	for (const { at, send } of arrivals) {
		const due = start + at;
		const wait = due - performance.now();
		if (wait > 1) await new Promise((r) => setTimeout(r, wait));
		const late = performance.now() - due;
		pending.push(
			send().then(
				(result) => ({ latency: performance.now() - due, late, result }),
				(e) => ({ latency: performance.now() - due, late, error: String(e?.cause?.code ?? e) })
			)
		);
	}
	return Promise.all(pending);
}

/**
 * Latency summary of a set of answers, with those that failed or answered another status.
 * @param {{ latency: number, late: number, result?: number, error?: string }[]} answers
 * @param {(status: number) => boolean} ok
 */
export function report(answers, ok) {
	const failed = answers.filter(
		(a) => a.error !== undefined || !ok(/** @type {number} */ (a.result))
	);
	const lateSends = answers.filter((a) => a.late > 10).length;
	/** @type {Record<string, number>} */
	const why = {};
	for (const a of failed) {
		const reason = a.error ?? `status ${a.result}`;
		why[reason] = (why[reason] ?? 0) + 1;
	}
	return {
		...summarize(answers.map((a) => a.latency)),
		failed: failed.length,
		// What each failure was (a status, or the socket's error code), so a table can say.
		why,
		// Sends the client itself made over 10 ms late: if many, the client was the bottleneck.
		lateSends
	};
}
