import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, household, topic, type World } from './test-world';
import { mattersByStage } from './stages';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

type Ev = ['steps', number[]] | ['sent_back' | 'ended' | 'archived'];

function matter(events: Ev[], state = 'four_plus_two', endKind: string | null = null, grid = 0) {
	const [p] = household(w, w.grids[grid]).people;
	const t = topic(w, { person: p, submittedAt: '2026-03-05T02:00:00.000Z', state, endKind });
	for (const [kind, steps] of events)
		w.db
			.prepare(
				`insert into procedure_events (topic_id, kind, steps, reason, recorded_by, created_at)
				 values (?, ?, ?, ?, ?, '2026-03-06T02:00:00.000Z')`
			)
			.run(t, kind, JSON.stringify(steps ?? []), kind === 'steps' ? '' : '理由', w.user);
}

describe('4+2 matters by stage', () => {
	it('places each matter by its procedure events', () => {
		matter([]);
		matter([['steps', [1]]]);
		matter([
			['steps', [1, 2]],
			['steps', [3]]
		]);
		// Sent back after a failed step-4 vote: revise from step 2.
		matter([['steps', [1, 2]], ['steps', [3]], ['sent_back']], 'four_plus_two', null, 1);
		matter([
			['steps', [1, 2]],
			['steps', [3, 4]],
			['steps', [5, 6]]
		]);
		matter(
			[['steps', [1, 2]], ['steps', [3, 4]], ['steps', [5, 6]], ['archived']],
			'completed',
			'archive'
		);
		matter([['steps', [1, 2]], ['ended']], 'completed', 'vote_failed');
		// Not a 4+2 matter: a topic handled directly.
		matter([], 'direct');
		const f = { villageId: w.village, from: '2026-03-01', to: '2026-03-31', gridId: null };
		expect(mattersByStage(w.db, f)).toEqual({
			step_1: 1,
			step_2: 2,
			step_3: 0,
			step_4: 1,
			step_5: 0,
			step_6: 0,
			complete: 1,
			archived: 1,
			ended: 1
		});
		expect(mattersByStage(w.db, { ...f, gridId: w.grids[1] })).toMatchObject({
			step_2: 1,
			step_1: 0
		});
		expect(mattersByStage(w.db, { ...f, from: '2026-04-01', to: '2026-04-30' }).step_1).toBe(0);
	});
});
