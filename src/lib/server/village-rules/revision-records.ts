// A revision of the village rules as its verbs and its page read it: the revision with its topic,
// the base version's articles, the draft's changes, the villagers' comments and the township's
// reviews. Read straight from the tables of migration 026; the document's own records live beside.
import type { Db } from '../db';

export const REVISION_STATES = [
	'drafting',
	'consulting',
	'in_review',
	'reviewed',
	'enacted',
	'withdrawn'
] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

export const DOCUMENT_KINDS = ['village_rules', 'charter'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const CHANGE_KINDS = ['add', 'change', 'remove'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const REVIEW_RESULTS = ['approved', 'changes_required'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

/** Limits of the schema (026), checked first so a refusal is a message, never a constraint error. */
export const ARTICLE_BODY_MAX = 2000;
export const CHAPTER_MAX = 50;
export const REASON_MAX = 1000;
export const COMMENT_MAX = 1000;
export const ANSWER_MAX = 1000;
export const REVIEWER_NAME_MAX = 50;
export const REVIEWER_OFFICE_MAX = 100;
export const REVIEW_NOTE_MAX = 2000;

export interface Revision {
	id: number;
	villageId: number;
	documentId: number;
	documentKind: DocumentKind;
	documentTitle: string;
	topicId: number;
	topicNumber: string;
	topicTitle: string;
	baseVersionId: number | null;
	baseVersionNumber: number | null;
	state: RevisionState;
	commentsFrom: string | null;
	commentsUntil: string | null;
	createdAt: string;
	updatedAt: string;
}

export function findRevision(db: Db, villageId: number, id: number): Revision | null {
	return (
		(db
			.prepare(
				`select r.id, r.village_id as villageId, r.document_id as documentId, d.kind as documentKind,
				   d.title as documentTitle, r.topic_id as topicId, t.number as topicNumber,
				   t.title as topicTitle, r.base_version_id as baseVersionId, v.number as baseVersionNumber,
				   r.state, r.comments_from as commentsFrom, r.comments_until as commentsUntil,
				   r.created_at as createdAt, r.updated_at as updatedAt
				 from rules_revisions r join rules_documents d on d.id = r.document_id
				 join topics t on t.id = r.topic_id
				 left join rules_versions v on v.id = r.base_version_id
				 where r.id = ? and r.village_id = ?`
			)
			.get(id, villageId) as Revision | undefined) ?? null
	);
}

/** The revision a topic holds, if any: at most one (026: topic_id is unique). */
export function revisionOfTopic(
	db: Db,
	villageId: number,
	topicId: number
): { id: number; state: RevisionState } | null {
	return (
		(db
			.prepare('select id, state from rules_revisions where topic_id = ? and village_id = ?')
			.get(topicId, villageId) as { id: number; state: RevisionState } | undefined) ?? null
	);
}

export interface BaseArticle {
	articleKey: number;
	position: number;
	chapter: string;
	body: string;
}

export function baseArticles(db: Db, versionId: number | null): BaseArticle[] {
	if (versionId === null) return [];
	return db
		.prepare(
			`select article_key as articleKey, position, chapter, body from rules_articles
			 where version_id = ? order by position`
		)
		.all(versionId) as BaseArticle[];
}

export interface DraftChange {
	id: number;
	change: ChangeKind;
	articleKey: number;
	afterKey: number | null;
	chapter: string;
	body: string;
	reason: string;
	/** The article as the base version has it; null for an added one. */
	current: BaseArticle | null;
}

/** The draft's changes in the order of the text: by the base article's place, additions after theirs. */
export function listChanges(db: Db, revision: Pick<Revision, 'id' | 'baseVersionId'>) {
	const base = new Map(baseArticles(db, revision.baseVersionId).map((a) => [a.articleKey, a]));
	const rows = db
		.prepare(
			`select id, change, article_key as articleKey, after_key as afterKey, chapter, body, reason
			 from rules_revision_changes where revision_id = ? order by id`
		)
		.all(revision.id) as Omit<DraftChange, 'current'>[];
	const place = (c: Omit<DraftChange, 'current'>) =>
		c.change === 'add'
			? (base.get(c.afterKey ?? 0)?.position ?? 0) + 0.5
			: (base.get(c.articleKey)?.position ?? 0);
	return rows
		.map((c): DraftChange => ({ ...c, current: base.get(c.articleKey) ?? null }))
		.sort((a, b) => place(a) - place(b) || a.id - b.id);
}

export interface RevisionComment {
	id: number;
	changeId: number;
	personId: number;
	/** Shown to staff only: the page never names a commenter to the public or other villagers. */
	authorName: string;
	filedByName: string;
	onBehalf: boolean;
	body: string;
	createdAt: string;
	answer: string | null;
	answeredAt: string | null;
}

export function listComments(db: Db, revisionId: number): RevisionComment[] {
	const rows = db
		.prepare(
			`select c.id, c.change_id as changeId, c.person_id as personId, p.name as authorName,
			   u.name as filedByName, (u.person_id is not c.person_id) as onBehalf, c.body,
			   c.created_at as createdAt, c.answer, c.answered_at as answeredAt
			 from rules_comments c join people p on p.id = c.person_id
			 join users u on u.id = c.filed_by_user_id
			 where c.revision_id = ? order by c.id`
		)
		.all(revisionId) as (Omit<RevisionComment, 'onBehalf'> & { onBehalf: number })[];
	return rows.map((r) => ({ ...r, onBehalf: r.onBehalf === 1 }));
}

export interface Review {
	id: number;
	reviewerName: string;
	reviewerOffice: string;
	result: ReviewResult;
	note: string;
	reviewedOn: string;
	recordedAt: string;
}

export function listReviews(db: Db, revisionId: number): Review[] {
	return db
		.prepare(
			`select id, reviewer_name as reviewerName, reviewer_office as reviewerOffice, result, note,
			   reviewed_on as reviewedOn, recorded_at as recordedAt
			 from rules_reviews where revision_id = ? order by reviewed_on, id`
		)
		.all(revisionId) as Review[];
}

/** Moves a revision to a state (the verbs have checked the move), stamping the change. */
export function setRevisionState(db: Db, id: number, state: RevisionState, now: Date): void {
	db.prepare('update rules_revisions set state = ?, updated_at = ? where id = ?').run(
		state,
		now.toISOString(),
		id
	);
}

/** Stamps a change to what the revision holds (a change drafted, a comment answered). */
export function touchRevision(db: Db, id: number, now: Date): void {
	db.prepare('update rules_revisions set updated_at = ? where id = ?').run(now.toISOString(), id);
}

/** Counted in characters as a villager sees them, not UTF-16 units. */
export const chars = (s: string) => [...s].length;

/** A change or comment named in a form belongs to this revision, or the form is refused as not found. */
export const ofRevision = (
	db: Db,
	revisionId: number,
	table: 'change' | 'comment',
	rowId: number
): boolean =>
	!!db
		.prepare(
			table === 'change'
				? 'select 1 from rules_revision_changes where id = ? and revision_id = ?'
				: 'select 1 from rules_comments where id = ? and revision_id = ?'
		)
		.get(rowId, revisionId);
