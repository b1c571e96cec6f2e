import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { listNotices } from '../notices/listing';
import { getNotice, postNotice } from '../notices/notices';
import { rosterFixture } from '../roster/test-fixture';
import { PageCache, type CachedPage } from './store';
import { Reads, recordReads, tagsOf, watchDatabase, type Watched } from './watch';

let db: Db;
let path: string;
let cleanup: () => void;
let cache: PageCache;
let watched: Watched;
beforeEach(() => {
	({ db, path, cleanup } = createTestDb());
	cache = new PageCache(1 << 20);
	watched = watchDatabase(db, cache);
});
afterEach(() => cleanup());

const page = (tags: string[]): CachedPage => ({
	status: 200,
	headers: [],
	body: new Uint8Array(1),
	gzip: null,
	nonced: null,
	etag: '"x"',
	tags,
	expires: Infinity
});

/** Renders `read` as a page of `villageId` would, and keeps it under `key`. */
function cachePage(key: string, villageId: number, read: () => unknown): string[] {
	const since = cache.begin();
	const reads = new Reads();
	recordReads(reads, read);
	expect(reads.opaque).toBe(false);
	const tags = tagsOf(reads, watched.villageScoped, villageId);
	expect(cache.put(key, page(tags), since)).toBe(true);
	return tags;
}

const notice = { kind: 'general', title: '公告', body: '正文' } as const;

describe('what a render read', () => {
	it('is the tables of the statements it ran, per village where they have one', () => {
		const v = rosterFixture(db);
		const tags = cachePage('board', v.villageId, () =>
			listNotices(db, v.villageId, {}, { limit: 20, offset: 0 })
		);
		expect(tags).toContain('notices');
		expect(tags).toContain(`notices:${v.villageId}`);
		expect(watched.villageScoped.has('notices')).toBe(true);
		expect(watched.villageScoped.has('villages')).toBe(false);
	});

	it('is nothing outside a render', () => {
		const reads = new Reads();
		db.prepare('select count(*) from notices').get();
		recordReads(reads, () => undefined);
		expect(reads.tables.size).toBe(0);
	});

	it('follows a render through its awaits, apart from another render under way', async () => {
		const a = new Reads();
		const b = new Reads();
		await Promise.all([
			recordReads(a, async () => {
				await new Promise((r) => setTimeout(r, 5));
				db.prepare('select count(*) from notices').get();
			}),
			recordReads(b, async () => {
				db.prepare('select count(*) from meetings').get();
				await new Promise((r) => setTimeout(r, 5));
			})
		]);
		expect([...a.tables]).toEqual(['notices']);
		expect([...b.tables]).toEqual(['meetings']);
	});

	it('does not count a table name inside a string value', () => {
		const reads = new Reads();
		recordReads(reads, () => db.prepare("select 'meetings' as x from notices").all());
		expect([...reads.tables]).toEqual(['notices']);
	});
});

// Each public page's main read, and a write through the domain that must make its entry lapse.
describe.each([
	{
		page: 'the notice board',
		read: (vid: number) => listNotices(db, vid, {}, { limit: 20, offset: 0 })
	},
	{ page: 'a notice', read: (vid: number) => getNotice(db, vid, 1) }
])('$page', ({ read }) => {
	it('lapses when the clerk posts a notice in its village, not in another', () => {
		const x = rosterFixture(db, 'xinyang');
		const h = rosterFixture(db, 'hudong');
		cachePage('x', x.villageId, () => read(x.villageId));
		cachePage('h', h.villageId, () => read(h.villageId));
		expect(postNotice(db, x.clerkId, x.villageId, notice)).toMatchObject({ ok: true });
		expect(cache.get('x')).toBeUndefined();
		expect(cache.get('h')).toBeDefined();
	});

	it('lapses on a write the transaction then rolls back (needlessly, harmlessly)', () => {
		const x = rosterFixture(db);
		cachePage('x', x.villageId, () => read(x.villageId));
		expect(() =>
			db.transaction(() => {
				postNotice(db, x.clerkId, x.villageId, notice);
				throw new Error('rolled back');
			})()
		).toThrow('rolled back');
		expect(cache.get('x')).toBeUndefined();
	});
});

describe('a write by another connection', () => {
	it('forgets every page when noticed', () => {
		const x = rosterFixture(db);
		cachePage('x', x.villageId, () => listNotices(db, x.villageId, {}, { limit: 20, offset: 0 }));
		watched.noticeOtherWriters();
		expect(cache.get('x')).toBeDefined();
		const other = openDatabase(path);
		other.prepare("update villages set name = '新名' where id = ?").run(x.villageId);
		other.close();
		watched.noticeOtherWriters();
		expect(cache.get('x')).toBeUndefined();
	});
});

describe('watching', () => {
	it('happens once per connection', () => {
		expect(watchDatabase(db, cache)).toBe(watched);
	});

	it('marks a read of a virtual table, which no trigger watches, as opaque', () => {
		const v = db
			.prepare("select name from sqlite_schema where sql like 'create virtual%' limit 1")
			.pluck()
			.get() as string | undefined;
		if (!v) return expect(v).toBeUndefined();
		const fresh = createTestDb();
		try {
			watchDatabase(fresh.db, new PageCache(1024));
			const reads = new Reads();
			recordReads(reads, () => fresh.db.prepare(`select count(*) from "${v}"`).get());
			expect(reads.opaque).toBe(true);
		} finally {
			fresh.cleanup();
		}
	});
});
