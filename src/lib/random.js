// Plain JavaScript so that the operator-side scripts (crash and backup tests) share it with the
// app's seeds and the tests.

/**
 * mulberry32: a small seeded generator. The demo and the benchmark township are the same on every
 * machine, and a failing crash or fuzz run can be replayed with the seed it printed.
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
export function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
