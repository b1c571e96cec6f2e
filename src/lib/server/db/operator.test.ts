// The operator CLI (scripts/db.js) run as operators run it: a real `node` process on real files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { openDatabase } from './open.js';
import { latestMigration, migrate, migrationLevel } from './migrate.js';
import { migrations } from './migrations/index.js';
import { appendAudit, verifyChain } from '../audit/chain.js';

const SCRIPT = fileURLToPath(new URL('../../../../scripts/db.js', import.meta.url));
const OPEN_URL = new URL('./open.js', import.meta.url).href;
const CHAIN_URL = new URL('../audit/chain.js', import.meta.url).href;

type Run = { status: number | null; stdout: string; stderr: string };

let dir: string;
let dbPath: string;
const openDbs: Db[] = [];

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'yishiting-operator-'));
	dbPath = join(dir, 'data', 'yishiting.db');
});

afterEach(() => {
	for (const db of openDbs.splice(0)) if (db.open) db.close();
	rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], databasePath = dbPath): Run {
	const r = spawnSync(process.execPath, [SCRIPT, ...args], {
		env: { ...process.env, DATABASE_PATH: databasePath },
		encoding: 'utf8',
		timeout: 30_000
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Asynchronous, so a writer process can keep committing while the backup runs. */
function cliAsync(args: string[], databasePath = dbPath): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [SCRIPT, ...args], {
			env: { ...process.env, DATABASE_PATH: databasePath }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

function open(path = dbPath, readonly = false): Db {
	const db = openDatabase(path, { readonly });
	openDbs.push(db);
	return db;
}

function appendEntries(db: Db, n: number, padding = 0) {
	db.transaction(() => {
		for (let i = 0; i < n; i++) {
			appendAudit(db, {
				villageId: 1,
				actorId: 2,
				action: 'vote.cast',
				subjectType: 'vote',
				subjectId: i,
				after: { choice: i % 2 ? '赞成' : '反对', note: '备'.repeat(padding) }
			});
		}
	})();
}

/** A migrated database with `n` audit entries, left open like a running server would. */
function seeded(n: number, path = dbPath, padding = 0): Db {
	const db = open(path);
	migrate(db);
	appendEntries(db, n, padding);
	return db;
}

function headOf(db: Db): string {
	const chain = verifyChain(db);
	if (!chain.ok) throw new Error(chain.reason);
	return chain.head;
}

/** Opens a backup without touching it, and reports what a restore would get. */
function inspect(path: string) {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		return {
			quickCheck: db.pragma('quick_check', { simple: true }),
			journalMode: db.pragma('journal_mode', { simple: true }),
			level: migrationLevel(db),
			chain: verifyChain(db)
		};
	} finally {
		db.close();
	}
}

/**
 * Breaks the b-tree header of an index page. The audit table itself stays readable, so only
 * quick_check can tell: verifyChain alone would pass this file.
 */
function damageIndexPage(file: string) {
	const db = new Database(file, { fileMustExist: true });
	const root = db
		.prepare("select rootpage from sqlite_master where name = 'audit_village'")
		.pluck()
		.get() as number;
	const pageSize = db.pragma('page_size', { simple: true }) as number;
	db.close();
	const bytes = readFileSync(file);
	bytes[(root - 1) * pageSize] = 0xff;
	writeFileSync(file, bytes);
	const check = new Database(file, { readonly: true });
	expect(verifyChain(check)).toMatchObject({ ok: true });
	check.close();
}

function leftovers(folder: string) {
	return readdirSync(folder).filter((f) => /\.(partial|restore)-\d+/.test(f));
}

describe('db.js migrate', () => {
	it('creates the schema, then reports it up to date', () => {
		const first = cli(['migrate']);
		expect(first.stderr).toBe('');
		expect(first.status).toBe(0);
		expect(first.stdout).toMatch(
			new RegExp(
				`applied migrations? ${migrations.map((m) => m.version).join(', ')} \\(was at 0\\)`
			)
		);
		expect(first.stdout).toContain(`migration level ${latestMigration}`);

		const db = open(dbPath, true);
		const tables = db
			.prepare("select name from sqlite_master where type = 'table'")
			.pluck()
			.all() as string[];
		expect(tables).toEqual(expect.arrayContaining(['schema_migrations', 'audit']));
		expect(migrationLevel(db)).toBe(latestMigration);

		const second = cli(['migrate']);
		expect(second.status).toBe(0);
		expect(second.stdout).toContain('up to date');
	});
});

describe('db.js backup', () => {
	it('writes a self-contained copy that passes quick_check and verifies', () => {
		const db = seeded(20);
		const target = join(dir, 'backup.db');

		const r = cli(['backup', target]);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout).toContain(`migration level ${latestMigration}`);
		expect(r.stdout).toContain(`audit head: entry 20, ${headOf(db)}`);
		expect(r.stdout).toMatch(/size \d+(\.\d)? (KiB|MiB)/);

		expect(inspect(target)).toEqual({
			quickCheck: 'ok',
			journalMode: 'delete',
			level: latestMigration,
			chain: { ok: true, count: 20, head: headOf(db) }
		});
		expect(existsSync(`${target}-wal`)).toBe(false);
		expect(leftovers(dir)).toEqual([]);
	});

	it('replaces an older backup at the same path', () => {
		const db = seeded(3);
		const target = join(dir, 'backup.db');
		expect(cli(['backup', target]).status).toBe(0);
		appendEntries(db, 4);
		expect(cli(['backup', target]).status).toBe(0);
		expect(inspect(target).chain).toEqual({ ok: true, count: 7, head: headOf(db) });
	});

	it('copies the committed state while another connection is mid-transaction', () => {
		const db = seeded(20);
		const committedHead = headOf(db);
		const writer = open();
		writer.prepare('begin immediate').run();
		appendEntries(writer, 5);

		const target = join(dir, 'backup.db');
		const r = cli(['backup', target]);
		writer.prepare('commit').run();

		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(inspect(target).chain).toEqual({ ok: true, count: 20, head: committedHead });
		expect(verifyChain(db)).toMatchObject({ ok: true, count: 25 });
	});

	it('finishes while another process keeps committing', async () => {
		// Thousands of pages, so that a page-by-page copy would be restarted by every commit.
		seeded(2000, dbPath, 1500);
		const writerScript = `
			import { openDatabase } from ${JSON.stringify(OPEN_URL)};
			import { appendAudit } from ${JSON.stringify(CHAIN_URL)};
			const db = openDatabase(process.env.DATABASE_PATH);
			const until = Date.now() + 20000;
			let batches = 0;
			function batch() {
				db.transaction(() => {
					for (let i = 0; i < 10; i++) {
						appendAudit(db, { villageId: 1, actorId: 3, action: 'vote.cast', subjectType: 'vote', after: { i } });
					}
				}).immediate();
				if (++batches === 5) process.stdout.write('ready\\n');
				if (Date.now() < until) setImmediate(batch);
				else db.close();
			}
			batch();`;
		const writer = spawn(process.execPath, ['--input-type=module', '-e', writerScript], {
			env: { ...process.env, DATABASE_PATH: dbPath },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		try {
			await new Promise<void>((resolve, reject) => {
				writer.stdout.on('data', (d) => String(d).includes('ready') && resolve());
				writer.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
			});
			const count = () =>
				(open(dbPath, true).prepare('select count(*) from audit').pluck().get() as number) ?? 0;
			const before = count();
			const target = join(dir, 'backup.db');
			const r = await cliAsync(['backup', target]);
			const after = count();

			expect(r.stderr).toBe('');
			expect(r.status).toBe(0);
			const copied = inspect(target).chain;
			expect(copied.ok).toBe(true);
			expect(copied.count).toBeGreaterThanOrEqual(before);
			expect(copied.count).toBeLessThanOrEqual(after);
			expect(after).toBeGreaterThan(before);
		} finally {
			writer.kill();
		}
	});

	it.each([
		{
			name: 'a tampered audit log',
			prepare: (db: Db) => {
				db.exec('drop trigger audit_no_update');
				db.exec("update audit set action = 'vote.retract' where id = 2");
			},
			message: /audit chain BROKEN at entry 2/
		},
		{
			name: 'a damaged database',
			prepare: (db: Db) => {
				const file = db.name;
				db.close();
				damageIndexPage(file);
			},
			message: /the backup copy failed quick_check: .*btreeInitPage/
		},
		{
			name: 'a database without a schema',
			prepare: (db: Db) => db.exec('drop table audit; drop table schema_migrations;'),
			message: /has no schema: nothing to back up/
		}
	])('refuses $name and leaves no file behind', ({ prepare, message }) => {
		const db = seeded(3);
		prepare(db);
		const target = join(dir, 'backup.db');
		const r = cli(['backup', target]);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(existsSync(target)).toBe(false);
		expect(leftovers(dir)).toEqual([]);
	});

	it.each([
		{ name: 'no target', args: ['backup'], message: /needs a target file/ },
		{ name: 'a missing folder', args: ['backup', '/nonexistent/x.db'], message: /does not exist/ },
		{ name: 'the database itself', args: ['backup', '@db'], message: /database itself/ }
	])('refuses $name', ({ args, message }) => {
		seeded(1);
		const r = cli(args.map((a) => (a === '@db' ? dbPath : a)));
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(message);
	});

	it('refuses a missing database without creating one', () => {
		const r = cli(['backup', join(dir, 'backup.db')]);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain(`no database at ${dbPath}`);
		expect(existsSync(dbPath)).toBe(false);
	});
});

describe('db.js restore', () => {
	function backupOf(n: number) {
		const source = join(dir, 'source', 'live.db');
		const db = seeded(n, source);
		const target = join(dir, 'backup.db');
		expect(cli(['backup', target], source).status).toBe(0);
		return { target, head: headOf(db) };
	}

	it('restores into a fresh path that then verifies', () => {
		const backup = backupOf(12);
		const r = cli(['restore', backup.target]);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout).toContain(`audit chain ok: 12 entries, head ${backup.head}`);
		expect(leftovers(join(dir, 'data'))).toEqual([]);

		const verify = cli(['verify']);
		expect(verify.status).toBe(0);
		expect(verify.stdout).toBe(`audit chain ok: 12 entries, head ${backup.head}\n`);
	});

	it('needs --force to replace a database, and then drops its stale WAL', () => {
		const backup = backupOf(4);

		// The old database, with committed frames still in its WAL as after a crash.
		const old = seeded(9);
		old.pragma('wal_autocheckpoint = 0');
		appendEntries(old, 30);
		const wal = readFileSync(`${dbPath}-wal`);
		const oldHead = headOf(old);
		old.close();
		writeFileSync(`${dbPath}-wal`, wal);

		const refused = cli(['restore', backup.target]);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/exists\. Stop the server first.*--force/);
		expect(cli(['verify']).stdout).toBe(`audit chain ok: 39 entries, head ${oldHead}\n`);
		writeFileSync(`${dbPath}-wal`, wal);

		const forced = cli(['restore', backup.target, '--force']);
		expect(forced.stderr).toBe('');
		expect(forced.status).toBe(0);
		expect(existsSync(`${dbPath}-wal`)).toBe(false);
		expect(existsSync(`${dbPath}-shm`)).toBe(false);
		expect(inspect(dbPath)).toMatchObject({
			quickCheck: 'ok',
			chain: { ok: true, count: 4, head: backup.head }
		});
	});

	it.each([
		{
			name: 'a backup with a rewritten entry',
			spoil: (file: string) => {
				const db = new Database(file);
				db.exec('drop trigger audit_no_update');
				db.exec("update audit set after = '{}' where id = 3");
				db.close();
			},
			message: /audit chain BROKEN at entry 3: entry 3 was changed/
		},
		{
			name: 'a damaged index page',
			spoil: damageIndexPage,
			message: /failed quick_check: .*btreeInitPage/
		},
		{
			name: 'a file that is not a database',
			spoil: (file: string) => writeFileSync(file, 'not a database, just text'.repeat(100)),
			message: /not a database/
		}
	])('refuses $name and leaves the target alone', ({ spoil, message }) => {
		const backup = backupOf(5);
		spoil(backup.target);
		const r = cli(['restore', backup.target]);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(existsSync(dbPath)).toBe(false);
	});

	it('refuses a missing backup file', () => {
		const r = cli(['restore', join(dir, 'nope.db')]);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/no backup file at/);
	});
});

describe('db.js verify', () => {
	it('reports an intact chain and its head', () => {
		const db = seeded(5);
		const r = cli(['verify']);
		expect(r.status).toBe(0);
		expect(r.stdout).toBe(`audit chain ok: 5 entries, head ${headOf(db)}\n`);
	});

	it.each([
		{
			name: 'a rewritten entry',
			sql: 'update audit set after = \'{"choice":"赞成"}\' where id = 3',
			line: 'audit chain BROKEN at entry 3: entry 3 was changed after it was written'
		},
		{
			name: 'a deleted middle entry',
			sql: 'delete from audit where id = 3',
			line: 'audit chain BROKEN at entry 3: entry 3 is missing'
		},
		{
			name: 'a deleted last entry',
			sql: 'delete from audit where id = 5',
			line: 'audit chain BROKEN at entry 5: entries after 4 were deleted'
		}
	])('detects $name and exits 1', ({ sql, line }) => {
		const db = seeded(5);
		db.exec('drop trigger audit_no_update; drop trigger audit_no_delete;');
		expect(db.prepare(sql).run().changes).toBe(1);
		const r = cli(['verify']);
		expect(r.status).toBe(1);
		expect(r.stdout + r.stderr).toBe(`${line}\n`);
	});

	it('fails on a missing database without creating one', () => {
		const r = cli(['verify']);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('no database at');
		expect(existsSync(dbPath)).toBe(false);
	});
});

describe('db.js usage', () => {
	it.each([[[]], [['frobnicate']]])('exits 2 with the usage for %j', (args) => {
		const r = cli(args);
		expect(r.status).toBe(2);
		expect(r.stdout + r.stderr).toContain('usage: node scripts/db.js <command>');
	});
});
