// The dashboard's closed-loop figures count topics by the China day they were submitted on, read
// as a range on the stored UTC timestamp: each topic falls in the period its China day is in.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { createTopic } from './filing';
import { chinaDaysInUtc, closedLoopFigures } from './queries';
import type { TopicInput } from './records';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const input: TopicInput = {
	title: '修缮村口水渠',
	description: '村口水渠年久失修，雨季漫水。',
	category: 'livelihood',
	place: '村口',
	affected: '第一网格',
	estimatedCostFen: null,
	funding: ''
};

describe('closedLoopFigures by China day', () => {
	it('bounds a period by midnight in China, not in UTC', () => {
		const v = demoVillageId(db);
		const villager = demoActor(db, '13800000003');
		const submittedAt = [
			'2026-02-28T15:59:59.999Z', // 28 February, 23:59 in China
			'2026-02-28T16:00:00.000Z', // 1 March, 00:00
			'2026-03-31T15:59:59.999Z', // 31 March, 23:59
			'2026-03-31T16:00:00.000Z' // 1 April, 00:00
		];
		for (const at of submittedAt) {
			const r = createTopic(db, villager, v, input, { submit: true, now: new Date(at) });
			if (!r.ok) throw new Error(r.reason);
		}
		const cases: [string, string, number][] = [
			['2026-02-01', '2026-02-28', 1],
			['2026-03-01', '2026-03-31', 2],
			['2026-03-01', '2026-03-01', 1],
			['2026-03-31', '2026-04-30', 2],
			['2026-04-01', '2026-04-30', 1],
			['2026-02-28', '2026-04-01', 4],
			['2026-05-01', '2026-05-31', 0]
		];
		for (const [from, to, received] of cases)
			expect({ from, to, received: closedLoopFigures(db, v, from, to).received }).toEqual({
				from,
				to,
				received
			});
	});

	it('turns China days into UTC bounds across month and year ends', () => {
		expect(chinaDaysInUtc('2026-01-01', '2026-12-31')).toEqual({
			fromUtc: '2025-12-31T16:00:00.000Z',
			toUtc: '2026-12-31T16:00:00.000Z'
		});
		expect(chinaDaysInUtc('2026-03-01', '2026-03-01')).toEqual({
			fromUtc: '2026-02-28T16:00:00.000Z',
			toUtc: '2026-03-01T16:00:00.000Z'
		});
	});
});
