import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { checkLogin } from '../auth/accounts';
import { DEMO_ACCOUNTS, DEMO_VILLAGE, seedDemo } from './demo';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

describe('demo seed', () => {
	it('creates 新阳村 with its demo accounts once, and only on an empty database', async () => {
		expect(await seedDemo(db)).toBe(true);
		expect(await seedDemo(db)).toBe(false);
		const village = db.prepare('select slug, name, township, one_shoulder from villages').all();
		expect(village).toEqual([
			{ slug: DEMO_VILLAGE.slug, name: '新阳村', township: '长青乡', one_shoulder: 1 }
		]);
		for (const a of DEMO_ACCOUNTS) {
			expect(await checkLogin(db, a.phone, a.password)).toMatchObject({ ok: true, role: a.role });
		}
		expect(verifyChain(db).ok).toBe(true);
	});

	it('is deterministic: two seeds give the same rows apart from hashes and times', async () => {
		const other = createTestDb();
		try {
			await seedDemo(db);
			await seedDemo(other.db);
			const rows = (d: Db) =>
				d.prepare('select id, village_id, role, name, phone from users order by id').all();
			expect(rows(other.db)).toEqual(rows(db));
		} finally {
			other.cleanup();
		}
	});
});
