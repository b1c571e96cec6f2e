import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { recordExistingText, type RecordTextInput } from './recording';
import { articlesOf, currentVersion, findDocument, versionsOf, writeVersion } from './records';
import { command } from '../command';

let db: Db;
useDemoVillageDb((d) => (db = d));

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const now = new Date('2026-03-01T02:00:00Z');

const input = (over: Partial<RecordTextInput> = {}): RecordTextInput => ({
	kind: 'village_rules',
	title: '新阳村村规民约',
	text: '第一章 总则\n第一条 甲。\n第二条 乙。',
	source: '2019年村民会议通过',
	adoptedOn: '2019-05-01',
	effectiveOn: '2019-05-01',
	...over
});

describe('recordExistingText', () => {
	it('records the first version with its articles, filing and audit entry', () => {
		const r = recordExistingText(db, clerk(), village(), input(), { now });
		expect(r).toMatchObject({ ok: true, version: { number: 1, source: '2019年村民会议通过' } });
		if (!r.ok) return;
		expect(articlesOf(db, r.version.id)).toEqual([
			{ articleKey: 1, position: 1, chapter: '第一章 总则', body: '甲。' },
			{ articleKey: 2, position: 2, chapter: '第一章 总则', body: '乙。' }
		]);
		expect(
			db.prepare('select due_on from rules_filings where version_id = ?').pluck().get(r.version.id)
		).toBe('2019-05-11');
		expect(
			db
				.prepare("select count(*) from audit where action = 'rules_document.recorded'")
				.pluck()
				.get()
		).toBe(1);
	});

	it.each([
		['a villager', () => demoActor(db, '13800000003'), input(), 'forbidden'],
		['an unknown kind', clerk, input({ kind: 'bylaws' }), 'bad_kind'],
		['no title', clerk, input({ title: ' ' }), 'bad_title'],
		['no source', clerk, input({ source: '' }), 'bad_source'],
		['an adoption in the future', clerk, input({ adoptedOn: '2026-04-01' }), 'bad_adopted_on'],
		['not a date', clerk, input({ adoptedOn: '2019-02-30' }), 'bad_adopted_on'],
		['in force before adopted', clerk, input({ effectiveOn: '2019-04-30' }), 'bad_effective_on'],
		['no article', clerk, input({ text: '第一章 总则' }), 'empty']
	])('refuses %s, changing nothing', (_, who, given, reason) => {
		expect(recordExistingText(db, who(), village(), given, { now })).toMatchObject({
			ok: false,
			reason
		});
		expect(findDocument(db, village(), 'village_rules')).toBeNull();
	});

	it('records only the first text of a document', () => {
		expect(recordExistingText(db, clerk(), village(), input(), { now }).ok).toBe(true);
		expect(recordExistingText(db, clerk(), village(), input(), { now })).toEqual({
			ok: false,
			reason: 'already_recorded'
		});
		// The charter is a document of its own.
		expect(
			recordExistingText(db, clerk(), village(), input({ kind: 'charter', title: '章程' }), { now })
				.ok
		).toBe(true);
	});
});

describe('currentVersion', () => {
	function twoVersions() {
		const r = recordExistingText(db, clerk(), village(), input(), { now });
		if (!r.ok) throw new Error(r.reason);
		command(db, {
			actor: clerk(),
			villageId: village(),
			run: (_, ctx) =>
				writeVersion(ctx, r.version.documentId, {
					adoptedOn: '2024-03-10',
					effectiveOn: '2024-04-01',
					articles: [{ articleKey: 1, chapter: '', body: '甲二。' }]
				})
		});
	}

	it.each([
		['before the first text', '2019-04-30', null],
		['the day the first takes effect', '2019-05-01', 1],
		['after the second is adopted, before it takes effect', '2024-03-31', 1],
		['the day the second takes effect', '2024-04-01', 2],
		['long after', '2030-01-01', 2]
	])('%s', (_, date, number) => {
		twoVersions();
		expect(currentVersion(db, village(), 'village_rules', date)?.number ?? null).toBe(number);
		expect(currentVersion(db, village(), 'charter', date)).toBeNull();
	});

	it('lists the history newest first', () => {
		twoVersions();
		const doc = findDocument(db, village(), 'village_rules')!;
		expect(versionsOf(db, doc.id).map((v) => v.number)).toEqual([2, 1]);
	});
});

describe('a version is part of the record', () => {
	it.each([
		['change a version', 'update rules_versions set effective_on = ?', ['2020-01-01']],
		['delete a version', 'delete from rules_versions where 1 = ?', [1]],
		['change an article', 'update rules_articles set body = ?', ['改']],
		['delete an article', 'delete from rules_articles where 1 = ?', [1]]
	])('the database refuses to %s', (_, sql, args) => {
		expect(recordExistingText(db, clerk(), village(), input(), { now }).ok).toBe(true);
		expect(() => db.prepare(sql).run(...args)).toThrow(/part of the record/);
	});
});
