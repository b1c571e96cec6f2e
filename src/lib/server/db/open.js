// Opening the database is plain JavaScript so that the operator scripts (db:migrate, db:backup,
// audit:verify) run with production dependencies only, next to the built server.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

// 3.51.3 fixed a WAL-reset bug that can lose committed transactions.
export const MIN_SQLITE_VERSION = '3.51.3';

/** @param {string} a @param {string} b */
export function compareVersions(a, b) {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return Math.sign(d);
	}
	return 0;
}

/** @param {import('better-sqlite3').Database} db */
export function sqliteVersion(db) {
	return /** @type {{ v: string }} */ (db.prepare('select sqlite_version() as v').get()).v;
}

/** @param {string} version */
export function assertSqliteVersion(version) {
	if (compareVersions(version, MIN_SQLITE_VERSION) < 0) {
		throw new Error(
			`SQLite ${version} is too old: Yishiting needs ${MIN_SQLITE_VERSION} or newer (WAL-reset bug). Reinstall better-sqlite3 12.x.`
		);
	}
}

/**
 * Opens a database file with the pragmas every connection needs.
 * @param {string} path
 * @param {{ readonly?: boolean }} [options]
 */
export function openDatabase(path, options = {}) {
	if (!path) throw new Error('DATABASE_PATH is empty: set it to the SQLite file to use.');
	if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path, { readonly: options.readonly ?? false });
	const version = sqliteVersion(db);
	try {
		assertSqliteVersion(version);
	} catch (e) {
		db.close();
		throw e;
	}
	db.pragma('busy_timeout = 5000');
	if (!options.readonly) db.pragma('journal_mode = WAL');
	// better-sqlite3 leaves WAL databases at NORMAL; a recorded vote must survive power loss.
	db.pragma('synchronous = FULL');
	db.pragma('foreign_keys = ON');
	// Freed space is zeroed, not left holding old rows: a secret ballot's counter must keep no
	// earlier value in the file once its motion closes.
	db.pragma('secure_delete = ON');
	cacheStatements(db);
	return db;
}

// Compiling a statement costs more than running most of ours, and the domain code prepares its
// SQL where it is used: the connection keeps what it compiled, by SQL text. Beyond the cap (SQL
// built for a varying number of parameters) statements are compiled each time, as before.
const STATEMENT_CACHE_LIMIT = 2000;

/** @param {import('better-sqlite3').Database} db */
function cacheStatements(db) {
	const prepare = db.prepare.bind(db);
	/** @type {Map<string, import('better-sqlite3').Statement>} */
	const statements = new Map();
	db.prepare = /** @type {typeof db.prepare} */ (
		(/** @type {string} */ sql) => {
			const kept = statements.get(sql);
			// An iterator still open on the same SQL (a nested loop) needs its own statement.
			if (kept && !kept.busy) {
				// Modes are per statement: give every caller the defaults it would get fresh.
				if (kept.reader) kept.pluck(false).expand(false).raw(false);
				return kept;
			}
			const fresh = prepare(sql);
			if (!kept && statements.size < STATEMENT_CACHE_LIMIT) statements.set(sql, fresh);
			return fresh;
		}
	);
}
