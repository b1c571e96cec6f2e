import { migrations } from './migrations/index.js';

/** @typedef {import('better-sqlite3').Database} Db */

/** @param {Db} db */
export function migrationLevel(db) {
	const exists = db
		.prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'")
		.get();
	if (!exists) return 0;
	const row = /** @type {{ v: number | null }} */ (
		db.prepare('select max(version) as v from schema_migrations').get()
	);
	return row.v ?? 0;
}

/**
 * Applies every migration newer than the database, each in its own transaction.
 * @param {Db} db
 * @returns {number[]} versions applied
 */
export function migrate(db) {
	db.exec(`create table if not exists schema_migrations (
		version integer primary key,
		name text not null,
		applied_at text not null
	) strict`);
	const current = migrationLevel(db);
	const latest = migrations.at(-1)?.version ?? 0;
	if (current > latest) {
		throw new Error(
			`The database is at migration ${current}, newer than this code (${latest}): refusing to run an older release on it.`
		);
	}
	/** @type {number[]} */
	const applied = [];
	for (const m of migrations) {
		if (m.version <= current) continue;
		// A migration that rebuilds a referenced table runs with foreign keys off (the pragma is a
		// no-op inside a transaction) and proves before committing that every reference still holds.
		const fkWasOn = m.foreignKeysOff && db.pragma('foreign_keys', { simple: true }) === 1;
		if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
		try {
			db.transaction(() => {
				db.exec(m.sql);
				if (m.foreignKeysOff) {
					const broken = /** @type {unknown[]} */ (db.pragma('foreign_key_check'));
					if (broken.length > 0)
						throw new Error(`Migration ${m.version} broke ${broken.length} foreign keys`);
				}
				db.prepare(
					'insert into schema_migrations (version, name, applied_at) values (?, ?, ?)'
				).run(m.version, m.name, new Date().toISOString());
			}).immediate();
		} finally {
			if (fkWasOn) db.pragma('foreign_keys = ON');
		}
		applied.push(m.version);
	}
	return applied;
}

export const latestMigration = migrations.at(-1)?.version ?? 0;
