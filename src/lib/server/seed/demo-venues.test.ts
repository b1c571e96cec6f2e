import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { meetingSpan, overlaps, type Span } from '../venues/clash';
import { seedDemo } from './demo';
import { demoVillageId } from './demo-test-db';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
});
afterAll(() => cleanup());

/** Every use that holds a venue: booked events and meetings past their draft. */
function uses(): (Span & { venueId: number; what: string })[] {
	const events = db
		.prepare(
			`select venue_id as venueId, 'event ' || id || ' ' || title as what, starts_at as startsAt,
			   ends_at as endsAt from hall_events where state = 'booked'`
		)
		.all() as (Span & { venueId: number; what: string })[];
	const meetings = db
		.prepare(
			`select venue_id as venueId, 'meeting ' || id || ' ' || title as what,
			   meeting_date as meetingDate, starts_at as startsAt, ends_at as endsAt
			 from meetings where venue_id is not null and state != 'draft'`
		)
		.all() as {
		venueId: number;
		what: string;
		meetingDate: string;
		startsAt: string;
		endsAt: string;
	}[];
	return [...events, ...meetings.map((m) => ({ ...m, ...meetingSpan(m) }))];
}

describe('the seeded demo’s venues', () => {
	it('holds its upcoming meetings in the hall, with end times', () => {
		const rows = db
			.prepare(
				`select v.name, m.ends_at from meetings m join venues v on v.id = m.venue_id
				 where m.village_id = ? and m.state = 'notified'`
			)
			.all(demoVillageId(db)) as { name: string; ends_at: string }[];
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect(r).toMatchObject({ name: '湖边议事厅', ends_at: /^\d\d:\d\d$/ });
	});

	it('has no clash between any two uses of one venue', () => {
		const all = uses();
		const clashes: string[] = [];
		all.forEach((a, i) =>
			all.slice(i + 1).forEach((b) => {
				if (a.venueId === b.venueId && overlaps(a, b)) clashes.push(`${a.what} × ${b.what}`);
			})
		);
		expect(clashes).toEqual([]);
	});
});
