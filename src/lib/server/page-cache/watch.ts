// What a render read and what a write changed, seen by the connection itself, so that no route has
// to declare its tables and no write path can be forgotten:
// - reads: every statement the connection hands out notes its tables into the render under way
//   (AsyncLocalStorage follows the render through its awaits; concurrent renders keep apart);
// - writes: a TEMP trigger on every table calls page_cache_touch for each row written. Triggers
//   run inside the writing statement, so the tag is touched before the transaction commits and,
//   better-sqlite3 being synchronous, before any render can read the new rows.
// - writes by another connection (an operator's script) change PRAGMA data_version: everything is
//   forgotten then.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Statement } from 'better-sqlite3';
import { PageCache } from './store';

/**
 * The tables one render read; `opaque` when it read something no trigger watches; `wrote` when it
 * changed anything (a page that writes on GET must render every time).
 */
export class Reads {
	readonly tables = new Set<string>();
	opaque = false;
	wrote = false;
}

const reading = new AsyncLocalStorage<Reads>();

/** Runs a render, collecting what it reads from any watched connection. */
export const recordReads = <T>(reads: Reads, render: () => T): T => reading.run(reads, render);

/**
 * A page's tags: the tables it read, narrowed to its village where the table has one. A page of
 * no village (the township's overview) reads every village's rows: it holds each such table's
 * any-village tag.
 */
export function tagsOf(
	reads: Reads,
	villageScoped: ReadonlySet<string>,
	villageId: number | null
): string[] {
	const tags: string[] = [];
	for (const t of reads.tables) {
		tags.push(t);
		if (villageScoped.has(t)) tags.push(villageId === null ? anyVillage(t) : `${t}:${villageId}`);
	}
	return tags;
}

/** The tag a written row touches: its table, narrowed to its village when the row has one. */
export const tagOfWrite = (table: string, villageId: unknown): string =>
	villageId === null || villageId === undefined ? table : `${table}:${villageId}`;

/** Touched by a write to any village's rows of the table, beside that village's own tag. */
export const anyVillage = (table: string): string => `${table}:*`;

export interface Watched {
	/** Tables with a village_id column: their rows touch, and their readers hold, per-village tags. */
	villageScoped: ReadonlySet<string>;
	/** Forgets everything if another connection wrote since the last call. */
	noticeOtherWriters(): void;
}

const watched = new WeakMap<Database, Watched>();

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

// Words that could name a table; string literals are dropped first so a value never counts.
const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;
const LITERAL = /'(?:[^']|'')*'/g;

/**
 * Connects caches to a connection (once: a later call gets the first call's caches, so every
 * caller passes the same ones): functions, triggers, and the statement wrapper.
 */
export function watchDatabase(db: Database, ...caches: PageCache[]): Watched {
	const known = watched.get(db);
	if (known) return known;

	const schema = db
		.prepare(
			`select type, name, coalesce(sql, '') as sql from sqlite_schema
			 where type in ('table', 'view') and name not like 'sqlite_%'`
		)
		.all() as { type: 'table' | 'view'; name: string; sql: string }[];
	const virtual = schema.filter((s) => s.type === 'table' && /^create\s+virtual/i.test(s.sql));
	// A virtual table's storage (fts_data, fts_idx …) is written through it, never by hand.
	const shadow = (name: string) => virtual.some((v) => name.startsWith(`${v.name}_`));
	const tables = schema.filter(
		(s) => s.type === 'table' && !virtual.includes(s) && !shadow(s.name)
	);
	const byName = new Map(schema.map((s) => [s.name.toLowerCase(), s]));

	const villageScoped = new Set<string>();
	for (const t of tables) {
		const columns = db.prepare(`select name from pragma_table_info(?)`).pluck().all(t.name);
		if (columns.includes('village_id')) villageScoped.add(t.name);
	}

	db.function('page_cache_touch', { deterministic: false }, (table, villageId) => {
		const tag = tagOfWrite(String(table), villageId);
		const any = tag === table ? null : anyVillage(String(table));
		for (const cache of caches) {
			cache.touch(tag);
			if (any) cache.touch(any);
		}
		const reads = reading.getStore();
		if (reads) reads.wrote = true;
		return null;
	});
	const triggers = tables.map((t) => {
		const q = quote(t.name);
		const lit = `'${t.name.replaceAll("'", "''")}'`;
		const v = (row: string) => (villageScoped.has(t.name) ? `${row}.village_id` : 'null');
		const name = (what: string) => quote(`page_cache_${t.name}_${what}`);
		return `
			create temp trigger ${name('i')} after insert on main.${q}
			begin select page_cache_touch(${lit}, ${v('new')}); end;
			create temp trigger ${name('u')} after update on main.${q}
			begin select page_cache_touch(${lit}, ${v('old')}), page_cache_touch(${lit}, ${v('new')}); end;
			create temp trigger ${name('d')} after delete on main.${q}
			begin select page_cache_touch(${lit}, ${v('old')}); end;`;
	});
	db.exec(triggers.join('\n'));

	// The tables a statement reads: each schema name among its words, views opened up to theirs.
	// Reading more than it does (a column named like a table) only invalidates more often.
	const tablesOfSql = new Map<string, { tables: string[]; opaque: boolean }>();
	const resolve = (sql: string, seen: Set<string>, out: Set<string>): boolean => {
		let opaque = false;
		for (const word of new Set(sql.replace(LITERAL, "''").toLowerCase().match(WORD) ?? [])) {
			const s = byName.get(word);
			if (!s || seen.has(word)) continue;
			seen.add(word);
			if (s.type === 'view') opaque = resolve(s.sql, seen, out) || opaque;
			else if (virtual.includes(s)) opaque = true;
			else out.add(s.name);
		}
		return opaque;
	};
	const readsOf = (sql: string) => {
		let r = tablesOfSql.get(sql);
		if (!r) {
			const out = new Set<string>();
			const opaque = resolve(sql, new Set(), out);
			r = { tables: [...out], opaque };
			tablesOfSql.set(sql, r);
		}
		return r;
	};

	const wrapped = new WeakSet<Statement>();
	const wrap = (statement: Statement) => {
		const s = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
		// A write no trigger sees (a virtual table, a temp table) still marks the render.
		const writes = !statement.readonly;
		for (const method of writes ? ['get', 'all', 'iterate', 'run'] : ['get', 'all', 'iterate']) {
			const run = s[method];
			s[method] = function (this: unknown, ...args: unknown[]) {
				const reads = reading.getStore();
				if (reads) {
					const r = readsOf(statement.source);
					for (const t of r.tables) reads.tables.add(t);
					if (r.opaque) reads.opaque = true;
					if (writes) reads.wrote = true;
				}
				return run.apply(this, args);
			};
		}
		wrapped.add(statement);
	};
	const prepare = db.prepare.bind(db);
	db.prepare = ((sql: string) => {
		const statement = prepare(sql);
		if (!wrapped.has(statement)) wrap(statement);
		return statement;
	}) as typeof db.prepare;

	const exec = db.exec.bind(db);
	db.exec = ((sql: string) => {
		const reads = reading.getStore();
		if (reads) reads.wrote = true;
		return exec(sql);
	}) as typeof db.exec;

	const dataVersion = prepare('pragma data_version').pluck();
	let lastVersion = dataVersion.get();
	const result: Watched = {
		villageScoped,
		noticeOtherWriters() {
			const version = dataVersion.get();
			if (version !== lastVersion) {
				lastVersion = version;
				for (const cache of caches) cache.clear();
			}
		}
	};
	watched.set(db, result);
	return result;
}
