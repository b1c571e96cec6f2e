// Tests run on real database files in a temporary folder, never on mocks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open.js';
import { migrate } from './migrate.js';
import type { Db } from './index';

export function createTestDb(): { db: Db; path: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'yishiting-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	migrate(db);
	return {
		db,
		path,
		cleanup: () => {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
