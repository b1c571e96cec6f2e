import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, closedMeeting, household, serviceCase, topic, type World } from './test-world';
import { attendanceByType, participation } from './meetings';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

const march = (gridId: number | null = null) => ({
	villageId: w.village,
	from: '2026-03-01',
	to: '2026-03-31',
	gridId
});

describe('attendance by meeting type (实到 ÷ 应到)', () => {
	it('counts the frozen roster and its sign-ins of meetings closed in the period, per type and grid', () => {
		const one = household(w, w.grids[0], ['m', 'f', 'f']).people;
		const two = household(w, w.grids[1], ['m', 'f']).people;
		closedMeeting(w, 'reps_meeting', '2026-03-01', [...one, ...two], [one[0], one[1], two[0]]);
		closedMeeting(w, 'reps_meeting', '2026-03-31', [...one, ...two], [...one, ...two]);
		closedMeeting(w, 'party_assembly', '2026-03-15', one, []);
		// Outside the period on either side.
		closedMeeting(w, 'reps_meeting', '2026-02-28', one, one);
		closedMeeting(w, 'reps_meeting', '2026-04-01', one, []);
		const a = attendanceByType(w.db, march());
		expect(a.reps_meeting).toEqual({ meetings: 2, expected: 10, present: 8, ratePermille: 800 });
		expect(a.party_assembly).toEqual({ meetings: 1, expected: 3, present: 0, ratePermille: 0 });
		expect(a.villagers_meeting).toEqual({
			meetings: 0,
			expected: 0,
			present: 0,
			ratePermille: null
		});
		expect(attendanceByType(w.db, march(w.grids[1])).reps_meeting).toEqual({
			meetings: 2,
			expected: 4,
			present: 3,
			ratePermille: 750
		});
	});
});

describe('participation and women’s share', () => {
	it('counts distinct people: attendees, voters, proposers and requesters, with the women among them', () => {
		const [m1, f1, f2] = household(w, w.grids[0], ['m', 'f', 'f']).people;
		const [m2, f3] = household(w, w.grids[1], ['m', 'f']).people;
		closedMeeting(w, 'reps_meeting', '2026-03-05', [m1, f1, f2, m2, f3], [m1, f1, m2], [m1, f1]);
		// The same people again: each counts once.
		closedMeeting(w, 'reps_meeting', '2026-03-20', [m1, f1, f2], [m1, f1], [m1]);
		topic(w, { person: f2, submittedAt: '2026-03-02T02:00:00.000Z' });
		topic(w, { person: f2, submittedAt: '2026-03-03T02:00:00.000Z' });
		topic(w, { person: m2, submittedAt: '2026-03-03T02:00:00.000Z' });
		serviceCase(w, { person: f3, state: 'submitted', filedOn: '2026-03-09' });
		serviceCase(w, { person: f3, state: 'submitted', filedOn: '2026-04-09' });
		const p = participation(w.db, march());
		expect(p.attendees).toEqual({ total: 3, women: 1, womenPermille: 333 });
		expect(p.voters).toEqual({ total: 2, women: 1, womenPermille: 500 });
		expect(p.proposers).toEqual({ total: 2, women: 1, womenPermille: 500 });
		expect(p.requesters).toEqual({ total: 1, women: 1, womenPermille: 1000 });
		const second = participation(w.db, march(w.grids[1]));
		expect(second.attendees).toEqual({ total: 1, women: 0, womenPermille: 0 });
		expect(second.voters).toEqual({ total: 0, women: 0, womenPermille: null });
	});
});
