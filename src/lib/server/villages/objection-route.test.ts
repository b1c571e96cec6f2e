import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { rosterFixture } from '../roster/test-fixture';
import { getVillageSettings, updateVillageSettings } from './settings';
import {
	getObjectionRoute,
	missingParts,
	updateObjectionRoute,
	type ObjectionRoute
} from './objection-route';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const route: ObjectionRoute = {
	office: '村委会办公室（村部一楼）',
	hours: '工作日 8:30–11:30、14:00–17:00',
	supervision: '村务监督委员会 李主任 13800000006'
};

describe('the offline objection route', () => {
	it('is unset until the clerk sets it, and every part is then missing', () => {
		const v = rosterFixture(db);
		expect(getObjectionRoute(db, v.villageId)).toEqual({ office: '', hours: '', supervision: '' });
		expect(missingParts(getObjectionRoute(db, v.villageId))).toEqual([
			'office',
			'hours',
			'supervision'
		]);
	});

	it('is saved on one line each, audited, and kept when the other settings are saved', () => {
		const v = rosterFixture(db);
		const audits = () =>
			db
				.prepare("select count(*) from audit where action = 'village.settings_changed'")
				.pluck()
				.get();
		const before = audits();
		expect(
			updateObjectionRoute(db, v.clerkId, v.villageId, {
				...route,
				office: ' 村委会办公室\n（村部一楼） ',
				supervision: ''
			})
		).toEqual({ ok: true });
		expect(getObjectionRoute(db, v.villageId)).toEqual({
			...route,
			office: '村委会办公室 （村部一楼）',
			supervision: ''
		});
		expect(missingParts(getObjectionRoute(db, v.villageId))).toEqual(['supervision']);
		expect(audits()).toBe(Number(before) + 1);
		const s = getVillageSettings(db, v.villageId);
		expect(updateVillageSettings(db, v.clerkId, v.villageId, { ...s, triageDays: 5 }).ok).toBe(
			true
		);
		expect(getObjectionRoute(db, v.villageId).hours).toBe(route.hours);
		expect(verifyChain(db).ok).toBe(true);
	});

	it.each(['office', 'hours', 'supervision'] as const)(
		'refuses a %s over 100 characters and changes nothing',
		(field) => {
			const v = rosterFixture(db);
			updateObjectionRoute(db, v.clerkId, v.villageId, route);
			expect(
				updateObjectionRoute(db, v.clerkId, v.villageId, { ...route, [field]: '长'.repeat(101) })
			).toEqual({ ok: false, reason: 'too_long', field });
			expect(getObjectionRoute(db, v.villageId)).toEqual(route);
		}
	);

	it('is the staff’s to set', () => {
		const v = rosterFixture(db);
		const other = rosterFixture(db, 'other-village');
		expect(updateObjectionRoute(db, other.clerkId, v.villageId, route)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(missingParts(getObjectionRoute(db, v.villageId))).toHaveLength(3);
	});
});
