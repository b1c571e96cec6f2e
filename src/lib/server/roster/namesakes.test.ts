import { describe, expect, it } from 'vitest';
import { distinguishNamesakes, withNamesakeLabels, type NamedPerson } from './namesakes';

const person = (id: number, name: string, more: Partial<NamedPerson> = {}): NamedPerson => ({
	id,
	name,
	householdKey: `00${id}`,
	groupName: '第一村民小组',
	gridName: '第一网格',
	birthDate: `19${60 + id}-05-01`,
	...more
});

describe('distinguishNamesakes', () => {
	it.each([
		{
			case: 'unique names stay bare',
			people: [person(1, '王丽'), person(2, '刘志强')],
			labels: ['王丽', '刘志强']
		},
		{
			case: 'namesakes of two households: the household number',
			people: [person(1, '张伟'), person(2, '张伟'), person(3, '王丽')],
			labels: ['张伟（户号 001）', '张伟（户号 002）', '王丽']
		},
		{
			case: 'a household known by its head',
			people: [person(1, '张伟', { householdKey: 'head:张德明' }), person(2, '张伟')],
			labels: ['张伟（户主 张德明）', '张伟（户号 002）']
		},
		{
			case: 'no household number: the group',
			people: [
				person(1, '张伟', { householdKey: null }),
				person(2, '张伟', { householdKey: null, groupName: '第二村民小组' })
			],
			labels: ['张伟（第一村民小组）', '张伟（第二村民小组）']
		},
		{
			case: 'same group, no household: the grid',
			people: [
				person(1, '张伟', { householdKey: null }),
				person(2, '张伟', { householdKey: null, gridName: '第五网格' })
			],
			labels: ['张伟（第一网格）', '张伟（第五网格）']
		},
		{
			case: 'one household: the birth year',
			people: [
				person(1, '张建国', { householdKey: '007' }),
				person(2, '张建国', { householdKey: '007' })
			],
			labels: ['张建国（1961 年生）', '张建国（1962 年生）']
		},
		{
			case: 'no single detail tells three apart: every detail',
			people: [
				person(1, '李明', { householdKey: '007', birthDate: '1970-01-01' }),
				person(2, '李明', { householdKey: '007', birthDate: '1971-01-01' }),
				person(3, '李明', { householdKey: '008', birthDate: '1970-01-01' })
			],
			labels: [
				'李明（户号 007 · 第一村民小组 · 第一网格 · 1970 年生）',
				'李明（户号 007 · 第一村民小组 · 第一网格 · 1971 年生）',
				'李明（户号 008 · 第一村民小组 · 第一网格 · 1970 年生）'
			]
		},
		{
			case: 'nothing known: the name alone',
			people: [
				{ id: 1, name: '赵敏' },
				{ id: 2, name: '赵敏' }
			],
			labels: ['赵敏', '赵敏']
		},
		{
			case: 'the same person listed twice is not their own namesake',
			people: [person(1, '陈红'), person(1, '陈红')],
			labels: ['陈红', '陈红']
		}
	])('$case', ({ people, labels }) => {
		const out = distinguishNamesakes(people);
		expect(people.map((p) => out.get(p.id))).toEqual(labels);
	});

	it('adds the label beside each person, keeping the rest', () => {
		const rows = withNamesakeLabels([
			{ ...person(1, '张伟'), extra: 'a' },
			{ ...person(2, '张伟'), extra: 'b' }
		]);
		expect(rows.map((r) => [r.extra, r.label])).toEqual([
			['a', '张伟（户号 001）'],
			['b', '张伟（户号 002）']
		]);
	});
});
