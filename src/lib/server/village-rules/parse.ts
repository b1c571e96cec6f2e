// A village's existing rules as pasted by the clerk: chapters (第二章 移风易俗) and articles, either
// marked 第N条 (numbered in Chinese or in digits) or one per paragraph. The numbers as typed are not
// kept: positions are counted again, so a text with a skipped or repeated number still reads 1..n.

export const ARTICLE_MAX = 2000;
export const CHAPTER_MAX = 50;
export const ARTICLES_MAX = 300;

export interface ParsedArticle {
	chapter: string;
	body: string;
}

export type ParseResult =
	| { ok: true; articles: ParsedArticle[] }
	| {
			ok: false;
			reason: 'empty' | 'text_before_first_article' | 'article_too_long' | 'chapter_too_long';
			line?: number;
	  }
	| { ok: false; reason: 'too_many_articles' };

const NUMERAL = '[一二三四五六七八九十百千零〇两0-9０-９]+';
const ARTICLE = new RegExp(`^第\\s*${NUMERAL}\\s*条[\\s：:、．.]*`);
const CHAPTER = new RegExp(`^第\\s*${NUMERAL}\\s*[章编节]`);
// "1." "2、" "（三）" at the start of a paragraph, in the paragraph form.
const LEADING_NUMBER = /^(?:[0-9０-９]+\s*[.、．)）]|[（(][一二三四五六七八九十0-9]+[)）])\s*/;

const clean = (line: string) => line.replace(/[\s\u3000]+/g, ' ').trim();

export function parseArticles(text: string): ParseResult {
	const lines = text.split(/\r?\n/).map(clean);
	const marked = lines.some((l) => ARTICLE.test(l));
	const articles: (ParsedArticle & { line: number })[] = [];
	let chapter = '';
	for (const [i, line] of lines.entries()) {
		if (!line) continue;
		if (CHAPTER.test(line) && !ARTICLE.test(line)) {
			if (line.length > CHAPTER_MAX) return { ok: false, reason: 'chapter_too_long', line: i + 1 };
			chapter = line;
			continue;
		}
		if (marked) {
			const head = line.match(ARTICLE);
			if (head) {
				articles.push({ chapter, body: line.slice(head[0].length).trim(), line: i + 1 });
			} else if (articles.length === 0) {
				return { ok: false, reason: 'text_before_first_article', line: i + 1 };
			} else {
				const last = articles[articles.length - 1];
				last.body = last.body ? `${last.body}\n${line}` : line;
			}
		} else {
			articles.push({ chapter, body: line.replace(LEADING_NUMBER, ''), line: i + 1 });
		}
	}
	const kept = articles.filter((a) => a.body.length > 0);
	if (kept.length === 0) return { ok: false, reason: 'empty' };
	if (kept.length > ARTICLES_MAX) return { ok: false, reason: 'too_many_articles' };
	const long = kept.find((a) => a.body.length > ARTICLE_MAX);
	if (long) return { ok: false, reason: 'article_too_long', line: long.line };
	return { ok: true, articles: kept.map(({ chapter, body }) => ({ chapter, body })) };
}
