import { describe, expect, it } from 'vitest';
import { diffVersions, inlineDiff, type ComparedArticle } from './diff';

const art = (
	articleKey: number,
	position: number,
	body: string,
	chapter = ''
): ComparedArticle => ({
	articleKey,
	position,
	chapter,
	body
});

const summary = (a: ComparedArticle[], b: ComparedArticle[]) =>
	diffVersions(a, b).map((d) => `${d.articleKey} ${d.status} ${d.oldNumber}→${d.newNumber}`);

describe('diffVersions', () => {
	const v1 = [art(1, 1, '甲'), art(2, 2, '乙'), art(3, 3, '丙')];
	it.each([
		['the same text', v1, ['1 unchanged 1→1', '2 unchanged 2→2', '3 unchanged 3→3']],
		[
			'an article added in the middle renumbers the rest',
			[art(1, 1, '甲'), art(4, 2, '丁'), art(2, 3, '乙'), art(3, 4, '丙')],
			['1 unchanged 1→1', '4 added null→2', '2 moved 2→3', '3 moved 3→4']
		],
		[
			'an article removed sits where it stood',
			[art(1, 1, '甲'), art(3, 2, '丙')],
			['1 unchanged 1→1', '2 removed 2→null', '3 moved 3→2']
		],
		[
			'the first article removed',
			[art(2, 1, '乙'), art(3, 2, '丙')],
			['1 removed 1→null', '2 moved 2→1', '3 moved 3→2']
		],
		[
			'a changed body',
			[art(1, 1, '甲'), art(2, 2, '乙乙'), art(3, 3, '丙')],
			['1 unchanged 1→1', '2 changed 2→2', '3 unchanged 3→3']
		],
		[
			'a chapter moved with the same body counts as changed',
			[art(1, 1, '甲'), art(2, 2, '乙', '附则'), art(3, 3, '丙')],
			['1 unchanged 1→1', '2 changed 2→2', '3 unchanged 3→3']
		],
		['from nothing', [], ['1 removed 1→null', '2 removed 2→null', '3 removed 3→null']]
	])('%s', (_, b, expected) => {
		expect(summary(v1, b)).toEqual(expected);
	});

	it('marks a changed article word by word', () => {
		const [d] = diffVersions(
			[art(6, 6, '禁止焚烧秸秆，违者罚款。')],
			[art(6, 6, '禁止焚烧秸秆，违者批评教育。')]
		);
		expect(d.segments).toEqual([
			{ op: 'same', text: '禁止焚烧秸秆，违者' },
			{ op: 'del', text: '罚款' },
			{ op: 'ins', text: '批评教育' },
			{ op: 'same', text: '。' }
		]);
	});
});

describe('inlineDiff', () => {
	it.each([
		['equal', 'abc', 'abc', [{ op: 'same', text: 'abc' }]],
		['all new', '', '新', [{ op: 'ins', text: '新' }]],
		['all gone', '旧', '', [{ op: 'del', text: '旧' }]],
		[
			'a number changes whole, not digit by digit',
			'within 10 days',
			'within 15 days',
			[
				{ op: 'same', text: 'within ' },
				{ op: 'del', text: '10' },
				{ op: 'ins', text: '15' },
				{ op: 'same', text: ' days' }
			]
		]
	])('%s', (_, a, b, expected) => {
		expect(inlineDiff(a, b)).toEqual(expected);
	});

	it('rebuilds both texts from its pieces', () => {
		const a = '村民应当爱护公共设施，不得损坏。';
		const b = '村民应当爱护村内公共设施和绿化，不得损坏或侵占。';
		const s = inlineDiff(a, b);
		expect(
			s
				.filter((x) => x.op !== 'ins')
				.map((x) => x.text)
				.join('')
		).toBe(a);
		expect(
			s
				.filter((x) => x.op !== 'del')
				.map((x) => x.text)
				.join('')
		).toBe(b);
	});
});
