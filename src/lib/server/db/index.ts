import { env } from '$env/dynamic/private';
import type { Database } from 'better-sqlite3';
import { openDatabase } from './open.js';
import { migrate } from './migrate.js';
import { truncateWal } from './wal';

export type Db = Database;

let db: Db | undefined;

export function databasePath(): string {
	return env.DATABASE_PATH || './data/yishiting.db';
}

/** The one connection of this process, opened and migrated on first use. */
export function getDb(): Db {
	if (!db) {
		const opened = openDatabase(databasePath());
		migrate(opened);
		// A crash between a secret close and its WAL erasure leaves the history behind: erase it now.
		truncateWal(opened);
		db = opened;
	}
	return db;
}
