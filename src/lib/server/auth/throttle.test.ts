import { describe, expect, it } from 'vitest';
import { FailureBudget, Throttle, addressKey, reserveAttempt, type Outcome } from './throttle';

const options = {
	freeFailures: 3,
	baseDelayMs: 1000,
	maxDelayMs: 8000,
	forgetAfterMs: 60_000,
	maxKeys: 3
};

describe('Throttle: progressive delay, never a lockout', () => {
	it.each([
		// failures so far, wait right after the last failure
		[0, 0],
		[1, 0],
		[2, 0],
		[3, 1000],
		[4, 2000],
		[5, 4000],
		[6, 8000],
		[7, 8000], // capped
		[20, 8000]
	])('after %i failures the wait is %i ms', (failures, wait) => {
		const t = new Throttle(options);
		for (let i = 0; i < failures; i++) t.fail('k', 1000);
		expect(t.waitMs('k', 1000)).toBe(wait);
	});

	it('lets the key try again once the wait has passed', () => {
		const t = new Throttle(options);
		for (let i = 0; i < 5; i++) t.fail('k', 0);
		expect(t.waitMs('k', 3999)).toBe(1);
		expect(t.waitMs('k', 4000)).toBe(0);
	});

	it('forgets failures after a quiet period', () => {
		const t = new Throttle(options);
		for (let i = 0; i < 10; i++) t.fail('k', 0);
		expect(t.waitMs('k', 60_001)).toBe(0);
		t.fail('k', 60_002);
		expect(t.waitMs('k', 60_002)).toBe(0); // counting starts over
	});

	it('success clears the key; other keys are unaffected', () => {
		const t = new Throttle(options);
		for (let i = 0; i < 4; i++) t.fail('a', 0);
		expect(t.waitMs('b', 0)).toBe(0);
		t.succeed('a');
		expect(t.waitMs('a', 0)).toBe(0);
	});

	it('keeps memory bounded by dropping the oldest keys', () => {
		const t = new Throttle(options);
		for (const k of ['a', 'b', 'c', 'd']) for (let i = 0; i < 4; i++) t.fail(k, 0);
		expect(t.size()).toBe(3);
		expect(t.waitMs('a', 0)).toBe(0);
		expect(t.waitMs('d', 0)).toBe(2000); // four failures
	});
});

describe('Throttle.reserve: an attempt counts before it is judged', () => {
	it.each([
		// attempts reserved at once, how many may go ahead
		[1, 1],
		[3, 3],
		[4, 3],
		[50, 3]
	])('%i attempts at the same moment: %i go ahead', (attempts, allowed) => {
		const t = new Throttle(options);
		const answers = Array.from({ length: attempts }, () => t.reserve('k', 1000));
		expect(answers.filter((w) => w === 0)).toHaveLength(allowed);
		expect(answers.slice(allowed).every((w) => w === 1000)).toBe(true);
	});

	it('a refused reservation counts nothing; success clears; release hands one back', () => {
		const t = new Throttle(options);
		for (let i = 0; i < 3; i++) expect(t.reserve('k', 0)).toBe(0);
		expect(t.reserve('k', 10)).toBe(990);
		expect(t.reserve('k', 1000)).toBe(0); // the fourth, after the 1 s wait
		t.release('k');
		expect(t.waitMs('k', 1000)).toBe(1000); // back to three failures
		t.succeed('k');
		expect(t.waitMs('k', 1000)).toBe(0);
		t.release('k'); // nothing to hand back: no entry is made
		expect(t.size()).toBe(0);
	});
});

describe('FailureBudget: failures per address refill at a steady rate', () => {
	const budget = { capacity: 3, refillMs: 1000, maxKeys: 2 };

	it.each([
		// reservations at time 0 (each a failure), then: time, wait before the next one
		[0, 0, 0],
		[2, 0, 0],
		[3, 0, 1000],
		[3, 400, 600],
		[3, 1000, 0],
		[10, 0, 1000] // refused reservations spend nothing
	])('after %i reservations at 0, at %i ms the wait is %i ms', (failures, at, wait) => {
		const b = new FailureBudget(budget);
		for (let i = 0; i < failures; i++) b.reserve('addr', 0);
		expect(b.waitMs('addr', at)).toBe(wait);
	});

	it('a right answer hands its reservation back, and refills no more than that', () => {
		const b = new FailureBudget(budget);
		for (let i = 0; i < 3; i++) expect(b.reserve('addr', 0)).toBe(0);
		expect(b.reserve('addr', 0)).toBe(1000);
		b.refund('addr', 0);
		expect(b.reserve('addr', 0)).toBe(0);
		expect(b.reserve('addr', 0)).toBe(1000);
		for (let i = 0; i < 5; i++) b.refund('addr', 0);
		expect(b.size()).toBe(0); // full again: forgotten
		expect(b.reserve('addr', 0)).toBe(0);
	});

	it('keeps memory bounded; a dropped address starts with a full budget', () => {
		const b = new FailureBudget(budget);
		for (const k of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) b.reserve(k, 0);
		expect(b.size()).toBe(2);
		expect(b.waitMs('a', 0)).toBe(0);
		expect(b.waitMs('c', 0)).toBe(1000);
	});
});

describe('reserveAttempt: account and address together', () => {
	const fresh = (trustedDevice = false) => ({
		account: new Throttle(options),
		accountKey: 'phone:1',
		address: new FailureBudget({ capacity: 2, refillMs: 1000, maxKeys: 10 }),
		addressKey: 'addr:1',
		trustedDevice
	});
	const goes = (r: ReturnType<typeof reserveAttempt>) => 'settle' in r;

	it.each<[string, Outcome[], boolean, boolean]>([
		// outcomes of earlier attempts, trusted device, may the next one go ahead
		['nothing yet', [], false, true],
		['two wrong: the address budget is spent', ['wrong', 'wrong'], false, false],
		['two wrong, but a trusted device', ['wrong', 'wrong'], true, true],
		['right answers spend nothing', ['right', 'right', 'right'], false, true],
		['void answers spend nothing', ['void', 'void', 'void', 'void'], false, true]
	])('%s', (_, outcomes, trusted, allowed) => {
		const keys = fresh(trusted);
		for (const outcome of outcomes) {
			const r = reserveAttempt({ ...keys, trustedDevice: false }, 0);
			if (!('settle' in r)) throw new Error('setup');
			r.settle(outcome);
		}
		expect(goes(reserveAttempt(keys, 0))).toBe(allowed);
	});

	it('a refusal reserves neither key', () => {
		const keys = fresh();
		keys.account.fail('phone:1', 0);
		keys.account.fail('phone:1', 0);
		keys.account.fail('phone:1', 0);
		expect(reserveAttempt(keys, 0)).toEqual({ waitMs: 1000 });
		expect(keys.address.waitMs('addr:1', 0)).toBe(0);
		expect(keys.address.size()).toBe(0);

		const other = fresh();
		other.address.reserve('addr:1', 0);
		other.address.reserve('addr:1', 0);
		expect(reserveAttempt(other, 0)).toEqual({ waitMs: 1000 });
		expect(other.account.size()).toBe(0);
	});
});

describe('addressKey: one budget per IPv4 address or IPv6 /64', () => {
	it.each([
		['203.0.113.7', 'addr:203.0.113.7'],
		['::ffff:203.0.113.7', 'addr:203.0.113.7'],
		['2409:8a00:1234:5678:1:2:3:4', 'addr:2409:8a00:1234:5678::/64'],
		['2409:8A00:1234:5678:ffff::9', 'addr:2409:8a00:1234:5678::/64'],
		['2409:8a00:0034:0:1::', 'addr:2409:8a00:34:0::/64'],
		['2409:8a00::1', 'addr:2409:8a00:0:0::/64'],
		['fe80::1%eth0', 'addr:fe80:0:0:0::/64'],
		['::1', 'addr:0:0:0:0::/64']
	])('%s counts as %s', (address, key) => {
		expect(addressKey(address)).toBe(key);
	});
});
