// Each refusal of the rules' commands in the visitor's language.
import { m } from '$lib/paraglide/messages';
import { ARTICLE_MAX, ARTICLES_MAX, CHAPTER_MAX } from './parse';

const MESSAGES: Record<string, (p: { line?: number }) => string> = {
	forbidden: () => m.error_forbidden(),
	not_found: () => m.error_not_found(),
	bad_kind: () => m.rtx_err_bad_kind(),
	bad_title: () => m.rtx_err_bad_title(),
	bad_source: () => m.rtx_err_bad_source(),
	bad_adopted_on: () => m.rtx_err_bad_adopted_on(),
	bad_effective_on: () => m.rtx_err_bad_effective_on(),
	already_recorded: () => m.rtx_err_already_recorded(),
	empty: () => m.rtx_err_empty(),
	text_before_first_article: (p) => m.rtx_err_text_before_first({ line: p.line ?? 1 }),
	article_too_long: (p) => m.rtx_err_article_too_long({ line: p.line ?? 1, max: ARTICLE_MAX }),
	chapter_too_long: (p) => m.rtx_err_chapter_too_long({ line: p.line ?? 1, max: CHAPTER_MAX }),
	too_many_articles: () => m.rtx_err_too_many({ max: ARTICLES_MAX }),
	not_reviewed: () => m.rtx_err_not_reviewed(),
	no_resolution: () => m.rtx_err_no_resolution(),
	not_villagers_meeting: () => m.rtx_err_not_villagers_meeting(),
	before_decision: () => m.rtx_err_before_decision(),
	before_current: () => m.rtx_err_before_current(),
	stale_base: () => m.rtx_err_stale_base(),
	bad_changes: () => m.rtx_err_bad_changes(),
	bad_date: () => m.rtx_err_bad_date(),
	before_adoption: () => m.rtx_err_before_adoption(),
	in_future: () => m.rtx_err_in_future(),
	already_filed: () => m.rtx_err_already_filed(),
	note_too_long: () => m.rtx_err_note_too_long(),
	not_filed: () => m.rtx_err_not_filed(),
	before_filing: () => m.rtx_err_before_filing(),
	already_acknowledged: () => m.rtx_err_already_acknowledged(),
	bad_name: () => m.rtx_err_bad_name()
};

export const rulesRefusalMessage = (reason: string, p: { line?: number } = {}): string =>
	(MESSAGES[reason] ?? (() => m.error_not_found()))(p);
