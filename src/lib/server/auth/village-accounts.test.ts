import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { rosterFixture } from '../roster/test-fixture';
import { createAccount } from './accounts';
import { openVillageAccount } from './village-accounts';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

function twoVillages() {
	const a = rosterFixture(db, 'xinyang');
	const b = rosterFixture(db, 'dongshan');
	const phoneOf = (personId: number, phone: string) =>
		db.prepare('update people set phone = ? where id = ?').run(phone, personId);
	const admin = createAccount(db, null, {
		villageId: null,
		role: 'admin',
		name: '管理员',
		phone: '13900000000'
	});
	if (!admin.ok) throw new Error('setup');
	const open = (phone: string) =>
		openVillageAccount(db, a.clerkId, {
			villageId: a.villageId,
			role: 'villager',
			name: '钱',
			phone
		});
	return { a, b, phoneOf, open };
}

const rows = () =>
	db
		.prepare('select (select count(*) from users) as users, (select count(*) from audit) as audit')
		.get();

describe('openVillageAccount', () => {
	it('gives one refusal for an account elsewhere and for a number on another roster', () => {
		const { a, b, phoneOf, open } = twoVillages();
		const bClerkPhone = (
			db.prepare('select phone from users where id = ?').get(b.clerkId) as { phone: string }
		).phone;
		phoneOf(b.person(b.household(), '1960-01-01'), '13800138000');
		const before = rows();
		expect(open(bClerkPhone)).toEqual({ ok: false, reason: 'unavailable' });
		expect(open('13800138000')).toEqual({ ok: false, reason: 'unavailable' });
		expect(open('13900000000')).toEqual({ ok: false, reason: 'unavailable' });
		expect(rows()).toEqual(before);
		// The village's own accounts are on the clerk's list: said plainly.
		const aClerkPhone = (
			db.prepare('select phone from users where id = ?').get(a.clerkId) as { phone: string }
		).phone;
		expect(open(aClerkPhone)).toEqual({ ok: false, reason: 'in_village' });
		expect(rows()).toEqual(before);
	});

	it('opens a number only this village lists, or that nobody does, or one a leaver left behind', () => {
		const { a, b, phoneOf, open } = twoVillages();
		phoneOf(a.person(a.household(), '1960-01-01'), '13800000011');
		phoneOf(
			b.person(b.household(), '1960-01-01', { status: 'moved_out', statusDate: '2025-01-01' }),
			'13800000012'
		);
		for (const phone of ['13800000011', '13800000012', '13800000013']) {
			const r = open(phone);
			expect(r.ok && r.account.villageId).toBe(a.villageId);
		}
		expect(
			db.prepare("select count(*) from audit where action = 'account.created'").pluck().get()
		).toBe(3 + 3); // the two villages' clerks and the administrator, then these three
	});
});
