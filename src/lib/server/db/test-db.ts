// Tests run on real database files in a temporary folder, never on mocks.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import type { Db } from './index';

// Migrating costs one fsync'd transaction per migration, hundreds of times a run: each process
// migrates one file and every test starts from a copy of it (the same schema, byte for byte).
let migratedTemplate: string | undefined;

function templatePath(): string {
	if (migratedTemplate && existsSync(migratedTemplate)) return migratedTemplate;
	const dir = mkdtempSync(join(tmpdir(), 'yishiting-template-'));
	const path = join(dir, 'migrated.db');
	const db = openDatabase(path);
	migrate(db);
	// Closing the last connection checkpoints the WAL into the file, so the file alone is complete.
	db.close();
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	migratedTemplate = path;
	return path;
}

export function createTestDb(): { db: Db; path: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'yishiting-test-'));
	const path = join(dir, 'test.db');
	copyFileSync(templatePath(), path);
	const db = openDatabase(path);
	return {
		db,
		path,
		cleanup: () => {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Runs one released migration again on a database a test has put back to the shape before it, to
 * show what the migration does to rows an older release left (later migrations stay applied).
 */
export function rerunMigration(db: Db, name: string): void {
	const m = migrations.find((x) => x.name === name);
	if (!m) throw new Error(`no migration named ${name}`);
	db.transaction(() => db.exec(m.sql)).immediate();
}
