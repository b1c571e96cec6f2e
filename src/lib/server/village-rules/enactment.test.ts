import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { getNoticeById } from '../notices/notices';
import { enactRevision, womenAtDecision } from './enactment';
import { recordExistingText } from './recording';
import { articlesOf, currentVersion } from './records';
import { filingOf } from './filing';
import { rulesNoticeWords } from './notice-words';
import { decision, revision, rulesTopic, type ChangeRow } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => (db = d));

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const now = new Date('2026-05-20T02:00:00Z');

/** Two women and one man of the demo village. */
function people(): number[] {
	const pick = (g: string, n: number) =>
		db
			.prepare('select id from people where village_id = ? and gender = ? order by id limit ?')
			.pluck()
			.all(village(), g, n) as number[];
	return [...pick('f', 2), ...pick('m', 1)];
}

const CHANGES: ChangeRow[] = [
	{ change: 'change', articleKey: 2, body: '禁止焚烧秸秆，引导秸秆还田。' },
	{ change: 'add', articleKey: 4, afterKey: 2, body: '丁。' },
	{ change: 'remove', articleKey: 1 }
];

/** Version 1 (three articles), a revision of it in `state` on a topic decided by `meetingType`. */
function world(state = 'reviewed', meetingType: string | null = 'villagers_meeting') {
	const v1 = recordExistingText(
		db,
		clerk(),
		village(),
		{
			kind: 'village_rules',
			title: '新阳村村规民约',
			text: '第一条 甲。\n第二条 禁止焚烧秸秆。\n第三条 丙。',
			source: '2019年村民会议通过',
			adoptedOn: '2019-05-01',
			effectiveOn: '2019-05-01'
		},
		{ now }
	);
	if (!v1.ok) throw new Error(v1.reason);
	const topic = rulesTopic(db, village());
	const resolutionId = meetingType
		? decision(db, village(), topic, meetingType, '2026-05-10', people())
		: null;
	const rev = revision(db, village(), topic, v1.version.documentId, v1.version.id, state, CHANGES);
	return { rev, resolutionId, v1: v1.version };
}

describe('enactRevision', () => {
	it('writes the new version, posts it, opens its filing and closes the revision', () => {
		const { rev, resolutionId } = world();
		const r = enactRevision(db, clerk(), village(), rev, { effectiveOn: '2026-06-01' }, { now });
		expect(r).toMatchObject({ ok: true, version: { number: 2, adoptedOn: '2026-05-10' } });
		if (!r.ok) return;
		expect(r.version.resolutionId).toBe(resolutionId);
		expect(articlesOf(db, r.version.id)).toEqual([
			{ articleKey: 2, position: 1, chapter: '', body: '禁止焚烧秸秆，引导秸秆还田。' },
			{ articleKey: 4, position: 2, chapter: '', body: '丁。' },
			{ articleKey: 3, position: 3, chapter: '', body: '丙。' }
		]);
		const notice = getNoticeById(db, village(), r.version.noticeId!)!;
		expect(notice).toMatchObject({
			kind: 'general',
			rulesVersionId: r.version.id,
			seq: r.noticeSeq
		});
		expect(notice.body).toContain('修改第1条');
		expect(notice.body).toContain('新增第2条');
		expect(notice.body).toContain('删除原第1条');
		// The demo village belongs to 长青乡: enacting files the version with it through the app.
		expect(filingOf(db, r.version.id)).toMatchObject({
			dueOn: '2026-05-20',
			filedOn: '2026-05-20'
		});
		expect(db.prepare('select state from rules_revisions where id = ?').pluck().get(rev)).toBe(
			'enacted'
		);
		// In force from its day, not before.
		expect(currentVersion(db, village(), 'village_rules', '2026-05-31')?.number).toBe(1);
		expect(currentVersion(db, village(), 'village_rules', '2026-06-01')?.number).toBe(2);
		expect(
			db.prepare("select count(*) from audit where action = 'rules_version.enacted'").pluck().get()
		).toBe(1);
	});

	it('rebuilds the notice in English from the record', () => {
		const { rev } = world();
		const r = enactRevision(db, clerk(), village(), rev, { effectiveOn: '2026-06-01' }, { now });
		if (!r.ok) throw new Error(r.reason);
		const en = rulesNoticeWords(db, r.version.id, 'en')!;
		expect(en.body).toMatch(/Article 1 changed/);
		expect(en.body).toMatch(/Former article 1 removed/);
		expect(en.summary).toMatch(/June 1, 2026/);
	});

	it('reads the women among those present at the deciding vote', () => {
		const { resolutionId } = world();
		expect(womenAtDecision(db, resolutionId!)).toEqual({ present: 3, women: 2 });
	});

	it.each([
		['a villager', 'reviewed', 'villagers_meeting', {}, 'forbidden'],
		['a draft still in comments', 'consulting', 'villagers_meeting', {}, 'not_reviewed'],
		['a revision already enacted', 'enacted', 'villagers_meeting', {}, 'not_reviewed'],
		['no resolution on the topic', 'reviewed', null, {}, 'no_resolution'],
		[
			'a resolution of the representatives',
			'reviewed',
			'reps_meeting',
			{},
			'not_villagers_meeting'
		],
		[
			'a resolution of another topic',
			'reviewed',
			'villagers_meeting',
			{ other: true },
			'no_resolution'
		],
		[
			'in force before the decision',
			'reviewed',
			'villagers_meeting',
			{ effectiveOn: '2026-05-09' },
			'before_decision'
		],
		[
			'not a date',
			'reviewed',
			'villagers_meeting',
			{ effectiveOn: '2026-13-01' },
			'bad_effective_on'
		]
	] as const)('refuses %s, changing nothing', (name, state, meeting, over, reason) => {
		const { rev, resolutionId } = world(state, meeting);
		const other =
			'other' in over
				? decision(db, village(), rulesTopic(db, village()), 'villagers_meeting', '2026-05-10', [])
				: undefined;
		const who = name === 'a villager' ? demoActor(db, '13800000003') : clerk();
		const r = enactRevision(
			db,
			who,
			village(),
			rev,
			{
				effectiveOn: 'effectiveOn' in over ? over.effectiveOn : '2026-06-01',
				resolutionId: other ?? resolutionId
			},
			{ now }
		);
		expect(r).toEqual({ ok: false, reason });
		expect(db.prepare('select count(*) from rules_versions').pluck().get()).toBe(1);
		expect(
			db.prepare('select count(*) from notices where rules_version_id is not null').pluck().get()
		).toBe(0);
		expect(db.prepare('select state from rules_revisions where id = ?').pluck().get(rev)).toBe(
			state
		);
	});

	it('refuses a revision drafted on a version since replaced, so no adopted change is lost', () => {
		const { rev, resolutionId, v1 } = world();
		const topic = rulesTopic(db, village());
		const second = decision(db, village(), topic, 'villagers_meeting', '2026-05-11', people());
		const rev2 = revision(db, village(), topic, v1.documentId, v1.id, 'reviewed', [
			{ change: 'change', articleKey: 3, body: '丙改。' }
		]);
		expect(
			enactRevision(
				db,
				clerk(),
				village(),
				rev,
				{ effectiveOn: '2026-06-01', resolutionId },
				{ now }
			).ok
		).toBe(true);
		expect(
			enactRevision(
				db,
				clerk(),
				village(),
				rev2,
				{ effectiveOn: '2026-07-01', resolutionId: second },
				{ now }
			)
		).toEqual({ ok: false, reason: 'stale_base' });
		expect(db.prepare('select count(*) from rules_versions').pluck().get()).toBe(2);
		expect(db.prepare('select state from rules_revisions where id = ?').pluck().get(rev2)).toBe(
			'reviewed'
		);
	});

	it('refuses the clerk acting in another village', () => {
		const { rev } = world();
		const other = Number(
			db
				.prepare("insert into villages (slug, name, created_at) values ('yicun', '乙村', 'x')")
				.run().lastInsertRowid
		);
		expect(enactRevision(db, clerk(), other, rev, { effectiveOn: '2026-06-01' }, { now })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});
