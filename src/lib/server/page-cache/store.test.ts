import { describe, expect, it } from 'vitest';
import { ALL, PageCache, expiryOf, type CachedPage } from './store';
import { pageCacheBytes } from './index';

const page = (bytes: number, tags: string[] = [], expires = Infinity): CachedPage => ({
	status: 200,
	headers: [['content-type', 'text/html; charset=utf-8']],
	body: new Uint8Array(bytes),
	gzip: null,
	nonced: null,
	etag: '"x"',
	tags,
	expires
});

describe('PageCache', () => {
	it('answers what it kept until a tag the page read is touched', () => {
		const cache = new PageCache(1 << 20);
		cache.put('a', page(10, ['notices:1']), cache.begin());
		cache.touch('notices:2');
		expect(cache.get('a')?.body.byteLength).toBe(10);
		cache.touch('notices:1');
		expect(cache.get('a')).toBeUndefined();
		expect(cache.size).toBe(0);
		expect(cache.bytes).toBe(0);
	});

	it('refuses a render that something it read changed under', () => {
		const cache = new PageCache(1 << 20);
		const since = cache.begin();
		cache.touch('notices:1');
		expect(cache.put('a', page(10, ['notices:1']), since)).toBe(false);
		expect(cache.put('b', page(10, ['meetings:1']), since)).toBe(true);
		expect(cache.get('a')).toBeUndefined();
	});

	it('forgets everything on clear, including renders under way', () => {
		const cache = new PageCache(1 << 20);
		cache.put('a', page(10), cache.begin());
		const since = cache.begin();
		cache.clear();
		expect(cache.get('a')).toBeUndefined();
		expect(cache.put('b', page(10), since)).toBe(false);
		expect(cache.put('b', page(10), cache.begin())).toBe(true);
		expect(cache.get('b')!.tags).toContain(ALL);
	});

	it('evicts the least recently used entries to stay within its bytes', () => {
		const cache = new PageCache(3 * (1000 + 512 + 2));
		for (const k of ['a', 'b', 'c']) cache.put(k, page(1000), cache.begin());
		cache.get('a');
		cache.put('d', page(1000), cache.begin());
		expect(cache.get('b')).toBeUndefined();
		expect(['a', 'c', 'd'].map((k) => cache.get(k) !== undefined)).toEqual([true, true, true]);
		expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
		expect(cache.put('huge', page(cache.maxBytes), cache.begin())).toBe(false);
		expect(cache.size).toBe(3);
	});

	it('replaces an entry under the same key without counting it twice', () => {
		const cache = new PageCache(1 << 20);
		cache.put('a', page(100), cache.begin());
		const once = cache.bytes;
		cache.put('a', page(100), cache.begin());
		expect(cache.bytes).toBe(once);
	});

	it('lets an entry lapse at its expiry', () => {
		let now = 1_000;
		const cache = new PageCache(1 << 20, () => now);
		cache.put('a', page(10, [], 2_000), cache.begin());
		now = 1_999;
		expect(cache.get('a')).toBeDefined();
		now = 2_000;
		expect(cache.get('a')).toBeUndefined();
		expect(cache.put('b', page(10, [], 2_000), cache.begin())).toBe(false);
	});
});

describe('expiryOf', () => {
	it.each([
		// 23:59:59.900 in China: the page shows today, which ends at China midnight.
		['2026-12-06T15:59:59.900Z', '2026-12-06T16:00:00.000Z'],
		['2026-12-06T16:00:00.000Z', '2026-12-06T16:01:00.000Z'],
		['2026-12-06T03:04:30.000Z', '2026-12-06T03:05:00.000Z']
	])('%s → %s', (at, until) => {
		expect(new Date(expiryOf(Date.parse(at))).toISOString()).toBe(until);
	});
});

describe('pageCacheBytes', () => {
	it.each([
		[undefined, 32 * 1024 * 1024],
		['', 32 * 1024 * 1024],
		['8', 8 * 1024 * 1024],
		['0', 0],
		['0.5', 512 * 1024],
		['-1', 32 * 1024 * 1024],
		['lots', 32 * 1024 * 1024]
	])('PAGE_CACHE_MB=%s → %d bytes', (setting, bytes) => {
		expect(pageCacheBytes(setting)).toBe(bytes);
	});
});
