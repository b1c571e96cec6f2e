import { describe, expect, it } from 'vitest';
import { parseArticles } from './parse';

describe('parseArticles', () => {
	it.each([
		[
			'第N条 in Chinese numerals, with chapters',
			'第一章 总则\n第一条 本村规民约依法制定。\n第二条 村民应当遵守。\n第二章 移风易俗\n第三条 红白喜事从简。',
			[
				{ chapter: '第一章 总则', body: '本村规民约依法制定。' },
				{ chapter: '第一章 总则', body: '村民应当遵守。' },
				{ chapter: '第二章 移风易俗', body: '红白喜事从简。' }
			]
		],
		[
			'digits, full-width spaces and a number skipped: counted again',
			'第1条　甲。\n\n第3条：乙。',
			[
				{ chapter: '', body: '甲。' },
				{ chapter: '', body: '乙。' }
			]
		],
		[
			'an article over several paragraphs, its head alone on a line',
			'第十二条\n禁止焚烧秸秆。\n违者批评教育。\n第十三条 丙。',
			[
				{ chapter: '', body: '禁止焚烧秸秆。\n违者批评教育。' },
				{ chapter: '', body: '丙。' }
			]
		],
		[
			'no 第N条 at all: one article per paragraph, list numbers dropped',
			'1. 爱护环境。\n2、邻里和睦。\n（三）勤俭节约。',
			[
				{ chapter: '', body: '爱护环境。' },
				{ chapter: '', body: '邻里和睦。' },
				{ chapter: '', body: '勤俭节约。' }
			]
		],
		[
			'an article that quotes 第三条 in its body is not split there',
			'第一条 违反第三条的，批评教育。\n第二条 乙。',
			[
				{ chapter: '', body: '违反第三条的，批评教育。' },
				{ chapter: '', body: '乙。' }
			]
		]
	])('%s', (_, text, articles) => {
		expect(parseArticles(text)).toEqual({ ok: true, articles });
	});

	it.each([
		['nothing', '  \n\n', { ok: false, reason: 'empty' }],
		['only chapters', '第一章 总则\n第二章 附则', { ok: false, reason: 'empty' }],
		[
			'words before the first article',
			'为了建设文明村，制定本规约。\n第一条 甲。',
			{ ok: false, reason: 'text_before_first_article', line: 1 }
		],
		[
			'an article too long',
			`第一条 甲。\n第二条 ${'长'.repeat(2001)}`,
			{ ok: false, reason: 'article_too_long', line: 2 }
		],
		[
			'a chapter too long',
			`第一章 ${'长'.repeat(60)}`,
			{ ok: false, reason: 'chapter_too_long', line: 1 }
		],
		[
			'too many articles',
			Array(301).fill('一条。').join('\n'),
			{ ok: false, reason: 'too_many_articles' }
		]
	])('refuses %s', (_, text, refusal) => {
		expect(parseArticles(text)).toEqual(refusal);
	});
});
