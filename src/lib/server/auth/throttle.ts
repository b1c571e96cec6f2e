// Progressive delay for guesses (login, activation codes): a few free tries, then a wait that
// doubles with each failure up to a ceiling. Never a permanent lockout, so an attacker cannot lock
// a villager out of their own account; the wait only slows the guessing down.

export interface ThrottleOptions {
	freeFailures: number;
	baseDelayMs: number;
	maxDelayMs: number;
	// Failures are forgotten after this long without a new one.
	forgetAfterMs: number;
	// Memory bound: the oldest keys are dropped past this many.
	maxKeys: number;
}

interface Entry {
	failures: number;
	lastFailure: number;
}

export class Throttle {
	private entries = new Map<string, Entry>();
	constructor(private options: ThrottleOptions) {}

	/** Milliseconds the key must still wait before its next attempt; 0 when it may try now. */
	waitMs(key: string, now = Date.now()): number {
		const entry = this.entries.get(key);
		if (!entry) return 0;
		if (now - entry.lastFailure > this.options.forgetAfterMs) {
			this.entries.delete(key);
			return 0;
		}
		const over = entry.failures - this.options.freeFailures;
		if (over < 0) return 0;
		const delay = Math.min(this.options.baseDelayMs * 2 ** over, this.options.maxDelayMs);
		return Math.max(0, entry.lastFailure + delay - now);
	}

	fail(key: string, now = Date.now()): void {
		const entry = this.entries.get(key);
		if (entry && now - entry.lastFailure <= this.options.forgetAfterMs) {
			entry.failures++;
			entry.lastFailure = now;
			// Re-insert so Map order stays oldest-first for eviction.
			this.entries.delete(key);
			this.entries.set(key, entry);
		} else {
			this.entries.delete(key);
			this.entries.set(key, { failures: 1, lastFailure: now });
		}
		while (this.entries.size > this.options.maxKeys) {
			const oldest = this.entries.keys().next().value;
			if (oldest === undefined) break;
			this.entries.delete(oldest);
		}
	}

	succeed(key: string): void {
		this.entries.delete(key);
	}

	size(): number {
		return this.entries.size;
	}
}

const MINUTE = 60_000;

// Per account: three free tries, then 1 s, 2 s, 4 s … up to 5 minutes.
export const loginByAccount = new Throttle({
	freeFailures: 3,
	baseDelayMs: 1000,
	maxDelayMs: 5 * MINUTE,
	forgetAfterMs: 60 * MINUTE,
	maxKeys: 100_000
});

// Per client address: more room, because a whole village may sit behind one mobile NAT.
export const loginByAddress = new Throttle({
	freeFailures: 20,
	baseDelayMs: 1000,
	maxDelayMs: 5 * MINUTE,
	forgetAfterMs: 60 * MINUTE,
	maxKeys: 100_000
});

// Activation codes are 8 digits: per account, three free tries, then doubling waits.
export const activationByAccount = new Throttle({
	freeFailures: 3,
	baseDelayMs: 2000,
	maxDelayMs: 10 * MINUTE,
	forgetAfterMs: 24 * 60 * MINUTE,
	maxKeys: 100_000
});
