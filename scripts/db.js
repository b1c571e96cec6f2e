#!/usr/bin/env node
// Operator commands for the database. Plain Node with production dependencies only, so they run
// on the server next to `node build` after `npm ci --omit=dev`. See docs/operations.md.
import Database from 'better-sqlite3';
import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { openDatabase } from '../src/lib/server/db/open.js';
import { latestMigration, migrate, migrationLevel } from '../src/lib/server/db/migrate.js';
import { auditHead, verifyChain } from '../src/lib/server/audit/chain.js';

const USAGE = `usage: node scripts/db.js <command>

  migrate                    apply pending migrations
  backup <file>              write a verified copy of the live database to <file>
  verify                     recompute the audit chain
  restore <file> [--force]   replace the database with a verified backup (server stopped)

The database is DATABASE_PATH (default ./data/yishiting.db).`;

class Failure extends Error {}

/** Temporary files to remove if we fail or are interrupted half-way. */
const pending = new Set();

function cleanup() {
	for (const path of pending) {
		for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
	}
	pending.clear();
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(signal, () => {
		cleanup();
		process.exit(1);
	});
}

function databasePath() {
	return resolve(process.env.DATABASE_PATH || './data/yishiting.db');
}

/** @param {number} bytes */
function formatSize(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** @param {string} path */
function fsyncPath(path) {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** @param {string} path */
function requireDatabase(path) {
	if (!existsSync(path)) {
		throw new Failure(
			`no database at ${path} (set DATABASE_PATH, or run db:migrate to create one)`
		);
	}
}

/**
 * Integrity and audit checks shared by backup and restore.
 * @param {import('better-sqlite3').Database} db
 * @param {string} label what the file is, for messages
 */
function checkDatabase(db, label) {
	const problems = /** @type {{ quick_check: string }[]} */ (db.pragma('quick_check')).map((r) =>
		r.quick_check.replace(/\s*\n\s*/g, ' ')
	);
	if (problems.length !== 1 || problems[0] !== 'ok') {
		throw new Failure(`${label} failed quick_check: ${problems.slice(0, 5).join('; ')}`);
	}
	const level = migrationLevel(db);
	if (level === 0) throw new Failure(`${label} has no schema (migration level 0)`);
	const chain = verifyChain(db);
	if (!chain.ok) {
		throw new Failure(`${label}: audit chain BROKEN at entry ${chain.brokenAt}: ${chain.reason}`);
	}
	return { level, entries: chain.count, head: auditHead(db) };
}

function cmdMigrate() {
	const path = databasePath();
	const db = openDatabase(path);
	try {
		const before = migrationLevel(db);
		const applied = migrate(db);
		if (applied.length === 0) console.log(`${path}: up to date`);
		else
			console.log(
				`${path}: applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')} (was at ${before})`
			);
		console.log(`migration level ${migrationLevel(db)}`);
	} finally {
		db.close();
	}
}

/** @param {string | undefined} target */
async function cmdBackup(target) {
	if (!target) throw new Failure('backup needs a target file: node scripts/db.js backup <file>');
	const source = databasePath();
	const dest = resolve(target);
	requireDatabase(source);
	if (dest === source) throw new Failure('the backup target is the database itself');
	if (!existsSync(dirname(dest))) throw new Failure(`directory ${dirname(dest)} does not exist`);

	const tmp = `${dest}.partial-${process.pid}`;
	pending.add(tmp);
	const src = openDatabase(source, { readonly: true });
	try {
		if (migrationLevel(src) === 0) throw new Failure(`${source} has no schema: nothing to back up`);
		// The backup restarts whenever another connection commits between two steps, so under a
		// steady stream of votes a small step size might never finish. After the first (empty)
		// step, copy everything in one step: that step reads one consistent WAL snapshot and
		// writers are never blocked by it.
		await src.backup(tmp, { progress: () => 0x7fffffff });
	} finally {
		src.close();
	}

	const copy = new Database(tmp, { fileMustExist: true });
	let result;
	try {
		// The copy inherits WAL mode; a rollback-journal file is self-contained, so it can be
		// moved, copied and restored without a -wal file beside it.
		copy.pragma('journal_mode = DELETE');
		result = checkDatabase(copy, 'the backup copy');
	} finally {
		copy.close();
	}

	fsyncPath(tmp);
	renameSync(tmp, dest);
	pending.delete(tmp);
	// The rename is durable only once the directory entry is on disk.
	fsyncPath(dirname(dest));

	console.log(`backup written to ${dest}`);
	console.log(`size ${formatSize(statSync(dest).size)}, migration level ${result.level}`);
	console.log(
		`audit head: entry ${result.head.id}, ${result.head.hash} (${result.entries} entries)`
	);
}

function cmdVerify() {
	const path = databasePath();
	requireDatabase(path);
	const db = openDatabase(path, { readonly: true });
	try {
		if (migrationLevel(db) === 0) throw new Failure(`${path} has no schema: nothing to verify`);
		const chain = verifyChain(db);
		if (chain.ok) {
			console.log(`audit chain ok: ${chain.count} entries, head ${chain.head}`);
		} else {
			console.error(`audit chain BROKEN at entry ${chain.brokenAt}: ${chain.reason}`);
			process.exitCode = 1;
		}
	} finally {
		db.close();
	}
}

/** @param {string[]} args */
function cmdRestore(args) {
	const force = args.includes('--force');
	const files = args.filter((a) => a !== '--force');
	if (files.length !== 1) {
		throw new Failure('restore needs one backup file: node scripts/db.js restore <file> [--force]');
	}
	const backup = resolve(files[0]);
	const target = databasePath();
	if (!existsSync(backup)) throw new Failure(`no backup file at ${backup}`);
	if (backup === target) throw new Failure('the backup file is the database itself');
	// We cannot tell reliably whether a server has the database open, so replacing an existing
	// database needs the operator to say they stopped it.
	if (!force && (existsSync(target) || existsSync(`${target}-wal`))) {
		throw new Failure(
			`${target} exists. Stop the server first, then rerun with --force to replace it.`
		);
	}

	const db = new Database(backup, { readonly: true, fileMustExist: true });
	let result;
	try {
		result = checkDatabase(db, `backup ${basename(backup)}`);
	} finally {
		db.close();
	}
	if (result.level > latestMigration) {
		throw new Failure(
			`the backup is at migration ${result.level}, newer than this release (${latestMigration}): restore it with the release that wrote it`
		);
	}

	mkdirSync(dirname(target), { recursive: true });
	const tmp = `${target}.restore-${process.pid}`;
	pending.add(tmp);
	copyFileSync(backup, tmp);
	fsyncPath(tmp);
	// A -wal left from the old database would be replayed onto the restored file and corrupt it.
	for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
	renameSync(tmp, target);
	pending.delete(tmp);
	fsyncPath(dirname(target));

	console.log(`restored ${backup} to ${target}`);
	console.log(`migration level ${result.level} (this release: ${latestMigration})`);
	console.log(`audit chain ok: ${result.entries} entries, head ${result.head.hash}`);
}

async function main() {
	const [command, ...args] = process.argv.slice(2);
	switch (command) {
		case 'migrate':
			return cmdMigrate();
		case 'backup':
			return cmdBackup(args[0]);
		case 'verify':
			return cmdVerify();
		case 'restore':
			return cmdRestore(args);
		case undefined:
		case 'help':
		case '--help':
		case '-h':
			console.log(USAGE);
			if (command === undefined) process.exitCode = 2;
			return;
		default:
			console.error(`unknown command: ${command}\n\n${USAGE}`);
			process.exitCode = 2;
	}
}

try {
	await main();
} catch (e) {
	cleanup();
	const message = e instanceof Error ? e.message : String(e);
	console.error(`error: ${message}`);
	process.exitCode = 1;
}
