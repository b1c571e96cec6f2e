import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { findVillageAccount, listVillageAccounts } from '../auth/accounts';
import { createVillage, findVillageBySlug } from './villages';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const base = { township: '长青乡', district: '', city: '', province: '', oneShoulder: false };

function village(slug: string, name: string, clerkPhone: string) {
	const r = createVillage(db, null, {
		...base,
		slug,
		name,
		clerk: { name: '文书', phone: clerkPhone }
	});
	if (!r.ok) throw new Error(r.reason);
	return r;
}

describe('createVillage', () => {
	it('creates the village, its first clerk and an activation code, all audited', () => {
		const r = village('xinyang', '新阳村', '13800000001');
		expect(r.activationCode).toMatch(/^\d{8}$/);
		expect(listVillageAccounts(db, r.village.id).map((a) => a.role)).toEqual(['clerk']);
		const actions = db.prepare('select action from audit order by id').pluck().all();
		expect(actions).toEqual([
			'village.created',
			'account.created',
			'account.activation_code_issued'
		]);
		expect(verifyChain(db).ok).toBe(true);
	});

	it.each([
		['xinyang', '13800000002', 'slug_taken'],
		['admin', '13800000002', 'slug_reserved'],
		['display', '13800000002', 'slug_reserved'],
		['dongshan', '13800000001', 'phone_taken']
	])('refuses slug %j with clerk %j (%s) and writes nothing', (slug, phone, reason) => {
		village('xinyang', '新阳村', '13800000001');
		const count = () =>
			db
				.prepare(
					'select (select count(*) from villages) + (select count(*) from users) + (select count(*) from audit) as n'
				)
				.get();
		const before = count();
		const r = createVillage(db, null, {
			...base,
			slug,
			name: '东山村',
			clerk: { name: 'x', phone }
		});
		expect(r).toEqual({ ok: false, reason });
		expect(count()).toEqual(before);
	});
});

describe('createVillage by a village’s clerk', () => {
	it('is refused and writes nothing: only the administrator creates villages', () => {
		const a = village('xinyang', '新阳村', '13800000001');
		const before = db.prepare('select count(*) from audit').pluck().get();
		const r = createVillage(db, a.clerkId, {
			...base,
			slug: 'dongshan',
			name: '东山村',
			clerk: { name: 'x', phone: '13800000002' }
		});
		expect(r).toEqual({ ok: false, reason: 'forbidden' });
		expect(findVillageBySlug(db, 'dongshan')).toBeNull();
		expect(db.prepare('select count(*) from audit').pluck().get()).toBe(before);
	});
});

describe('village scoping', () => {
	it('an account id of village A is not found through village B', () => {
		const a = village('xinyang', '新阳村', '13800000001');
		const b = village('dongshan', '东山村', '13700000001');
		expect(findVillageAccount(db, a.village.id, a.clerkId)?.id).toBe(a.clerkId);
		expect(findVillageAccount(db, b.village.id, a.clerkId)).toBeNull();
		expect(listVillageAccounts(db, b.village.id).map((x) => x.id)).toEqual([b.clerkId]);
		expect(findVillageBySlug(db, 'dongshan')?.name).toBe('东山村');
	});
});
