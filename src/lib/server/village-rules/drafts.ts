// Opening a revision of the village rules on its topic and writing its draft (拟定草案): articles
// added, changed or removed, each with its reason. The draft changes only while it is drafted.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { findTopic } from '../topics/records';
import {
	ARTICLE_BODY_MAX,
	CHANGE_KINDS,
	CHAPTER_MAX,
	DOCUMENT_KINDS,
	REASON_MAX,
	baseArticles,
	chars,
	findRevision,
	revisionOfTopic,
	touchRevision,
	type ChangeKind,
	type DocumentKind
} from './revision-records';

/** The title a document gets when a village writes its first one here (the common names). */
const FIRST_TITLES: Record<DocumentKind, string> = {
	village_rules: '村规民约',
	charter: '村民自治章程'
};

export type OpenRevisionResult =
	| { ok: true; revisionId: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_kind'
				| 'not_village_rules'
				| 'wrong_topic_state'
				| 'already_open';
	  };

/**
 * Opens a revision on a village_rules topic that is submitted or on the 4+2 track (the rules are
 * only ever decided there: triage refuses 直接办理 for them). Its base is the document's latest
 * version, or none for a first text; a village without the document yet gets it here.
 */
export function openRulesRevision(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { topicId: number; kind: string },
	options: { now?: Date } = {}
): OpenRevisionResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findTopic(db, villageId, input.topicId),
		run: (topic, ctx): OpenRevisionResult => {
			if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind))
				return { ok: false, reason: 'bad_kind' };
			const kind = input.kind as DocumentKind;
			if (topic.category !== 'village_rules') return { ok: false, reason: 'not_village_rules' };
			if (topic.state !== 'submitted' && topic.state !== 'four_plus_two')
				return { ok: false, reason: 'wrong_topic_state' };
			if (revisionOfTopic(db, villageId, topic.id)) return { ok: false, reason: 'already_open' };
			const at = ctx.now.toISOString();
			let documentId = db
				.prepare('select id from rules_documents where village_id = ? and kind = ?')
				.pluck()
				.get(villageId, kind) as number | undefined;
			if (documentId === undefined) {
				documentId = Number(
					db
						.prepare(
							'insert into rules_documents (village_id, kind, title, created_at) values (?, ?, ?, ?)'
						)
						.run(villageId, kind, FIRST_TITLES[kind], at).lastInsertRowid
				);
				ctx.audit({
					action: 'rules_document.recorded',
					subjectType: 'rules_document',
					subjectId: documentId,
					after: { kind, title: FIRST_TITLES[kind] }
				});
			}
			const baseVersionId =
				(db
					.prepare(
						'select id from rules_versions where document_id = ? order by number desc limit 1'
					)
					.pluck()
					.get(documentId) as number | undefined) ?? null;
			const id = Number(
				db
					.prepare(
						`insert into rules_revisions (village_id, document_id, topic_id, base_version_id,
						   created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`
					)
					.run(villageId, documentId, topic.id, baseVersionId, actor.userId, at, at).lastInsertRowid
			);
			ctx.audit({
				action: 'rules_revision.opened',
				subjectType: 'rules_revision',
				subjectId: id,
				after: { topicId: topic.id, documentId, baseVersionId }
			});
			return { ok: true, revisionId: id };
		}
	});
}

export interface DraftChangeInput {
	change: string;
	/** The base article changed or removed; ignored for an addition, which gets a new key. */
	articleKey?: number | null;
	/** For an addition: the key of the article it follows, 0 for the start. */
	afterKey?: number | null;
	chapter?: string;
	body?: string;
	reason: string;
}

export type DraftRefusal =
	| 'bad_change'
	| 'body_required'
	| 'body_too_long'
	| 'chapter_too_long'
	| 'reason_required'
	| 'reason_too_long'
	| 'no_such_article'
	| 'no_such_place'
	| 'already_changed'
	| 'not_drafting';

export type DraftChangeResult =
	| { ok: true; changeId: number; articleKey: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | DraftRefusal };

/** The checks that need no database, in the order the form shows its fields. */
export function draftInputRefusal(input: DraftChangeInput): DraftRefusal | null {
	if (!(CHANGE_KINDS as readonly string[]).includes(input.change)) return 'bad_change';
	const body = (input.body ?? '').trim();
	if (input.change !== 'remove') {
		if (body === '') return 'body_required';
		if (chars(body) > ARTICLE_BODY_MAX) return 'body_too_long';
	}
	if (chars((input.chapter ?? '').trim()) > CHAPTER_MAX) return 'chapter_too_long';
	const reason = input.reason.trim();
	if (reason === '') return 'reason_required';
	if (chars(reason) > REASON_MAX) return 'reason_too_long';
	return null;
}

/** Adds one change to a draft: one change per article, an addition under a key never used. */
export function draftChange(
	db: Db,
	actor: Actor,
	villageId: number,
	revisionId: number,
	input: DraftChangeInput,
	options: { now?: Date } = {}
): DraftChangeResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRevision(db, villageId, revisionId),
		run: (revision, ctx): DraftChangeResult => {
			if (revision.state !== 'drafting') return { ok: false, reason: 'not_drafting' };
			const refusal = draftInputRefusal(input);
			if (refusal) return { ok: false, reason: refusal };
			const change = input.change as ChangeKind;
			const base = baseArticles(db, revision.baseVersionId);
			const drafted = db
				.prepare(
					'select change, article_key as articleKey from rules_revision_changes where revision_id = ?'
				)
				.all(revision.id) as { change: ChangeKind; articleKey: number }[];
			let articleKey: number;
			let afterKey: number | null = null;
			let chapter = (input.chapter ?? '').trim();
			if (change === 'add') {
				// Above every key the document ever used, so a key never names two different articles.
				const usedByDocument = db
					.prepare(
						`select coalesce(max(a.article_key), 0) from rules_articles a
						 join rules_versions v on v.id = a.version_id where v.document_id = ?`
					)
					.pluck()
					.get(revision.documentId) as number;
				articleKey = Math.max(usedByDocument, ...drafted.map((d) => d.articleKey), 0) + 1;
				afterKey = input.afterKey ?? 0;
				const places = new Set([
					0,
					...base.map((a) => a.articleKey),
					...drafted.filter((d) => d.change === 'add').map((d) => d.articleKey)
				]);
				if (!places.has(afterKey)) return { ok: false, reason: 'no_such_place' };
			} else {
				const article = base.find((a) => a.articleKey === input.articleKey);
				if (!article) return { ok: false, reason: 'no_such_article' };
				if (drafted.some((d) => d.articleKey === article.articleKey))
					return { ok: false, reason: 'already_changed' };
				articleKey = article.articleKey;
				chapter = article.chapter;
			}
			const body = change === 'remove' ? '' : (input.body ?? '').trim();
			const reason = input.reason.trim();
			const at = ctx.now.toISOString();
			const changeId = Number(
				db
					.prepare(
						`insert into rules_revision_changes (revision_id, change, article_key, after_key, chapter,
						   body, reason, created_by, created_at, updated_at)
						 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						revision.id,
						change,
						articleKey,
						afterKey,
						chapter,
						body,
						reason,
						actor.userId,
						at,
						at
					).lastInsertRowid
			);
			touchRevision(db, revision.id, ctx.now);
			ctx.audit({
				action: 'rules_revision.change_drafted',
				subjectType: 'rules_revision',
				subjectId: revision.id,
				after: { changeId, change, articleKey, afterKey, body, reason }
			});
			return { ok: true, changeId, articleKey };
		}
	});
}

export type RemoveChangeResult =
	| { ok: true; revisionId: number }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_drafting' | 'has_comments' | 'follows' };

/**
 * Takes a change out of the draft while it is drafted. A change villagers commented on stays, so
 * their words keep the text they were about; so does an addition another addition follows.
 */
export function removeDraftChange(
	db: Db,
	actor: Actor,
	villageId: number,
	changeId: number,
	options: { now?: Date } = {}
): RemoveChangeResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () =>
			db
				.prepare(
					`select c.id, c.revision_id as revisionId, c.change, c.article_key as articleKey,
					   c.body, c.reason, r.state
					 from rules_revision_changes c join rules_revisions r on r.id = c.revision_id
					 where c.id = ? and r.village_id = ?`
				)
				.get(changeId, villageId) as
				| {
						id: number;
						revisionId: number;
						change: ChangeKind;
						articleKey: number;
						body: string;
						reason: string;
						state: string;
				  }
				| undefined,
		run: (c, ctx): RemoveChangeResult => {
			if (c.state !== 'drafting') return { ok: false, reason: 'not_drafting' };
			if (db.prepare('select 1 from rules_comments where change_id = ?').get(c.id))
				return { ok: false, reason: 'has_comments' };
			if (
				c.change === 'add' &&
				db
					.prepare(
						"select 1 from rules_revision_changes where revision_id = ? and change = 'add' and after_key = ?"
					)
					.get(c.revisionId, c.articleKey)
			)
				return { ok: false, reason: 'follows' };
			db.prepare('delete from rules_revision_changes where id = ?').run(c.id);
			touchRevision(db, c.revisionId, ctx.now);
			ctx.audit({
				action: 'rules_revision.change_removed',
				subjectType: 'rules_revision',
				subjectId: c.revisionId,
				before: { changeId: c.id, change: c.change, articleKey: c.articleKey, body: c.body }
			});
			return { ok: true, revisionId: c.revisionId };
		}
	});
}
