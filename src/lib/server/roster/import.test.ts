import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { applyImport, applyStagedImport, planImport, stageImport } from './import';
import { idCheckDigit } from './parse/id-number';
import { parseRoster } from './parse/validate';
import { addStructureNames } from './structure';
import { rosterFixture } from './test-fixture';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const HEADER = '序号,姓名,性别,出生日期,身份证号,与户主关系,户号,家庭住址,联系电话,村民小组,网格';
// The 17th digit is odd for men, even for women (GB 11643).
const id = (birth: string, seq: number, gender: 'm' | 'f' = seq % 2 ? 'm' : 'f') => {
	const sequence = seq - (seq % 2) + (gender === 'm' ? 1 : 0);
	const body = `230306${birth.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
	return body + idCheckDigit(body);
};
const csv = (lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join('\n'));

async function rows(lines: string[]) {
	const parsed = await parseRoster(csv(lines), 'roster.csv', '2026-11-27');
	if (!parsed.ok || parsed.errors.length) throw new Error(JSON.stringify(parsed));
	return parsed.rows;
}

function village() {
	const f = rosterFixture(db);
	addStructureNames(db, null, f.villageId, 'group', ['第一村民小组']);
	addStructureNames(db, null, f.villageId, 'grid', ['第一网格']);
	return f;
}

const family = [
	`1,王建国,男,1968-03-12,${id('1968-03-12', 31)},户主,001,一组12号,13800138000,第一村民小组,第一网格`,
	`2,李秀英,女,1970-07-21,${id('1970-07-21', 42)},配偶,001,一组12号,,第一村民小组,第一网格`,
	`3,王小明,男,2012-05-01,,儿子,001,一组12号,,第一村民小组,第一网格`
];

const audits = () => (db.prepare('select count(*) as n from audit').get() as { n: number }).n;
const people = () => (db.prepare('select count(*) as n from people').get() as { n: number }).n;

describe('applyImport', () => {
	it('writes households and people in one transaction with one audit entry, keeping only ID last-4', async () => {
		const v = village();
		const before = audits();
		const r = applyImport(db, v.clerkId, v.villageId, await rows(family), {
			fileName: 'a.csv',
			sha256: 'x'
		});
		expect(r).toEqual({
			ok: true,
			summary: {
				householdsCreated: 1,
				householdsUpdated: 0,
				peopleCreated: 3,
				peopleUpdated: 0,
				unchanged: 0
			}
		});
		expect(audits()).toBe(before + 1);
		const dump =
			JSON.stringify(db.prepare('select * from people').all()) +
			JSON.stringify(db.prepare('select * from audit').all());
		expect(dump).not.toContain(id('1968-03-12', 31));
		expect(dump).not.toContain(id('1968-03-12', 31).slice(0, 14));
		const head = db
			.prepare("select name, is_head, id_last4, name_initials from people where name = '王建国'")
			.get();
		expect(head).toEqual({
			name: '王建国',
			is_head: 1,
			id_last4: id('1968-03-12', 31).slice(-4),
			name_initials: 'wjg'
		});
		expect(verifyChain(db).ok).toBe(true);
	});

	it('changes nothing, and audits nothing, when the same file comes again', async () => {
		const v = village();
		applyImport(db, v.clerkId, v.villageId, await rows(family), { fileName: 'a.csv', sha256: 'x' });
		const before = audits();
		const again = applyImport(db, v.clerkId, v.villageId, await rows(family), {
			fileName: 'a.csv',
			sha256: 'x'
		});
		expect(again).toEqual({
			ok: true,
			summary: {
				householdsCreated: 0,
				householdsUpdated: 0,
				peopleCreated: 0,
				peopleUpdated: 0,
				unchanged: 3
			}
		});
		expect(audits()).toBe(before);
	});

	it('updates what changed, and keeps a phone the file leaves empty', async () => {
		const v = village();
		applyImport(db, v.clerkId, v.villageId, await rows(family), { fileName: 'a.csv', sha256: 'x' });
		const changed = [
			family[0].replace(',13800138000,', ',,').replace('一组12号', '一组14号'),
			family[1],
			family[2]
		];
		const plan = planImport(db, v.villageId, await rows(changed));
		expect(plan.householdsToUpdate).toHaveLength(1);
		expect(plan.peopleToUpdate).toEqual([]);
		expect(plan.unchanged).toBe(3);
		const r = applyImport(db, v.clerkId, v.villageId, await rows(changed), {
			fileName: 'b.csv',
			sha256: 'y'
		});
		expect(r.ok && r.summary.householdsUpdated).toBe(1);
		expect(db.prepare("select phone from people where name = '王建国'").get()).toEqual({
			phone: '13800138000'
		});
	});

	it.each([
		['第九网格', 'grid', 'unknown_grid'],
		['第一网格', 'group', 'unknown_group']
	])('refuses an unknown %s (%s) and writes nothing', async (grid, _column, code) => {
		const v = village();
		const line = `1,赵四,男,1980-01-01,,户主,009,,,${code === 'unknown_group' ? '第九村民小组' : '第一村民小组'},${grid}`;
		const before = [audits(), people()];
		const r = applyImport(db, v.clerkId, v.villageId, await rows([line]), {
			fileName: 'c.csv',
			sha256: 'z'
		});
		expect(r.ok).toBe(false);
		expect(!r.ok && r.issues[0]).toMatchObject({ line: 2, code });
		expect([audits(), people()]).toEqual(before);
	});

	it('refuses a household whose members name different grids', async () => {
		const v = village();
		addStructureNames(db, null, v.villageId, 'grid', ['第二网格']);
		const lines = [family[0], family[1].replace(/第一网格$/, '第二网格')];
		const plan = planImport(db, v.villageId, await rows(lines));
		expect(plan.issues).toEqual([
			{ line: 3, column: 'household', value: '001', code: 'household_conflict' }
		]);
	});

	it('applies a staged import once: confirming twice applies once', async () => {
		const v = village();
		const staged = stageImport(
			db,
			v.clerkId,
			v.villageId,
			{ fileName: 'a.csv', sha256: 'x' },
			await rows(family)
		);
		expect(applyStagedImport(db, v.clerkId, v.villageId, staged).ok).toBe(true);
		expect(applyStagedImport(db, v.clerkId, v.villageId, staged)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const other = rosterFixture(db, 'dongshan');
		const stagedElsewhere = stageImport(
			db,
			v.clerkId,
			v.villageId,
			{ fileName: 'a.csv', sha256: 'x' },
			await rows(family)
		);
		expect(applyStagedImport(db, other.clerkId, other.villageId, stagedElsewhere)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(people()).toBe(3);
	});

	it('imports a 5,000-person file in one go', async () => {
		const v = village();
		const lines = Array.from({ length: 5000 }, (_, i) => {
			const birth = `19${50 + (i % 45)}-0${1 + (i % 9)}-1${i % 10}`;
			return `${i + 1},村民${i},${i % 2 ? '女' : '男'},${birth},${id(birth, i % 1000, i % 2 ? 'f' : 'm')},${i % 4 ? '家属' : '户主'},H${Math.floor(i / 4)},,,第一村民小组,第一网格`;
		});
		const started = performance.now();
		const r = applyImport(db, v.clerkId, v.villageId, await rows(lines), {
			fileName: 'big.csv',
			sha256: 'b'
		});
		const ms = performance.now() - started;
		expect(r.ok && r.summary).toMatchObject({ peopleCreated: 5000, householdsCreated: 1250 });
		console.log(`5,000-row roster parsed and imported in ${Math.round(ms)} ms`);
	});
});
