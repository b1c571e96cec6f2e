// What the public rules pages show: each document's text in force by chapter, its dates, the
// resolution that adopted it, its filing, a revision under way and the earlier versions; and one
// version with its comparison to another.
import type { Db } from '../db';
import { diffVersions, type ArticleDiff } from './diff';
import { womenAtDecision } from './enactment';
import { filingOf, filingState, type Filing, type FilingState } from './filing';
import {
	articlesOf,
	currentVersion,
	documentsOf,
	findDocument,
	findVersion,
	versionsOf,
	type RulesArticle,
	type RulesDocument,
	type RulesKind,
	type RulesVersion
} from './records';

export interface Chapter {
	title: string;
	articles: RulesArticle[];
}

/** The articles in order, grouped under their chapters (one untitled group when there are none). */
export function byChapter(articles: RulesArticle[]): Chapter[] {
	const out: Chapter[] = [];
	for (const a of articles) {
		const last = out[out.length - 1];
		if (last && last.title === a.chapter) last.articles.push(a);
		else out.push({ title: a.chapter, articles: [a] });
	}
	return out;
}

export interface VersionFacts extends RulesVersion {
	resolution: { id: number; number: string } | null;
	noticeSeq: number | null;
	filing: (Filing & { state: FilingState }) | null;
}

function factsOf(db: Db, v: RulesVersion, today: string): VersionFacts {
	const resolution = v.resolutionId
		? ((db.prepare('select id, number from resolutions where id = ?').get(v.resolutionId) as
				{ id: number; number: string } | undefined) ?? null)
		: null;
	const noticeSeq = v.noticeId
		? (db.prepare('select seq from notices where id = ?').pluck().get(v.noticeId) as number)
		: null;
	const filing = filingOf(db, v.id);
	return {
		...v,
		resolution,
		noticeSeq,
		filing: filing && { ...filing, state: filingState(filing, today) }
	};
}

export interface DocumentOverview {
	document: RulesDocument;
	current: VersionFacts | null;
	chapters: Chapter[];
	/** A version adopted but not yet in force. */
	upcoming: VersionFacts | null;
	history: VersionFacts[];
	revision: { id: number; state: string; topicNumber: string } | null;
}

export function rulesOverview(db: Db, villageId: number, today: string): DocumentOverview[] {
	return documentsOf(db, villageId).map((document) => {
		const inForce = currentVersion(db, villageId, document.kind, today);
		const history = versionsOf(db, document.id).map((v) => factsOf(db, v, today));
		const latest = history[0];
		const revision =
			(db
				.prepare(
					`select r.id, r.state, t.number as topicNumber from rules_revisions r
					 join topics t on t.id = r.topic_id
					 where r.document_id = ? and r.state not in ('enacted', 'withdrawn')
					 order by r.id desc limit 1`
				)
				.get(document.id) as DocumentOverview['revision'] | undefined) ?? null;
		return {
			document,
			current: inForce ? (history.find((h) => h.id === inForce.id) ?? null) : null,
			chapters: inForce ? byChapter(articlesOf(db, inForce.id)) : [],
			upcoming: latest && latest.effectiveOn > today ? latest : null,
			history,
			revision
		};
	});
}

export interface VersionPage {
	document: RulesDocument;
	version: VersionFacts;
	chapters: Chapter[];
	/** The version compared against (the one before unless asked otherwise); null for the first. */
	from: RulesVersion | null;
	diff: ArticleDiff[];
	numbers: number[];
	women: { present: number; women: number } | null;
}

export function versionPage(
	db: Db,
	villageId: number,
	kind: RulesKind,
	number: number,
	fromNumber: number | null,
	today: string
): VersionPage | null {
	const document = findDocument(db, villageId, kind);
	const v = document && findVersion(db, document.id, number);
	if (!document || !v) return null;
	const articles = articlesOf(db, v.id);
	const wanted = fromNumber ?? number - 1;
	const from = wanted !== number ? findVersion(db, document.id, wanted) : null;
	return {
		document,
		version: factsOf(db, v, today),
		chapters: byChapter(articles),
		from,
		diff: from ? diffVersions(articlesOf(db, from.id), articles) : [],
		numbers: versionsOf(db, document.id).map((x) => x.number),
		women: v.resolutionId ? womenAtDecision(db, v.resolutionId) : null
	};
}
