// Tests on the demo village: seeded once per test file (roster and accounts, no topics), then a
// fresh copy of that file for every test, so each test starts from the same real database.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '../db/test-db';
import { openDatabase } from '../db/open.js';
import type { Db } from '../db';
import { actorByPhone } from './actors';
import { seedDemo } from './demo';

/** Registers the hooks; `use` receives each test's database and its file path. */
export function useDemoVillageDb(use: (db: Db, path: string) => void): void {
	let template: ReturnType<typeof createTestDb>;
	let dir: string;
	let n = 0;
	beforeAll(async () => {
		template = createTestDb();
		await seedDemo(template.db, { topics: false });
		template.db.pragma('wal_checkpoint(TRUNCATE)');
		dir = mkdtempSync(join(tmpdir(), 'yishiting-demo-'));
	});
	afterAll(() => {
		template.cleanup();
		rmSync(dir, { recursive: true, force: true });
	});
	beforeEach(() => {
		const path = join(dir, `t${++n}.db`);
		copyFileSync(template.path, path);
		const db = openDatabase(path);
		use(db, path);
		return () => db.close();
	});
}

export const demoVillageId = (db: Db) =>
	(db.prepare("select id from villages where slug = 'xinyang'").get() as { id: number }).id;

/** The demo login with this phone number, as the domain functions see it. */
export const demoActor = actorByPhone;
