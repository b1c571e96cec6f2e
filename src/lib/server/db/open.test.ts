import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';

let dir: string;
let db: ReturnType<typeof openDatabase>;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'yst-open-'));
	db = openDatabase(join(dir, 'db.sqlite'));
	db.exec('create table t (id integer primary key, name text)');
	db.prepare('insert into t (name) values (?), (?), (?)').run('甲', '乙', '丙');
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the connection keeps the statements it compiled', () => {
	it('gives the same statement for the same SQL', () => {
		const sql = 'select name from t where id = ?';
		expect(db.prepare(sql)).toBe(db.prepare(sql));
		expect(db.prepare(sql)).not.toBe(db.prepare(sql + ' '));
	});

	it('gives every caller the default modes, whatever the last caller set', () => {
		const sql = 'select id, name from t order by id';
		expect(db.prepare(sql).pluck().all()).toEqual([1, 2, 3]);
		expect(db.prepare(sql).all()).toEqual([
			{ id: 1, name: '甲' },
			{ id: 2, name: '乙' },
			{ id: 3, name: '丙' }
		]);
		expect(db.prepare(sql).raw().get()).toEqual([1, '甲']);
		expect(db.prepare(sql).get()).toEqual({ id: 1, name: '甲' });
		expect(db.prepare(sql).expand().get()).toEqual({ t: { id: 1, name: '甲' } });
		expect(db.prepare(sql).get()).toEqual({ id: 1, name: '甲' });
	});

	it('gives a loop inside a loop over the same SQL its own statement', () => {
		const sql = 'select id from t order by id';
		const pairs: [number, number][] = [];
		for (const a of db.prepare(sql).pluck().iterate() as Iterable<number>)
			for (const b of db.prepare(sql).pluck().iterate() as Iterable<number>) pairs.push([a, b]);
		expect(pairs).toHaveLength(9);
	});

	it('still sees schema changes made after a statement was kept', () => {
		const sql = 'select * from t where id = 1';
		expect(db.prepare(sql).get()).toEqual({ id: 1, name: '甲' });
		db.exec('alter table t add column note text');
		expect(db.prepare(sql).get()).toEqual({ id: 1, name: '甲', note: null });
	});
});
