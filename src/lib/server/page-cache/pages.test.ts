// Each public page's reads as its load makes them, on the demo village, and a write through the
// domain that must retire its entry (and one that must not).
import { describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../auth/session';
import type { Db } from '../db';
import { listNotices } from '../notices/listing';
import { postNotice } from '../notices/notices';
import { openDataCatalogue } from '../open-data/answer';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { bookEvent } from '../venues/booking';
import { publicCalendar } from '../venues/calendar';
import { PageCache, type CachedPage } from './store';
import { Reads, recordReads, tagsOf, watchDatabase } from './watch';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');

function notice(): void {
	const r = postNotice(db, clerk().userId, village(), {
		kind: 'general',
		title: '停水通知',
		body: '明日停水。'
	});
	expect(r.ok).toBe(true);
}

function booking(): void {
	const venueId = db
		.prepare('select id from venues where village_id = ? order by id limit 1')
		.pluck()
		.get(village()) as number;
	const r = bookEvent(db, clerk(), village(), {
		venueId,
		kind: 'training',
		title: '法治讲座',
		date: '2026-12-10',
		startTime: '14:00',
		endTime: '16:00'
	});
	expect(r.ok).toBe(true);
}

/** A write no public page shows: a villager signs in. */
function signIn(): void {
	createSession(db, generateSessionToken(), demoActor(db, '13800000003').userId);
}

describe.each([
	{
		page: 'the notice board',
		read: () => listNotices(db, village(), {}, { limit: 20, offset: 0 }),
		write: notice
	},
	{
		page: 'the calendar',
		read: () => publicCalendar(db, village(), '2026-12-01', '2026-12-31', { withCancelled: true }),
		write: booking
	},
	{
		page: 'the open-data catalogue',
		read: () =>
			openDataCatalogue(db, {
				villageId: village(),
				slug: 'xinyang',
				today: '2026-12-06',
				origin: 'https://hall.test'
			}),
		write: notice
	}
])('$page', ({ read, write }) => {
	it('lapses on the write that changes it, and only then', () => {
		const cache = new PageCache(1 << 20);
		const watched = watchDatabase(db, cache);
		const since = cache.begin();
		const reads = new Reads();
		recordReads<unknown>(reads, read);
		expect(reads.opaque).toBe(false);
		const page: CachedPage = {
			status: 200,
			headers: [],
			body: new Uint8Array(1),
			gzip: null,
			nonced: null,
			etag: '"x"',
			tags: tagsOf(reads, watched.villageScoped, village()),
			expires: Infinity
		};
		expect(cache.put('page', page, since)).toBe(true);
		signIn();
		expect(cache.get('page')).toBeDefined();
		write();
		expect(cache.get('page')).toBeUndefined();
	});
});
