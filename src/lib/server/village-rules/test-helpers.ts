// Fixtures for the village rules' tests on the demo village: a village_rules topic, a decision on
// it written row by row (so a representatives' meeting's resolution, which the real close refuses,
// can be built to test the guard), and a revision in any state.
import type { Db } from '../db';
import { demoActor } from '../seed/demo-test-db';
import { createTopic } from '../topics/filing';

const T = '2026-01-01T00:00:00.000Z';

export function rulesTopic(db: Db, villageId: number): number {
	const t = createTopic(
		db,
		demoActor(db, '13800000003'),
		villageId,
		{
			title: '修订村规民约秸秆禁烧条款',
			description: '秸秆禁烧条款需与综合利用政策衔接。',
			category: 'village_rules',
			place: '',
			affected: '全村',
			estimatedCostFen: null,
			funding: ''
		},
		{ submit: true, now: new Date('2026-03-02T02:00:00Z') }
	);
	if (!t.ok) throw new Error(t.reason);
	return t.topic.id;
}

/** A closed meeting of `type` on `date` that adopted a resolution on the topic, `present` at the vote. */
export function decision(
	db: Db,
	villageId: number,
	topicId: number,
	type: string,
	date: string,
	present: number[]
): number {
	const user = demoActor(db, '13800000001').userId;
	const meeting = db
		.prepare(
			`insert into meetings (village_id, type, title, meeting_date, rule_set_id, rule_json, created_by, created_at)
			 values (?, ?, '审议村规民约修订稿', ?, 'CN_2026', '{}', ?, ?) returning id`
		)
		.pluck()
		.get(villageId, type, date, user, T) as number;
	const item = db
		.prepare(
			"insert into agenda_items (meeting_id, position, topic_id, title) values (?, 1, ?, '村规民约修订') returning id"
		)
		.pluck()
		.get(meeting, topicId);
	const motion = db
		.prepare(
			`insert into motions (meeting_id, agenda_item_id, text, method, state, created_by, created_at, opened_at)
			 values (?, ?, '通过村规民约修订稿', 'hands', 'open', ?, ?, ?) returning id`
		)
		.pluck()
		.get(meeting, item, user, T, T) as number;
	for (const p of present)
		db.prepare('insert into motion_presence (motion_id, person_id) values (?, ?)').run(motion, p);
	const year = Number(date.slice(0, 4));
	const seq =
		(db
			.prepare('select coalesce(max(seq), 0) from resolutions where village_id = ? and year = ?')
			.pluck()
			.get(villageId, year) as number) + 1;
	return db
		.prepare(
			`insert into resolutions (village_id, year, seq, number, motion_id, meeting_id, topic_id, text,
			   adopted_on, audit_head_hash, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, '通过村规民约修订稿', ?, 'x', ?) returning id`
		)
		.pluck()
		.get(
			villageId,
			year,
			seq,
			`新阳村决〔${year}〕${seq}号`,
			motion,
			meeting,
			topicId,
			date,
			T
		) as number;
}

export interface ChangeRow {
	change: 'add' | 'change' | 'remove';
	articleKey: number;
	afterKey?: number;
	body?: string;
}

/** A revision of the document on the topic, in `state`, with its changes. */
export function revision(
	db: Db,
	villageId: number,
	topicId: number,
	documentId: number,
	baseVersionId: number | null,
	state: string,
	changes: ChangeRow[]
): number {
	const user = demoActor(db, '13800000001').userId;
	const id = db
		.prepare(
			`insert into rules_revisions (village_id, document_id, topic_id, base_version_id, state,
			   created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`
		)
		.pluck()
		.get(villageId, documentId, topicId, baseVersionId, state, user, T, T) as number;
	for (const c of changes)
		db.prepare(
			`insert into rules_revision_changes (revision_id, change, article_key, after_key, body, reason,
			   created_by, created_at, updated_at) values (?, ?, ?, ?, ?, '理由', ?, ?, ?)`
		).run(id, c.change, c.articleKey, c.afterKey ?? null, c.body ?? '', user, T, T);
	return id;
}
