import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, household, type World } from './test-world';
import { visitCoverage } from './visits';
import { mergeSettings } from '../villages/settings';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

function contact(h: number, member: number, start: string, end: string | null = null) {
	w.db
		.prepare(
			`insert into household_contacts (village_id, household_id, person_id, start_date, end_date, assigned_by_user_id)
			 values (?, ?, ?, ?, ?, ?)`
		)
		.run(w.village, h, member, start, end, w.user);
}
function visit(h: number, member: number, on: string) {
	w.db
		.prepare(
			`insert into household_visits (village_id, household_id, person_id, visited_on, means, recorded_by_user_id, recorded_at)
			 values (?, ?, ?, ?, 'in_person', ?, ?)`
		)
		.run(w.village, h, member, on, w.user, `${on}T02:00:00.000Z`);
}

const march = (gridId: number | null = null) => ({
	villageId: w.village,
	from: '2026-03-01',
	to: '2026-03-31',
	gridId
});

describe('visit coverage', () => {
	it('counts households with a contact on the last day, visited in the period, and within the cadence', () => {
		const member = household(w, w.grids[0]);
		const pm = member.people[0];
		const a = household(w, w.grids[0]).household;
		const b = household(w, w.grids[0]).household;
		const c = household(w, w.grids[1]).household;
		contact(a, pm, '2026-01-01');
		contact(b, pm, '2026-01-01');
		// Ended before the period's last day: no contact any more.
		contact(c, pm, '2026-01-01', '2026-03-30');
		visit(a, pm, '2026-03-25'); // within 7 days of 31 March (after the 24th)
		visit(b, pm, '2026-03-24'); // visited in March but exactly 7 days before: overdue by then
		visit(c, pm, '2026-02-28'); // before the period
		const v = visitCoverage(w.db, march());
		expect(v).toEqual({
			cadenceDays: 7,
			households: 4,
			withContact: 2,
			visitedInPeriod: 2,
			withinCadence: 1,
			contactPermille: 500,
			visitedPermille: 500,
			withinCadencePermille: 250
		});
		expect(visitCoverage(w.db, march(w.grids[1]))).toMatchObject({
			households: 1,
			withContact: 0,
			visitedInPeriod: 0
		});
	});

	it('follows the village’s cadence setting, and shows — for a village with no households', () => {
		expect(visitCoverage(w.db, march()).contactPermille).toBeNull();
		mergeSettings(w.db, w.village, { visitCadenceDays: 14 });
		const pm = household(w, w.grids[0]).people[0];
		const h = household(w, w.grids[0]).household;
		visit(h, pm, '2026-03-20');
		expect(visitCoverage(w.db, march())).toMatchObject({ cadenceDays: 14, withinCadence: 1 });
	});

	it('leaves out households with no one living there on the last day', () => {
		const h = household(w, w.grids[0]);
		w.db
			.prepare("update people set status = 'moved_out', status_date = '2026-03-10' where id = ?")
			.run(h.people[0]);
		expect(visitCoverage(w.db, march()).households).toBe(0);
		expect(visitCoverage(w.db, { ...march(), to: '2026-03-09' }).households).toBe(1);
	});
});
