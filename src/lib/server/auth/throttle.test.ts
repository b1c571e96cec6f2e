import { describe, expect, it } from 'vitest';
import { Throttle } from './throttle';

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
