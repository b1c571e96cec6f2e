// Limits on guessing passwords and activation codes. Two kinds, both in memory and bounded:
//
// - Per account, a progressive delay: a few free tries, then a wait that doubles with each failure
//   up to a ceiling. Never a permanent lockout, so an attacker cannot lock a villager out of their
//   own account; the wait only slows the guessing down.
// - Per client address, a budget of failures that refills at a steady rate (a token bucket).
//   Chinese mobile carriers put a whole village behind one carrier-grade NAT address, so the
//   address is never locked for a success: a right answer hands its token back, and only wrong
//   answers spend the budget. A success does not refill it either, or an attacker holding one
//   valid account could reset it at will.
//
// Both count an attempt when it is reserved, before its hash is computed: checking first and
// recording after the await let a burst of parallel guesses all be judged (issue 12).

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

/** Drops the oldest keys of an insertion-ordered map past its bound. */
function evictOldest(map: Map<string, unknown>, maxKeys: number): void {
	while (map.size > maxKeys) {
		const oldest = map.keys().next().value;
		if (oldest === undefined) break;
		map.delete(oldest);
	}
}

export class Throttle {
	private entries = new Map<string, Entry>();
	constructor(readonly options: ThrottleOptions) {}

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

	/**
	 * Counts an attempt as a failure before it is judged, so attempts in flight at once are all
	 * counted. Returns 0 when the attempt may go ahead, or the milliseconds to wait (nothing
	 * counted). A right answer then calls `succeed`; an answer that judged nothing calls `release`.
	 */
	reserve(key: string, now = Date.now()): number {
		const wait = this.waitMs(key, now);
		if (wait > 0) return wait;
		this.fail(key, now);
		return 0;
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
		evictOldest(this.entries, this.options.maxKeys);
	}

	/** Hands back one reserved attempt that turned out to judge nothing. */
	release(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		entry.failures--;
		if (entry.failures <= 0) this.entries.delete(key);
	}

	succeed(key: string): void {
		this.entries.delete(key);
	}

	size(): number {
		return this.entries.size;
	}
}

export interface FailureBudgetOptions {
	// Failures allowed in a burst.
	capacity: number;
	// One failure is given back this often.
	refillMs: number;
	// Memory bound: the least recently touched keys are dropped past this many (a dropped key starts
	// again with a full budget, as an unknown one does).
	maxKeys: number;
}

interface Bucket {
	tokens: number;
	updated: number;
}

export class FailureBudget {
	private buckets = new Map<string, Bucket>();
	constructor(readonly options: FailureBudgetOptions) {}

	private refilled(key: string, now: number): Bucket {
		const bucket = this.buckets.get(key);
		const { capacity, refillMs } = this.options;
		if (!bucket) return { tokens: capacity, updated: now };
		const tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updated) / refillMs);
		return { tokens, updated: Math.max(now, bucket.updated) };
	}

	private store(key: string, bucket: Bucket): void {
		this.buckets.delete(key);
		if (bucket.tokens >= this.options.capacity) return; // full: the same as no entry
		this.buckets.set(key, bucket);
		evictOldest(this.buckets, this.options.maxKeys);
	}

	/** Milliseconds until the key may fail once more; 0 when it may try now. */
	waitMs(key: string, now = Date.now()): number {
		const { tokens } = this.refilled(key, now);
		return tokens >= 1 ? 0 : Math.ceil((1 - tokens) * this.options.refillMs);
	}

	/**
	 * Spends one failure before the attempt is judged. Returns 0 when it may go ahead, or the
	 * milliseconds to wait (nothing spent). A right answer hands the failure back with `refund`.
	 */
	reserve(key: string, now = Date.now()): number {
		const bucket = this.refilled(key, now);
		if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) * this.options.refillMs);
		bucket.tokens--;
		this.store(key, bucket);
		return 0;
	}

	refund(key: string, now = Date.now()): void {
		const bucket = this.refilled(key, now);
		bucket.tokens = Math.min(this.options.capacity, bucket.tokens + 1);
		this.store(key, bucket);
	}

	size(): number {
		return this.buckets.size;
	}
}

/**
 * The unit an address budget is kept for: an IPv4 address, or an IPv6 /64. Chinese carriers give
 * each phone a /64 of its own, and a host picks any address inside it at will, so counting single
 * IPv6 addresses would give one attacker 2^64 budgets.
 */
export function addressKey(address: string): string {
	const bare = address.replace(/%.*$/, '').toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
	if (mapped) return `addr:${mapped[1]}`;
	if (!bare.includes(':')) return `addr:${bare}`;
	const [head, tail] = bare.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups =
		tail === undefined
			? left
			: [
					...left,
					...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
					...right
				];
	const prefix = groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, ''));
	return `addr:${prefix.join(':')}::/64`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

// Per account: three free tries, then 1 s, 2 s, 4 s … up to 5 minutes.
export const loginByAccount = new Throttle({
	freeFailures: 3,
	baseDelayMs: SECOND,
	maxDelayMs: 5 * MINUTE,
	forgetAfterMs: 60 * MINUTE,
	maxKeys: 100_000
});

// Activation codes are 8 digits: per account, three free tries, then doubling waits.
export const activationByAccount = new Throttle({
	freeFailures: 3,
	baseDelayMs: 2 * SECOND,
	maxDelayMs: 10 * MINUTE,
	forgetAfterMs: 24 * 60 * MINUTE,
	maxKeys: 100_000
});

// Per address, wrong passwords and wrong codes together: 30 at once (a village's typing mistakes
// at a meeting), then one every 20 seconds, 180 an hour. A password spray from one address gets no
// more than that, however many accounts it tries.
export const failuresByAddress = new FailureBudget({
	capacity: 30,
	refillMs: 20 * SECOND,
	maxKeys: 100_000
});

/** What a judged attempt turned out to be: `void` judged nothing (a valid code, a weak password). */
export type Outcome = 'right' | 'wrong' | 'void';

export interface AttemptKeys {
	account: Throttle;
	accountKey: string;
	address: FailureBudget;
	addressKey: string;
	// A browser that once signed in to this account is not held by its address's budget.
	trustedDevice: boolean;
}

/**
 * Reserves one attempt on the account and, for an untrusted browser, on its address, both or
 * neither. Returns the milliseconds to wait, or the function that settles the attempt once judged.
 */
export function reserveAttempt(
	keys: AttemptKeys,
	now = Date.now()
): { waitMs: number } | { settle: (outcome: Outcome) => void } {
	const { account, accountKey, address, addressKey, trustedDevice } = keys;
	const waitMs = Math.max(
		account.waitMs(accountKey, now),
		trustedDevice ? 0 : address.waitMs(addressKey, now)
	);
	if (waitMs > 0) return { waitMs };
	account.reserve(accountKey, now);
	if (!trustedDevice) address.reserve(addressKey, now);
	return {
		settle(outcome) {
			if (outcome === 'wrong') return;
			if (outcome === 'right') account.succeed(accountKey);
			else account.release(accountKey);
			if (!trustedDevice) address.refund(addressKey);
		}
	};
}
