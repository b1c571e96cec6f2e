// The text a village already has when it starts using the app (the rules adopted on paper, years
// ago): pasted once as its first version, with where it came from, then revised only by enactment.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate, todayInChina } from '../calendar/dates';
import { parseArticles, type ParseResult } from './parse';
import { ensureDocument, findDocument, versionsOf, writeVersion, isRulesKind } from './records';
import type { RulesVersion } from './records';
import { openFiling } from './filing';

export const TITLE_MAX = 100;
export const SOURCE_MAX = 200;

export interface RecordTextInput {
	kind: string;
	title: string;
	text: string;
	/** Where the text comes from: "2019年村民会议通过，村委会存档原件". */
	source: string;
	adoptedOn: string;
	effectiveOn: string;
}

export type RecordTextResult =
	| { ok: true; version: RulesVersion }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_kind'
				| 'bad_title'
				| 'bad_source'
				| 'bad_adopted_on'
				| 'bad_effective_on'
				| 'already_recorded';
	  }
	| Extract<ParseResult, { ok: false }>;

export function recordExistingText(
	db: Db,
	actor: Actor,
	villageId: number,
	input: RecordTextInput,
	options: { now?: Date } = {}
): RecordTextResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): RecordTextResult => {
			const kind = input.kind;
			if (!isRulesKind(kind)) return { ok: false, reason: 'bad_kind' };
			const title = input.title.trim();
			const source = input.source.trim();
			if (title.length < 1 || title.length > TITLE_MAX) return { ok: false, reason: 'bad_title' };
			if (source.length < 1 || source.length > SOURCE_MAX)
				return { ok: false, reason: 'bad_source' };
			const today = todayInChina(ctx.now);
			if (!isValidDate(input.adoptedOn) || input.adoptedOn > today)
				return { ok: false, reason: 'bad_adopted_on' };
			if (!isValidDate(input.effectiveOn) || input.effectiveOn < input.adoptedOn)
				return { ok: false, reason: 'bad_effective_on' };
			const existing = findDocument(db, villageId, kind);
			// Only the first text is typed in: every later one comes from a revision, on the record.
			if (existing && versionsOf(db, existing.id).length > 0)
				return { ok: false, reason: 'already_recorded' };
			const parsed = parseArticles(input.text);
			if (!parsed.ok) return parsed;
			const doc = ensureDocument(ctx, villageId, kind, title);
			const version = writeVersion(ctx, doc.id, {
				adoptedOn: input.adoptedOn,
				effectiveOn: input.effectiveOn,
				source,
				articles: parsed.articles.map((a, i) => ({ articleKey: i + 1, ...a }))
			});
			openFiling(ctx, villageId, version);
			ctx.audit({
				action: 'rules_document.recorded',
				subjectType: 'rules_document',
				subjectId: doc.id,
				after: {
					kind,
					versionId: version.id,
					articles: parsed.articles.length,
					adoptedOn: input.adoptedOn,
					effectiveOn: input.effectiveOn,
					source
				}
			});
			return { ok: true, version };
		}
	}) as RecordTextResult;
}
