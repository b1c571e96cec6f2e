// The village's rules as recorded (村规民约, 村民自治章程): each document, its versions in order and
// the articles of each, with the version in force on a given day. Reads only, plus the one writer
// of a version that recording an existing text and enacting a revision share.
import type { CommandContext } from '../command';
import type { Db } from '../db';

export const RULES_KINDS = ['village_rules', 'charter'] as const;
export type RulesKind = (typeof RULES_KINDS)[number];
export const isRulesKind = (v: string): v is RulesKind =>
	(RULES_KINDS as readonly string[]).includes(v);

export interface RulesDocument {
	id: number;
	villageId: number;
	kind: RulesKind;
	title: string;
}

export interface RulesVersion {
	id: number;
	documentId: number;
	number: number;
	adoptedOn: string;
	effectiveOn: string;
	revisionId: number | null;
	resolutionId: number | null;
	source: string;
	noticeId: number | null;
}

export interface RulesArticle {
	articleKey: number;
	position: number;
	chapter: string;
	body: string;
}

interface VersionRow {
	id: number;
	document_id: number;
	number: number;
	adopted_on: string;
	effective_on: string;
	revision_id: number | null;
	resolution_id: number | null;
	source: string;
	notice_id: number | null;
}

const toVersion = (r: VersionRow): RulesVersion => ({
	id: r.id,
	documentId: r.document_id,
	number: r.number,
	adoptedOn: r.adopted_on,
	effectiveOn: r.effective_on,
	revisionId: r.revision_id,
	resolutionId: r.resolution_id,
	source: r.source,
	noticeId: r.notice_id
});

const DOCUMENT_COLUMNS = 'id, village_id as villageId, kind, title';

export function documentsOf(db: Db, villageId: number): RulesDocument[] {
	return db
		.prepare(
			`select ${DOCUMENT_COLUMNS} from rules_documents where village_id = ?
			 order by case kind when 'village_rules' then 0 else 1 end`
		)
		.all(villageId) as RulesDocument[];
}

export function findDocument(db: Db, villageId: number, kind: RulesKind): RulesDocument | null {
	return (
		(db
			.prepare(`select ${DOCUMENT_COLUMNS} from rules_documents where village_id = ? and kind = ?`)
			.get(villageId, kind) as RulesDocument | undefined) ?? null
	);
}

/** Every version of a document, the newest first (the history). */
export function versionsOf(db: Db, documentId: number): RulesVersion[] {
	return (
		db
			.prepare('select * from rules_versions where document_id = ? order by number desc')
			.all(documentId) as VersionRow[]
	).map(toVersion);
}

export function findVersion(db: Db, documentId: number, number: number): RulesVersion | null {
	const r = db
		.prepare('select * from rules_versions where document_id = ? and number = ?')
		.get(documentId, number) as VersionRow | undefined;
	return r ? toVersion(r) : null;
}

/** A version by id, only when its document belongs to the village. */
export function versionOfVillage(db: Db, villageId: number, id: number): RulesVersion | null {
	const r = db
		.prepare(
			`select v.* from rules_versions v join rules_documents d on d.id = v.document_id
			 where v.id = ? and d.village_id = ?`
		)
		.get(id, villageId) as VersionRow | undefined;
	return r ? toVersion(r) : null;
}

export function articlesOf(db: Db, versionId: number): RulesArticle[] {
	return db
		.prepare(
			`select article_key as articleKey, position, chapter, body from rules_articles
			 where version_id = ? order by position`
		)
		.all(versionId) as RulesArticle[];
}

/**
 * The version in force on `date`: the latest to have taken effect by then. A version adopted but
 * not yet in force leaves the one before it in force until its day.
 */
export function currentVersion(
	db: Db,
	villageId: number,
	kind: RulesKind,
	date: string
): RulesVersion | null {
	const r = db
		.prepare(
			`select v.* from rules_versions v join rules_documents d on d.id = v.document_id
			 where d.village_id = ? and d.kind = ? and v.effective_on <= ?
			 order by v.effective_on desc, v.number desc limit 1`
		)
		.get(villageId, kind, date) as VersionRow | undefined;
	return r ? toVersion(r) : null;
}

/** The document of that kind, created with its title the first time the village records one. */
export function ensureDocument(
	ctx: CommandContext,
	villageId: number,
	kind: RulesKind,
	title: string
): RulesDocument {
	const found = findDocument(ctx.db, villageId, kind);
	if (found) return found;
	ctx.db
		.prepare(
			'insert into rules_documents (village_id, kind, title, created_at) values (?, ?, ?, ?)'
		)
		.run(villageId, kind, title, ctx.now.toISOString());
	return findDocument(ctx.db, villageId, kind)!;
}

export interface NewVersion {
	adoptedOn: string;
	effectiveOn: string;
	revisionId?: number | null;
	resolutionId?: number | null;
	source?: string;
	articles: { articleKey: number; chapter: string; body: string }[];
}

/** Writes the next version of a document with its articles numbered 1..n in the order given. */
export function writeVersion(
	ctx: CommandContext,
	documentId: number,
	input: NewVersion
): RulesVersion {
	const { db } = ctx;
	const number =
		(db
			.prepare('select coalesce(max(number), 0) from rules_versions where document_id = ?')
			.pluck()
			.get(documentId) as number) + 1;
	const { lastInsertRowid } = db
		.prepare(
			`insert into rules_versions (document_id, number, adopted_on, effective_on, revision_id,
			   resolution_id, source, created_by, created_at)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(
			documentId,
			number,
			input.adoptedOn,
			input.effectiveOn,
			input.revisionId ?? null,
			input.resolutionId ?? null,
			input.source ?? '',
			ctx.actor?.userId ?? null,
			ctx.now.toISOString()
		);
	const versionId = Number(lastInsertRowid);
	const add = db.prepare(
		'insert into rules_articles (version_id, article_key, position, chapter, body) values (?, ?, ?, ?, ?)'
	);
	input.articles.forEach((a, i) => add.run(versionId, a.articleKey, i + 1, a.chapter, a.body));
	return findVersion(db, documentId, number)!;
}
