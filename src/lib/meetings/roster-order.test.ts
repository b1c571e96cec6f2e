import { describe, expect, it } from 'vitest';
import { byHome, type Homed } from './roster-order';

const p = (personId: number, groupId: number | null, household: string, name: string): Homed => ({
	personId,
	groupId,
	household,
	name
});

describe('byHome', () => {
	it.each([
		['groups in the order the roster made them', [p(1, 2, '1', '甲'), p(2, 1, '9', '乙')], [2, 1]],
		['household numbers as numbers', [p(1, 1, '12', '甲'), p(2, 1, '3', '乙')], [2, 1]],
		['namesakes of one household by id', [p(9, 1, '3', '张伟'), p(4, 1, '3', '张伟')], [4, 9]],
		['no group before a group', [p(1, 1, '1', '甲'), p(2, null, '1', '乙')], [2, 1]],
		[
			'the members of one household together',
			[p(1, 1, '3', '王丽'), p(2, 1, '4', '李强'), p(3, 1, '3', '王芳')],
			[3, 1, 2]
		]
	])('%s', (_, people, order) => {
		expect([...people].sort(byHome).map((x) => x.personId)).toEqual(order);
	});
});
