import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import {
	GENESIS_HASH,
	appendAudit,
	auditHead,
	canonicalJson,
	hashEntry,
	verifyChain
} from './chain.js';

let dir: string;
let db: Database;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'yishiting-chain-'));
	db = openDatabase(join(dir, 'test.db'));
	migrate(db);
});

afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

function append(n: number) {
	const rows = [];
	for (let i = 1; i <= n; i++) {
		rows.push(
			db.transaction(() =>
				appendAudit(db, {
					villageId: 1,
					actorId: 7,
					action: 'topic.create',
					subjectType: 'topic',
					subjectId: i,
					after: { title: `议题 ${i}`, tags: ['水利', i] },
					at: new Date(Date.UTC(2025, 0, i))
				})
			)()
		);
	}
	return rows;
}

/** Tampering needs the append-only triggers out of the way, as an attacker with the file would. */
function dropTriggers() {
	db.exec('drop trigger audit_no_update; drop trigger audit_no_delete;');
}

describe('canonicalJson', () => {
	it.each([
		['sorts keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
		[
			'sorts nested keys',
			{ z: { y: 1, x: [{ d: 1, c: 2 }] } },
			'{"z":{"x":[{"c":2,"d":1}],"y":1}}'
		],
		['keeps array order', [3, 1, 2], '[3,1,2]'],
		['drops undefined members', { a: undefined, b: null }, '{"b":null}'],
		['writes undefined alone as null', undefined, 'null'],
		[
			'writes dates as ISO text',
			{ at: new Date(Date.UTC(2025, 4, 1)) },
			'{"at":"2025-05-01T00:00:00.000Z"}'
		],
		['keeps Chinese text as is', { 名称: '新阳村' }, '{"名称":"新阳村"}'],
		['escapes quotes', { s: 'a"b' }, '{"s":"a\\"b"}']
	])('%s', (_name, value, expected) => {
		expect(canonicalJson(value)).toBe(expected);
	});

	it('gives one text for one value whatever the insertion order', () => {
		const a = { village: 1, votes: { yes: 3, no: 1 }, by: 'x' };
		const b = { by: 'x', votes: { no: 1, yes: 3 }, village: 1 };
		expect(canonicalJson(a)).toBe(canonicalJson(b));
		expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
	});

	it.each([NaN, Infinity, -Infinity])('refuses the non-finite number %s', (n) => {
		expect(() => canonicalJson({ n })).toThrow(/finite/);
	});
});

describe('appendAudit', () => {
	it('throws outside a transaction and writes nothing', () => {
		expect(() =>
			appendAudit(db, { villageId: 1, actorId: 1, action: 'x', subjectType: 'y' })
		).toThrow(/inside the transaction/);
		expect(db.prepare('select count(*) as n from audit').get()).toEqual({ n: 0 });
	});

	it('links each entry to the one before, starting from the genesis hash', () => {
		const rows = append(3);
		expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
		expect(rows[0].prev_hash).toBe(GENESIS_HASH);
		expect(rows[1].prev_hash).toBe(rows[0].hash);
		expect(rows[2].prev_hash).toBe(rows[1].hash);
		for (const r of rows) {
			expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
			expect(hashEntry(r)).toBe(r.hash);
		}
		expect(rows[0].after).toBe('{"tags":["水利",1],"title":"议题 1"}');
		expect(rows[0].subject_id).toBe('1');
	});

	it('rolls back with the change it records', () => {
		append(2);
		expect(() =>
			db.transaction(() => {
				appendAudit(db, { villageId: 1, actorId: 1, action: 'vote.cast', subjectType: 'vote' });
				throw new Error('the change failed');
			})()
		).toThrow('the change failed');
		const rows = append(1);
		expect(rows[0].id).toBe(3);
		expect(verifyChain(db)).toMatchObject({ ok: true, count: 3 });
	});
});

describe('verifyChain', () => {
	it('accepts an empty log with the genesis head', () => {
		expect(verifyChain(db)).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
		expect(auditHead(db)).toEqual({ id: 0, hash: GENESIS_HASH });
	});

	it('accepts an intact chain and reports its head', () => {
		const rows = append(5);
		expect(verifyChain(db)).toEqual({ ok: true, count: 5, head: rows[4].hash });
		expect(auditHead(db)).toEqual({ id: 5, hash: rows[4].hash });
	});

	it.each([
		['action', "update audit set action = 'topic.delete' where id = 3"],
		['before/after', `update audit set after = '{"title":"改过的"}' where id = 3`],
		['time', "update audit set at = '2020-01-01T00:00:00.000Z' where id = 3"],
		['actor', 'update audit set actor_id = 99 where id = 3'],
		['subject', "update audit set subject_id = '42' where id = 3"]
	])('detects a rewritten %s', (_field, sql) => {
		append(5);
		dropTriggers();
		expect(db.prepare(sql).run().changes).toBe(1);
		expect(verifyChain(db)).toEqual({
			ok: false,
			count: 2,
			brokenAt: 3,
			reason: 'entry 3 was changed after it was written'
		});
	});

	it('detects a rewritten entry whose own hash was recomputed, at the next link', () => {
		append(5);
		dropTriggers();
		const row = db.prepare('select * from audit where id = 3').get() as Parameters<
			typeof hashEntry
		>[0];
		const forged = { ...row, action: 'topic.delete' };
		db.prepare('update audit set action = ?, hash = ? where id = 3').run(
			forged.action,
			hashEntry(forged)
		);
		expect(verifyChain(db)).toMatchObject({ ok: false, count: 3, brokenAt: 4 });
		expect(verifyChain(db)).toHaveProperty(
			'reason',
			'entry 4 does not link to the entry before it'
		);
	});

	it.each([
		{ deleted: 1, total: 5, brokenAt: 1, count: 0, reason: 'entry 1 is missing' },
		{ deleted: 3, total: 5, brokenAt: 3, count: 2, reason: 'entry 3 is missing' },
		{ deleted: 5, total: 5, brokenAt: 5, count: 4, reason: 'entries after 4 were deleted' },
		{ deleted: 1, total: 1, brokenAt: 1, count: 0, reason: 'entries after 0 were deleted' }
	])('detects deleting entry $deleted of $total', ({ deleted, total, brokenAt, count, reason }) => {
		append(total);
		dropTriggers();
		expect(db.prepare('delete from audit where id = ?').run(deleted).changes).toBe(1);
		expect(verifyChain(db)).toEqual({ ok: false, count, brokenAt, reason });
	});
});

describe('append-only triggers', () => {
	it.each([
		['UPDATE', "update audit set action = 'x' where id = 1"],
		['DELETE', 'delete from audit where id = 1'],
		['DELETE all', 'delete from audit']
	])('block %s with SQLITE_CONSTRAINT_TRIGGER', (_name, sql) => {
		append(2);
		let error: unknown;
		try {
			db.prepare(sql).run();
		} catch (e) {
			error = e;
		}
		expect(error).toMatchObject({
			code: 'SQLITE_CONSTRAINT_TRIGGER',
			message: 'audit entries are append-only'
		});
		expect(verifyChain(db)).toMatchObject({ ok: true, count: 2 });
	});
});
