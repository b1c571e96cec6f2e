import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { rosterFixture } from '../roster/test-fixture';
import { createTopic } from '../topics/topics';
import { getVillageSettings, updateVillageSettings } from './settings';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

describe('village settings', () => {
	it('default to a 7-day triage deadline and no holidays', () => {
		const v = rosterFixture(db);
		expect(getVillageSettings(db, v.villageId)).toEqual({
			triageDays: 7,
			holidays: [],
			oneShoulder: true
		});
	});

	it.each([
		[{ triageDays: 0, holidays: [] }, 'triage_days'],
		[{ triageDays: 31, holidays: [] }, 'triage_days'],
		[{ triageDays: 2.5, holidays: [] }, 'triage_days'],
		[{ triageDays: 7, holidays: ['2026-02-30'] }, 'holiday']
	])('refuses %j', (input, reason) => {
		const v = rosterFixture(db);
		expect(
			updateVillageSettings(db, v.clerkId, v.villageId, { ...input, oneShoulder: true })
		).toMatchObject({ ok: false, reason });
		expect(getVillageSettings(db, v.villageId).triageDays).toBe(7);
	});

	it('moves a triage deadline that ends on a holiday to the next working day', () => {
		const v = rosterFixture(db);
		expect(
			updateVillageSettings(db, v.clerkId, v.villageId, {
				triageDays: 5,
				holidays: ['2026-10-06', '2026-10-07'],
				oneShoulder: false
			})
		).toEqual({ ok: true });
		const person = v.person(v.household(), '1970-01-01');
		const r = createTopic(
			db,
			{ userId: v.clerkId, personId: person, role: 'clerk' },
			v.villageId,
			{
				title: 't',
				description: 'd',
				category: 'other',
				place: '',
				affected: '',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: true, now: new Date('2026-10-01T02:00:00Z') }
		);
		expect(r.ok && r.topic.triageDue).toBe('2026-10-08');
		expect(getVillageSettings(db, v.villageId).oneShoulder).toBe(false);
	});
});
