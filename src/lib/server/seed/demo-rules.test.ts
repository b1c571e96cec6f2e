import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoVillageId, useDemoVillageDb } from './demo-test-db';
import { seedDemoRules, STRAW_ARTICLE_KEY } from './demo-rules';
import { articlesOf, currentVersion, findDocument, versionsOf } from '../village-rules/records';
import { diffVersions } from '../village-rules/diff';
import { filingOf } from '../village-rules/filing';

let db: Db;
useDemoVillageDb((d) => (db = d));

describe('the demo rules', () => {
	it('hold the 2019 text, its 2024 revision in force and the charter, all filed', () => {
		const v = demoVillageId(db);
		seedDemoRules(db, v);
		const doc = findDocument(db, v, 'village_rules')!;
		const [v2, v1] = versionsOf(db, doc.id);
		expect(currentVersion(db, v, 'village_rules', '2024-03-31')?.number).toBe(1);
		expect(currentVersion(db, v, 'village_rules', '2026-12-01')?.id).toBe(v2.id);
		const articles = articlesOf(db, v2.id);
		expect(articles).toHaveLength(12);
		expect(new Set(articles.map((a) => a.chapter)).size).toBe(4);
		expect(articles.find((a) => a.articleKey === STRAW_ARTICLE_KEY)!.body).toMatch(/秸秆/);
		expect(
			diffVersions(articlesOf(db, v1.id), articles)
				.filter((d) => d.status === 'added' || d.status === 'changed')
				.map((d) => `${d.articleKey} ${d.status}`)
		).toEqual(['3 changed', `${STRAW_ARTICLE_KEY} changed`, '12 added']);
		expect(currentVersion(db, v, 'charter', '2026-12-01')?.number).toBe(1);
		for (const version of [v1, v2])
			expect(filingOf(db, version.id)).toMatchObject({ acknowledgedByName: '镇民政办 李主任' });
	});
});
