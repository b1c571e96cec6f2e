import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { answerComment, commentOnChange, openComments } from './comments';
import { draftChange, openRulesRevision, removeDraftChange } from './drafts';
import { recordReview, sendForReview, withdrawRevision } from './review';
import { findRevision, listChanges, listComments } from './revision-records';
import { rulesTopic, seedBaseVersion } from './revision-test-world';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const secretary = () => demoActor(db, '13800000002');
const villager = () => demoActor(db, '13800000003');
const gridHead = () => demoActor(db, '13800000004');
const rep = () => demoActor(db, '13800000005');

const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);
const personId = (name: string) =>
	db
		.prepare('select id from people where name = ? and village_id = ?')
		.pluck()
		.get(name, village()) as number;

/** Every row the revision verbs write, and the audit chain's length: a refusal changes none. */
function snapshot() {
	const q = (sql: string) => db.prepare(sql).all();
	return {
		documents: q('select * from rules_documents order by id'),
		revisions: q('select * from rules_revisions order by id'),
		changes: q('select * from rules_revision_changes order by id'),
		comments: q('select * from rules_comments order by id'),
		reviews: q('select * from rules_reviews order by id'),
		audit: db.prepare('select count(*) from audit').pluck().get()
	};
}

const STRAW = '禁止露天焚烧秸秆和垃圾。网格员在秋收期间每日巡查，村里为秸秆还田提供机械补助。';

/** A revision with a change of article 6 and an added article, opened on 1 December 2026. */
function drafted() {
	seedBaseVersion(db, village());
	const topicId = rulesTopic(db, village());
	const opened = openRulesRevision(
		db,
		clerk(),
		village(),
		{ topicId, kind: 'village_rules' },
		{ now: at('2026-12-01') }
	);
	if (!opened.ok) throw new Error(opened.reason);
	const revisionId = opened.revisionId;
	const change = draftChange(
		db,
		clerk(),
		village(),
		revisionId,
		{ change: 'change', articleKey: 6, body: STRAW, reason: '写明巡查和还田支持。' },
		{ now: at('2026-12-01') }
	);
	const added = draftChange(
		db,
		clerk(),
		village(),
		revisionId,
		{
			change: 'add',
			afterKey: 6,
			body: '本村规民约由村民委员会负责解释。',
			reason: '明确解释主体。'
		},
		{ now: at('2026-12-01') }
	);
	if (!change.ok || !added.ok) throw new Error('draft');
	return { topicId, revisionId, changeId: change.changeId, addedId: added.changeId };
}

const STATES = [
	'drafting',
	'consulting',
	'closed',
	'in_review',
	'reviewed',
	'enacted',
	'withdrawn'
] as const;
type Situation = (typeof STATES)[number];

/** A revision brought to a situation through the verbs ('closed': consulting, its period over). */
function revisionIn(s: Situation) {
	const r = drafted();
	let commentId: number | null = null;
	if (s === 'drafting') return { ...r, commentId, now: at('2026-12-03') };
	const ok = (x: { ok: boolean }) => {
		if (!x.ok) throw new Error(JSON.stringify(x));
	};
	ok(
		openComments(
			db,
			clerk(),
			village(),
			r.revisionId,
			{ from: '2026-12-01', until: '2026-12-07' },
			{ now: at('2026-12-01') }
		)
	);
	const c = commentOnChange(
		db,
		villager(),
		village(),
		r.changeId,
		'赞成，建议写明补助标准。',
		undefined,
		{
			now: at('2026-12-03')
		}
	);
	if (!c.ok) throw new Error(c.reason);
	commentId = c.commentId;
	if (s === 'consulting') return { ...r, commentId, now: at('2026-12-03') };
	const later = { ...r, commentId, now: at('2026-12-10') };
	if (s === 'closed') return later;
	if (s === 'withdrawn') {
		ok(withdrawRevision(db, clerk(), village(), r.revisionId, { now: at('2026-12-08') }));
		return later;
	}
	ok(sendForReview(db, clerk(), village(), r.revisionId, { now: at('2026-12-08') }));
	if (s === 'in_review') return later;
	ok(
		recordReview(
			db,
			clerk(),
			village(),
			r.revisionId,
			{
				reviewerName: '周明',
				reviewerOffice: '青山镇司法所',
				result: 'approved',
				reviewedOn: '2026-12-09'
			},
			{ now: at('2026-12-09') }
		)
	);
	if (s === 'enacted')
		db.prepare("update rules_revisions set state = 'enacted' where id = ?").run(r.revisionId);
	return later;
}

type Ctx = ReturnType<typeof revisionIn>;
type Verb = (a: Actor, c: Ctx) => { ok: boolean; reason?: string };

const VERBS: Record<string, Verb> = {
	draftChange: (a, c) =>
		draftChange(
			db,
			a,
			village(),
			c.revisionId,
			{ change: 'remove', articleKey: 3, reason: '并入第一条。' },
			{
				now: c.now
			}
		),
	removeDraftChange: (a, c) => removeDraftChange(db, a, village(), c.addedId, { now: c.now }),
	openComments: (a, c) => {
		const from = c.now.toISOString().slice(0, 10);
		return openComments(
			db,
			a,
			village(),
			c.revisionId,
			{ from, until: '2026-12-31' },
			{ now: c.now }
		);
	},
	commentOnChange: (a, c) =>
		commentOnChange(db, a, village(), c.changeId, '同意。', undefined, { now: c.now }),
	answerComment: (a, c) =>
		answerComment(db, a, village(), c.commentId!, '已采纳，写入第六条。', { now: c.now }),
	sendForReview: (a, c) => sendForReview(db, a, village(), c.revisionId, { now: c.now }),
	recordReview: (a, c) =>
		recordReview(
			db,
			a,
			village(),
			c.revisionId,
			{
				reviewerName: '周明',
				reviewerOffice: '青山镇司法所',
				result: 'approved',
				reviewedOn: '2026-12-09'
			},
			{ now: c.now }
		),
	withdrawRevision: (a, c) => withdrawRevision(db, a, village(), c.revisionId, { now: c.now })
};

// What the clerk gets, verb × situation ('ok', or the refusal). '-' : no comment exists to answer.
const CLERK: Record<string, Record<Situation, string>> = {
	draftChange: {
		drafting: 'ok',
		consulting: 'not_drafting',
		closed: 'not_drafting',
		in_review: 'not_drafting',
		reviewed: 'not_drafting',
		enacted: 'not_drafting',
		withdrawn: 'not_drafting'
	},
	removeDraftChange: {
		drafting: 'ok',
		consulting: 'not_drafting',
		closed: 'not_drafting',
		in_review: 'not_drafting',
		reviewed: 'not_drafting',
		enacted: 'not_drafting',
		withdrawn: 'not_drafting'
	},
	openComments: {
		drafting: 'ok',
		consulting: 'not_drafting',
		closed: 'not_drafting',
		in_review: 'not_drafting',
		reviewed: 'not_drafting',
		enacted: 'not_drafting',
		withdrawn: 'not_drafting'
	},
	// The clerk is a villager too (王丽), so she comments in her own name in the period.
	commentOnChange: {
		drafting: 'comments_closed',
		consulting: 'ok',
		closed: 'comments_closed',
		in_review: 'comments_closed',
		reviewed: 'comments_closed',
		enacted: 'comments_closed',
		withdrawn: 'comments_closed'
	},
	answerComment: {
		drafting: '-',
		consulting: 'ok',
		closed: 'ok',
		in_review: 'ok',
		reviewed: 'ok',
		enacted: 'revision_closed',
		withdrawn: 'revision_closed'
	},
	sendForReview: {
		drafting: 'not_consulting',
		consulting: 'comments_open',
		closed: 'ok',
		in_review: 'not_consulting',
		reviewed: 'not_consulting',
		enacted: 'not_consulting',
		withdrawn: 'not_consulting'
	},
	recordReview: {
		drafting: 'not_in_review',
		consulting: 'not_in_review',
		closed: 'not_in_review',
		in_review: 'ok',
		reviewed: 'not_in_review',
		enacted: 'not_in_review',
		withdrawn: 'not_in_review'
	},
	withdrawRevision: {
		drafting: 'ok',
		consulting: 'ok',
		closed: 'ok',
		in_review: 'ok',
		reviewed: 'ok',
		enacted: 'revision_closed',
		withdrawn: 'revision_closed'
	}
};

const ROLES: Record<string, () => Actor> = { secretary, villager, gridHead, rep };

/** What a role other than the clerk gets: staff verbs are the secretary's too; members comment. */
function expectedFor(role: string, verb: string, s: Situation): string {
	const clerkGets = CLERK[verb][s];
	if (role === 'secretary' || verb === 'commentOnChange') return clerkGets;
	return clerkGets === '-' ? '-' : 'forbidden';
}

const cases = Object.keys(VERBS)
	.flatMap((verb) =>
		STATES.flatMap((s) =>
			['clerk', ...Object.keys(ROLES)].map((role) => ({
				verb,
				s,
				role,
				expected: role === 'clerk' ? CLERK[verb][s] : expectedFor(role, verb, s)
			}))
		)
	)
	.filter((c) => c.expected !== '-');

describe('every revision verb × state × role', () => {
	it.each(cases)('$verb in $s by $role: $expected', ({ verb, s, role, expected }) => {
		const c = revisionIn(s);
		const actor = role === 'clerk' ? clerk() : ROLES[role]();
		const before = snapshot();
		const result = VERBS[verb](actor, c);
		expect(result.ok ? 'ok' : result.reason).toBe(expected);
		if (result.ok) expect(snapshot().audit).toBe(Number(before.audit) + 1);
		else expect(snapshot()).toEqual(before);
	});
});

describe('openRulesRevision', () => {
	it('opens on the latest version, and a village with no text yet gets the document', () => {
		const none = openRulesRevision(db, clerk(), village(), {
			topicId: rulesTopic(db, village()),
			kind: 'village_rules'
		});
		if (!none.ok) throw new Error(none.reason);
		expect(findRevision(db, village(), none.revisionId)).toMatchObject({
			baseVersionId: null,
			documentTitle: '村规民约',
			state: 'drafting'
		});
		const charter = openRulesRevision(db, clerk(), village(), {
			topicId: rulesTopic(db, village(), { triage: false }),
			kind: 'charter'
		});
		if (!charter.ok) throw new Error(charter.reason);
		expect(findRevision(db, village(), charter.revisionId)?.documentKind).toBe('charter');
	});

	it.each([
		[
			'a topic of another category',
			{ category: 'ecology' as const },
			'village_rules',
			'not_village_rules'
		],
		['an unknown document kind', {}, 'bylaws', 'bad_kind']
	])('refuses %s, changing nothing', (_, topic, kind, reason) => {
		seedBaseVersion(db, village());
		const topicId = rulesTopic(db, village(), { ...topic, triage: false });
		const before = snapshot();
		expect(openRulesRevision(db, clerk(), village(), { topicId, kind })).toEqual({
			ok: false,
			reason
		});
		expect(snapshot()).toEqual(before);
	});

	it('refuses a second revision of the topic, a withdrawn topic and another village', () => {
		const { topicId } = drafted();
		expect(openRulesRevision(db, clerk(), village(), { topicId, kind: 'village_rules' })).toEqual({
			ok: false,
			reason: 'already_open'
		});
		expect(
			openRulesRevision(db, clerk(), village() + 1, { topicId, kind: 'village_rules' })
		).toMatchObject({ ok: false });
		const other = rulesTopic(db, village(), { triage: false });
		db.prepare("update topics set state = 'withdrawn' where id = ?").run(other);
		expect(
			openRulesRevision(db, clerk(), village(), { topicId: other, kind: 'village_rules' })
		).toEqual({
			ok: false,
			reason: 'wrong_topic_state'
		});
	});
});

describe('draftChange', () => {
	it.each([
		[
			'a change of an article the base lacks',
			{ change: 'change', articleKey: 99, body: '新文本', reason: '理由' },
			'no_such_article'
		],
		[
			'a second change of article 6',
			{ change: 'remove', articleKey: 6, reason: '理由' },
			'already_changed'
		],
		[
			'an addition after nothing that exists',
			{ change: 'add', afterKey: 42, body: '新条', reason: '理由' },
			'no_such_place'
		],
		[
			'an unknown kind',
			{ change: 'rewrite', articleKey: 2, body: 'x', reason: '理由' },
			'bad_change'
		],
		[
			'a change without text',
			{ change: 'change', articleKey: 2, body: '  ', reason: '理由' },
			'body_required'
		],
		[
			'2001 characters of text',
			{ change: 'change', articleKey: 2, body: '字'.repeat(2001), reason: '理由' },
			'body_too_long'
		],
		[
			'no reason',
			{ change: 'change', articleKey: 2, body: '新文本', reason: ' ' },
			'reason_required'
		],
		[
			'1001 characters of reason',
			{ change: 'change', articleKey: 2, body: '新文本', reason: '字'.repeat(1001) },
			'reason_too_long'
		],
		[
			'a chapter of 51 characters',
			{ change: 'add', afterKey: 0, chapter: '章'.repeat(51), body: '新条', reason: '理由' },
			'chapter_too_long'
		]
	])('refuses %s, changing nothing', (_, input, reason) => {
		const { revisionId } = drafted();
		const before = snapshot();
		expect(draftChange(db, clerk(), village(), revisionId, input)).toEqual({ ok: false, reason });
		expect(snapshot()).toEqual(before);
	});

	it('gives additions keys above every key used, at the place asked; a removal has no text', () => {
		const { revisionId } = drafted();
		// Keys 1–6 are the base's, 7 the first addition's: the next goes above both, at the start.
		const first = draftChange(db, clerk(), village(), revisionId, {
			change: 'add',
			afterKey: 0,
			chapter: '总则',
			body: '为建设文明乡村，制定本村规民约。',
			reason: '补充制定目的。'
		});
		expect(first).toMatchObject({ ok: true, articleKey: 8 });
		const after = draftChange(db, clerk(), village(), revisionId, {
			change: 'add',
			afterKey: 8,
			body: '本村规民约适用于本村全体村民。',
			reason: '补充适用范围。'
		});
		expect(after).toMatchObject({ ok: true, articleKey: 9 });
		const removed = draftChange(db, clerk(), village(), revisionId, {
			change: 'remove',
			articleKey: 3,
			body: '会被忽略',
			reason: '并入第一条。'
		});
		expect(removed.ok).toBe(true);
		const changes = listChanges(db, {
			id: revisionId,
			baseVersionId: findRevision(db, village(), revisionId)!.baseVersionId
		});
		expect(changes.map((c) => [c.change, c.articleKey])).toEqual([
			['add', 8],
			['add', 9],
			['remove', 3],
			['change', 6],
			['add', 7]
		]);
		expect(changes.find((c) => c.change === 'remove')).toMatchObject({
			body: '',
			current: { position: 3 }
		});
		// An addition another follows stays until the follower goes.
		expect(
			removeDraftChange(db, clerk(), village(), (first as { changeId: number }).changeId)
		).toEqual({
			ok: false,
			reason: 'follows'
		});
	});
});

describe('the comment period', () => {
	it.each([
		['six days', { from: '2026-12-01', until: '2026-12-06' }, 'too_short'],
		['a start before today', { from: '2026-11-30', until: '2026-12-31' }, 'starts_in_past'],
		['a date that is no date', { from: '2026-12-01', until: '2026-13-01' }, 'bad_date']
	])('refuses %s, changing nothing', (_, period, reason) => {
		const { revisionId } = drafted();
		const before = snapshot();
		expect(
			openComments(db, clerk(), village(), revisionId, period, { now: at('2026-12-01') })
		).toEqual({
			ok: false,
			reason
		});
		expect(snapshot()).toEqual(before);
	});

	it('refuses an empty draft', () => {
		seedBaseVersion(db, village());
		const opened = openRulesRevision(db, clerk(), village(), {
			topicId: rulesTopic(db, village()),
			kind: 'village_rules'
		});
		if (!opened.ok) throw new Error(opened.reason);
		expect(
			openComments(
				db,
				clerk(),
				village(),
				opened.revisionId,
				{ from: '2026-12-10', until: '2026-12-16' },
				{ now: at('2026-12-01') }
			)
		).toEqual({ ok: false, reason: 'empty_draft' });
	});

	it('takes comments only inside the window, China days', () => {
		const { revisionId, changeId } = drafted();
		openComments(
			db,
			clerk(),
			village(),
			revisionId,
			{ from: '2026-12-02', until: '2026-12-08' },
			{ now: at('2026-12-01') }
		);
		const tryAt = (d: Date) =>
			commentOnChange(db, villager(), village(), changeId, '同意。', undefined, { now: d });
		// 23:59 on the first of December in China is still before the window.
		expect(tryAt(at('2026-12-01', '23:59'))).toMatchObject({
			ok: false,
			reason: 'comments_closed'
		});
		expect(tryAt(at('2026-12-02', '00:00'))).toMatchObject({ ok: true });
		expect(tryAt(at('2026-12-08', '23:59'))).toMatchObject({ ok: true });
		expect(tryAt(at('2026-12-09', '00:00'))).toMatchObject({
			ok: false,
			reason: 'comments_closed'
		});
	});

	it('stores a double tap once, and the same words a minute later again', () => {
		const { changeId } = revisionIn('consulting');
		const post = (t: string) =>
			commentOnChange(db, villager(), village(), changeId, '建议补助按亩计算。', undefined, {
				now: at('2026-12-04', t)
			});
		const first = post('10:00');
		const again = post('10:00');
		expect(again).toMatchObject({
			ok: true,
			repeated: true,
			commentId: (first as { commentId: number }).commentId
		});
		expect(post('10:02')).toMatchObject({ ok: true, repeated: false });
		expect(
			listComments(
				db,
				findRevision(db, village(), (first as { revisionId: number }).revisionId)!.id
			)
		).toHaveLength(3);
	});

	/** A resident of a grid other than the grid head's. */
	const outsideHerGrid = () =>
		db
			.prepare(
				`select p.name from people p join households h on h.id = p.household_id
				 where p.village_id = ? and p.status = 'resident' and h.grid_id is not
				   (select h2.grid_id from people p2 join households h2 on h2.id = p2.household_id where p2.name = '赵桂兰')
				 order by p.id limit 1`
			)
			.pluck()
			.get(village()) as string;
	it.each([
		['the grid head for a villager of her grid', gridHead, () => '张秀英', 'ok'],
		['the clerk for anyone', clerk, () => '刘志强', 'ok'],
		['a villager for another villager', villager, () => '赵桂兰', 'not_your_villager'],
		['the grid head for a villager outside her grid', gridHead, outsideHerGrid, 'not_your_villager']
	])('on behalf: %s', (_, who, nameOf, expected) => {
		const name = nameOf();
		const { changeId } = revisionIn('consulting');
		const before = snapshot();
		const r = commentOnChange(
			db,
			who(),
			village(),
			changeId,
			'老人说：烧秸秆呛人，支持禁止。',
			{ personId: personId(name), consentKind: 'read_back', consentAt: '2026-12-03T01:00:00.000Z' },
			{ now: at('2026-12-03', '10:00') }
		);
		expect(r.ok ? 'ok' : r.reason).toBe(expected);
		if (!r.ok) return expect(snapshot()).toEqual(before);
		const stored = db
			.prepare(
				'select person_id, filed_by_user_id, consent_kind, consent_at from rules_comments where id = ?'
			)
			.get(r.commentId);
		expect(stored).toEqual({
			person_id: personId(name),
			filed_by_user_id: who().userId,
			consent_kind: 'read_back',
			consent_at: '2026-12-03T01:00:00.000Z'
		});
	});

	it.each([
		['no words', '   ', 'comment_required'],
		['1001 characters', '字'.repeat(1001), 'comment_too_long']
	])('refuses a comment of %s', (_, text, reason) => {
		const { changeId } = revisionIn('consulting');
		const before = snapshot();
		expect(
			commentOnChange(db, villager(), village(), changeId, text, undefined, {
				now: at('2026-12-03')
			})
		).toMatchObject({ ok: false, reason });
		expect(snapshot()).toEqual(before);
	});

	it('answers a comment once; an empty or overlong answer is refused', () => {
		const { commentId } = revisionIn('consulting');
		expect(answerComment(db, clerk(), village(), commentId!, ' ')).toEqual({
			ok: false,
			reason: 'answer_required'
		});
		expect(answerComment(db, clerk(), village(), commentId!, '字'.repeat(1001))).toEqual({
			ok: false,
			reason: 'answer_too_long'
		});
		expect(answerComment(db, clerk(), village(), commentId!, '已采纳。').ok).toBe(true);
		expect(answerComment(db, clerk(), village(), commentId!, '再答一次。')).toEqual({
			ok: false,
			reason: 'already_answered'
		});
	});
});

describe('the township review', () => {
	const review = {
		reviewerName: '周明',
		reviewerOffice: '青山镇司法所',
		result: 'approved',
		reviewedOn: '2026-12-09'
	};

	it.each([
		['no reviewer', { reviewerName: ' ' }, 'reviewer_required'],
		['a reviewer of 51 characters', { reviewerName: '周'.repeat(51) }, 'reviewer_too_long'],
		['no office', { reviewerOffice: '' }, 'office_required'],
		['an office of 101 characters', { reviewerOffice: '所'.repeat(101) }, 'office_too_long'],
		['an unknown result', { result: 'maybe' }, 'bad_result'],
		[
			'changes required without saying which',
			{ result: 'changes_required', note: '' },
			'note_required'
		],
		['a note of 2001 characters', { note: '注'.repeat(2001) }, 'note_too_long'],
		['a date that is no date', { reviewedOn: '2026-12-32' }, 'bad_date'],
		['a date after today', { reviewedOn: '2026-12-11' }, 'future_date']
	])('refuses %s, changing nothing', (_, over, reason) => {
		const { revisionId, now } = revisionIn('in_review');
		const before = snapshot();
		expect(
			recordReview(db, clerk(), village(), revisionId, { ...review, ...over }, { now })
		).toEqual({ ok: false, reason });
		expect(snapshot()).toEqual(before);
	});

	it('sends the draft back to drafting when changes are required, and it may be reworked', () => {
		const { revisionId, now } = revisionIn('in_review');
		const r = recordReview(
			db,
			clerk(),
			village(),
			revisionId,
			{ ...review, result: 'changes_required', note: '第六条处罚方式须删去罚款。' },
			{ now }
		);
		expect(r.ok).toBe(true);
		expect(findRevision(db, village(), revisionId)?.state).toBe('drafting');
		expect(
			draftChange(
				db,
				clerk(),
				village(),
				revisionId,
				{ change: 'change', articleKey: 5, body: '爱护山林水源。', reason: '按审核意见修改。' },
				{ now }
			).ok
		).toBe(true);
	});

	it('marks an approved draft reviewed', () => {
		const { revisionId, now } = revisionIn('in_review');
		expect(recordReview(db, clerk(), village(), revisionId, review, { now }).ok).toBe(true);
		expect(findRevision(db, village(), revisionId)?.state).toBe('reviewed');
	});
});
