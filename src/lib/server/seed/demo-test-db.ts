// Tests on the demo village: seeded once (roster and accounts, no topics), then a fresh copy of
// that file for every test, so each test starts from the same real database.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '../db/test-db';
import { openDatabase } from '../db/open.js';
import type { Db } from '../db';
import { actorByPhone } from './actors';
import { seedDemo } from './demo';

// Seeding (roster import, accounts, password hashes) is the slow part. Files in one worker share
// loaded modules (vite.config.ts), so the seeded file is made once per worker, not once per file;
// every test still opens a copy of its own.
let seeded: Promise<string> | undefined;

function seededTemplate(): Promise<string> {
	seeded ??= (async () => {
		const template = createTestDb();
		await seedDemo(template.db, { topics: false });
		template.db.close();
		process.once('exit', template.cleanup);
		return template.path;
	})();
	// A failed seeding is not kept: the next file tries again and reports its own error.
	seeded.catch(() => (seeded = undefined));
	return seeded;
}

/** Registers the hooks; `use` receives each test's database and its file path. */
export function useDemoVillageDb(use: (db: Db, path: string) => void): void {
	let template: string;
	let dir: string;
	let n = 0;
	beforeAll(async () => {
		template = await seededTemplate();
		dir = mkdtempSync(join(tmpdir(), 'yishiting-demo-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	beforeEach(() => {
		const path = join(dir, `t${++n}.db`);
		copyFileSync(template, path);
		const db = openDatabase(path);
		use(db, path);
		return () => db.close();
	});
}

export const demoVillageId = (db: Db) =>
	(db.prepare("select id from villages where slug = 'xinyang'").get() as { id: number }).id;

/** The demo login with this phone number, as the domain functions see it. */
export const demoActor = actorByPhone;
