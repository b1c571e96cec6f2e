import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { rosterFixture } from '../roster/test-fixture';
import { missingCalendarYears } from '../calendar/working-days';
import { annualVillagersMeeting } from './reminders';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

type Held = { type: string; date: string; state: string };

/** Meeting rows as the record stands (the reminder reads only type, day and state). */
function meetings(villageId: number, clerkId: number, rows: Held[]) {
	for (const r of rows)
		db.prepare(
			`insert into meetings (village_id, type, title, meeting_date, notice_date, state, closed_at, audit_head_hash, rule_set_id, rule_json,
			   created_by, created_at) values (?, ?, '会议', ?, '2025-01-01', ?, ?, ?, 'cn-2026', '{}', ?, '2026-01-01T00:00:00Z')`
		).run(
			villageId,
			r.type,
			r.date,
			r.state,
			r.state === 'closed' ? `${r.date}T08:00:00Z` : null,
			r.state === 'closed' ? 'x' : null,
			clerkId
		);
}

describe('the yearly villagers meeting reminder (组织法 2026 art. 25)', () => {
	const closed = (date: string, type = 'villagers_meeting') => ({ type, date, state: 'closed' });
	it.each<[string, string, Held[], object | null]>([
		['before 2026 the law asks none', '2025-11-01', [], null],
		['a note in spring', '2026-03-01', [], { tone: 'note', heldOn: null, nextOn: null }],
		['a note until September', '2026-09-30', [], { tone: 'note', heldOn: null }],
		['a warning from October', '2026-10-01', [], { tone: 'warn', heldOn: null }],
		[
			'still a warning in December with one called',
			'2026-12-05',
			[{ type: 'villagers_meeting', date: '2026-12-19', state: 'notified' }],
			{ tone: 'warn', nextOn: '2026-12-19' }
		],
		[
			'ok once one is held',
			'2026-12-05',
			[closed('2026-04-12')],
			{ tone: 'ok', heldOn: '2026-04-12' }
		],
		[
			'last year does not count',
			'2026-10-05',
			[closed('2025-12-20')],
			{ tone: 'warn', heldOn: null }
		],
		[
			'another meeting type does not count',
			'2026-10-05',
			[closed('2026-05-01', 'reps_meeting')],
			{ tone: 'warn' }
		],
		[
			'an open one is not held yet',
			'2026-10-05',
			[{ type: 'villagers_meeting', date: '2026-10-05', state: 'open' }],
			{ tone: 'warn', heldOn: null, nextOn: '2026-10-05' }
		]
	])('%s', (_, today, rows, expected) => {
		const v = rosterFixture(db);
		meetings(v.villageId, v.clerkId, rows);
		const r = annualVillagersMeeting(db, v.villageId, today);
		if (expected === null) expect(r).toBeNull();
		else expect(r).toMatchObject({ year: Number(today.slice(0, 4)), ...expected });
	});
});

describe('the national calendar warning', () => {
	it.each([
		// The calendar holds 2025 and 2026.
		['2026-06-01', []],
		['2026-11-30', []],
		['2026-12-01', [2027]],
		['2027-03-01', [2027]],
		['2027-12-31', [2027, 2028]],
		['2025-12-15', []]
	])('on %s lacks %j', (today, years) => {
		expect(missingCalendarYears(today)).toEqual(years);
	});
});
