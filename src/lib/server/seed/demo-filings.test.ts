import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { seedDemo } from './demo';
import { townshipFilingInbox } from '../township/filings';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDb());
	await seedDemo(db);
});
afterAll(() => cleanup());

describe('the demo township’s filing inbox', () => {
	it('holds a filed resolution still waiting, and one 周建华 acknowledged', () => {
		const township = db
			.prepare("select township_id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const inbox = townshipFilingInbox(db, township, {}, new Date());
		const waiting = inbox.filter((f) => f.state === 'filed' && f.kind === 'resolution');
		expect(waiting.length).toBeGreaterThanOrEqual(1);
		expect(
			inbox.filter((f) => f.state === 'acknowledged').map((f) => [f.kind, f.decidedByName])
		).toEqual([['resolution', '周建华']]);
	});
});
