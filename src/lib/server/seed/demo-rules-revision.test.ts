import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { seedBaseVersion } from '../village-rules/revision-test-world';
import { demoVillageId, useDemoVillageDb } from './demo-test-db';
import { seedDemoRulesRevision } from './demo-rules-revision';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const count = (sql: string) => db.prepare(sql).pluck().get() as number;

describe('the demo revision of the village rules', () => {
	it('seeds nothing while the village has no rules in force', () => {
		seedDemoRulesRevision(db, demoVillageId(db), new Date());
		expect(count('select count(*) from rules_revisions')).toBe(0);
		expect(count('select count(*) from topics')).toBe(0);
	});

	it('revises the straw-burning article, adds one, and is open for comments with four, one answered', () => {
		seedBaseVersion(db, demoVillageId(db));
		seedDemoRulesRevision(db, demoVillageId(db), new Date());
		const revision = db
			.prepare(
				"select id, state, comments_from <= date('now', '+8 hours') as started, comments_until >= date('now', '+8 hours') as running from rules_revisions"
			)
			.get() as { id: number; state: string; started: number; running: number };
		expect(revision).toMatchObject({ state: 'consulting', started: 1, running: 1 });
		expect(
			db.prepare('select change, article_key from rules_revision_changes order by id').raw().all()
		).toEqual([
			['change', 6],
			['add', 7]
		]);
		expect(count('select count(*) from rules_comments')).toBe(4);
		expect(count('select count(*) from rules_comments where answer is not null')).toBe(1);
		expect(count("select count(*) from rules_comments where consent_kind = 'read_back'")).toBe(1);
		expect(count("select count(*) from audit where action like 'rules_revision.%'")).toBe(9);
	});
});
