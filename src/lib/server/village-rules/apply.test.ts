import { describe, expect, it } from 'vitest';
import { applyChanges, type RevisionChange } from './apply';
import type { RulesArticle } from './records';

const base: RulesArticle[] = [
	{ articleKey: 1, position: 1, chapter: '总则', body: 'A' },
	{ articleKey: 2, position: 2, chapter: '总则', body: 'B' },
	{ articleKey: 3, position: 3, chapter: '环境', body: 'C' }
];

const change = (over: Partial<RevisionChange>): RevisionChange => ({
	change: 'change',
	articleKey: 1,
	afterKey: null,
	chapter: '',
	body: '',
	...over
});

const keysAndBodies = (r: ReturnType<typeof applyChanges>) =>
	r.ok ? r.articles.map((a) => `${a.articleKey}:${a.chapter}:${a.body}`) : r.reason;

describe('applyChanges', () => {
	it.each([
		['no change', [], ['1:总则:A', '2:总则:B', '3:环境:C']],
		[
			'a changed body',
			[change({ articleKey: 2, body: 'B2' })],
			['1:总则:A', '2:总则:B2', '3:环境:C']
		],
		['a removal', [change({ change: 'remove', articleKey: 1 })], ['2:总则:B', '3:环境:C']],
		[
			'an addition after an article takes its chapter',
			[change({ change: 'add', articleKey: 4, afterKey: 2, body: 'D' })],
			['1:总则:A', '2:总则:B', '4:总则:D', '3:环境:C']
		],
		[
			'an addition at the start',
			[change({ change: 'add', articleKey: 4, afterKey: 0, body: 'D', chapter: '序' })],
			['4:序:D', '1:总则:A', '2:总则:B', '3:环境:C']
		],
		[
			'two additions after the same article keep their order',
			[
				change({ change: 'add', articleKey: 4, afterKey: 3, body: 'D' }),
				change({ change: 'add', articleKey: 5, afterKey: 3, body: 'E' })
			],
			['1:总则:A', '2:总则:B', '3:环境:C', '4:环境:D', '5:环境:E']
		],
		[
			'an addition after another addition, listed first',
			[
				change({ change: 'add', articleKey: 5, afterKey: 4, body: 'E' }),
				change({ change: 'add', articleKey: 4, afterKey: 1, body: 'D' })
			],
			['1:总则:A', '4:总则:D', '5:总则:E', '2:总则:B', '3:环境:C']
		],
		[
			'an addition after a removed article is refused',
			[
				change({ change: 'remove', articleKey: 2 }),
				change({ change: 'add', articleKey: 4, afterKey: 2, body: 'D' })
			],
			'unknown_after'
		],
		['a change of an unknown article', [change({ articleKey: 9, body: 'X' })], 'unknown_article'],
		[
			'an addition reusing a key',
			[change({ change: 'add', articleKey: 2, afterKey: 0, body: 'X' })],
			'key_in_use'
		],
		[
			'removing everything',
			[1, 2, 3].map((k) => change({ change: 'remove', articleKey: k })),
			'empty_text'
		]
	])('%s', (_, changes, expected) => {
		expect(keysAndBodies(applyChanges(base, changes))).toEqual(expected);
	});

	it('leaves the base as it was', () => {
		const copy = structuredClone(base);
		applyChanges(base, [change({ change: 'remove', articleKey: 1 })]);
		expect(base).toEqual(copy);
	});
});
