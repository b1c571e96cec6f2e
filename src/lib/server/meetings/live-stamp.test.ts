import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '$lib/server/audit/chain.js';
import { createTestDb } from '$lib/server/db/test-db';
import type { Db } from '$lib/server/db';
import { liveStamp } from './live-stamp';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const entry = (villageId: number | null) =>
	db.transaction(() =>
		appendAudit(db, { villageId, actorId: null, action: 'test.change', subjectType: 'meeting' })
	)().id;

describe('liveStamp', () => {
	it('is 0 before the village has any entry', () => {
		expect(liveStamp(db, 1)).toBe(0);
	});

	it('moves with each entry of the village, and only with those', () => {
		const first = entry(1);
		expect(liveStamp(db, 1)).toBe(first);
		const other = entry(2);
		entry(null);
		expect(liveStamp(db, 1)).toBe(first);
		expect(liveStamp(db, 2)).toBe(other);
		const next = entry(1);
		expect(next).toBeGreaterThan(first);
		expect(liveStamp(db, 1)).toBe(next);
	});

	it('is read through the audit_village index, not a scan of the log', () => {
		const plan = db
			.prepare('explain query plan select coalesce(max(id), 0) from audit where village_id = ?')
			.all(1) as { detail: string }[];
		expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX audit_village/);
	});
});
