// The board notice of a new version of the rules, in either language: posted in Chinese (the
// record on the wall) and rebuilt from the records for an English reader (board/notice-view.ts).
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Db } from '../db';
import { diffVersions } from './diff';
import { articlesOf, findVersion, type RulesKind } from './records';

export interface RulesNoticeWords {
	title: string;
	summary: string;
	body: string;
	/** Where the version page is: /[village]/rules/[kind]/versions/[number]. */
	kind: RulesKind;
	number: number;
}

const dateIn = (locale: Locale, iso: string) =>
	new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${iso}T00:00:00Z`));

export function rulesNoticeWords(
	db: Db,
	versionId: number,
	locale: Locale
): RulesNoticeWords | null {
	const v = db
		.prepare(
			`select v.id, v.document_id, v.number, v.adopted_on, v.effective_on, d.title, d.kind,
			   r.number as resolution, mt.title as meeting
			 from rules_versions v join rules_documents d on d.id = v.document_id
			 left join resolutions r on r.id = v.resolution_id
			 left join meetings mt on mt.id = r.meeting_id
			 where v.id = ?`
		)
		.get(versionId) as
		| {
				id: number;
				document_id: number;
				number: number;
				adopted_on: string;
				effective_on: string;
				title: string;
				kind: RulesKind;
				resolution: string | null;
				meeting: string | null;
		  }
		| undefined;
	if (!v) return null;
	const o = { locale };
	const previous = findVersion(db, v.document_id, v.number - 1);
	const changes = diffVersions(previous ? articlesOf(db, previous.id) : [], articlesOf(db, v.id))
		.map((d) =>
			d.status === 'added'
				? m.rtx_change_added({ number: d.newNumber! }, o)
				: d.status === 'changed'
					? m.rtx_change_changed({ number: d.newNumber! }, o)
					: d.status === 'removed'
						? m.rtx_change_removed({ number: d.oldNumber! }, o)
						: null
		)
		.filter((line) => line !== null);
	const adopted = dateIn(locale, v.adopted_on);
	const effective = dateIn(locale, v.effective_on);
	return {
		kind: v.kind,
		number: v.number,
		title: m.rtx_notice_title({ title: v.title, number: v.number }, o),
		summary: m.rtx_notice_summary({ date: adopted, effective }, o),
		body: [
			m.rtx_notice_intro(
				{
					title: v.title,
					meeting: v.meeting ?? '',
					date: adopted,
					resolution: v.resolution ?? '',
					effective
				},
				o
			),
			...(changes.length ? [m.rtx_notice_changes(o), ...changes.map((c) => `  · ${c}`)] : []),
			m.rtx_notice_where(o)
		].join('\n')
	};
}
