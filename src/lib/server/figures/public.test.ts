import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import PublicFigures from '$lib/components/figures/PublicFigures.svelte';
import { buildWorld, household, serviceCase, topic, type World } from './test-world';
import { publicFigures, SMALL_BASE, twelveMonthsFrom } from './public';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

const CLOSED = { state: 'closed', steps: ['dispatched', 'accepted', 'completed', 'rated'] };

describe('the public subset', () => {
	it.each([
		['2026-12-06', '2026-01-01'],
		['2026-01-31', '2025-02-01'],
		['2026-11-01', '2025-12-01']
	])('twelve months up to %s start on %s', (today, from) => {
		expect(twelveMonthsFrom(today)).toBe(from);
	});

	it('shows counts every month but withholds a rate over fewer than five cases', () => {
		const [p] = household(w, w.grids[0]).people;
		// November: four rated cases, one unsatisfied: too few to publish the rates.
		for (const rating of ['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'])
			serviceCase(w, { person: p, filedOn: '2026-11-03', rating, ...CLOSED });
		// October: five, all rated.
		for (const rating of [
			'satisfied',
			'satisfied',
			'satisfied',
			'basically_satisfied',
			'unsatisfied'
		])
			serviceCase(w, { person: p, filedOn: '2026-10-03', rating, ...CLOSED });
		const f = publicFigures(w.db, w.village, '2026-11-20');
		expect(f.months).toHaveLength(12);
		expect(f.months.find((m) => m.month === '2026-11')).toEqual({
			month: '2026-11',
			filed: 4,
			completed: 4,
			completionPermille: null,
			completionSuppressed: true,
			satisfactionPermille: null,
			satisfactionSuppressed: true
		});
		expect(f.months.find((m) => m.month === '2026-10')).toMatchObject({
			filed: SMALL_BASE,
			completionPermille: 1000,
			satisfactionPermille: 800,
			satisfactionSuppressed: false
		});
		// An empty month is not "suppressed": there is nothing to hide.
		expect(f.months[0]).toMatchObject({ month: '2025-12', filed: 0, completionSuppressed: false });
	});

	it('renders no name of a villager and no title of a case or topic', () => {
		const { people } = household(w, w.grids[0], ['f', 'm']);
		w.db.prepare("update people set name = '欧阳秀梅' where id = ?").run(people[0]);
		w.db.prepare("update people set name = '司马建国' where id = ?").run(people[1]);
		for (let i = 0; i < 6; i++)
			serviceCase(w, {
				person: people[i % 2],
				filedOn: '2026-11-03',
				rating: 'satisfied',
				title: `低保复核材料${i}`,
				...CLOSED
			});
		const t = topic(w, {
			person: people[0],
			submittedAt: '2026-11-02T02:00:00.000Z',
			state: 'four_plus_two'
		});
		w.db.prepare("update topics set title = '修建欧阳家门前便桥' where id = ?").run(t);
		const figures = publicFigures(w.db, w.village, '2026-11-20');
		// Svelte marks its blocks with comments and scopes styles with classes: drop both to read the text.
		const body = render(PublicFigures, { props: { figures } })
			.body.replace(/<!--.*?-->/g, '')
			.replace(/ class="[^"]*"/g, '');
		for (const secret of ['欧阳秀梅', '司马建国', '低保复核', '便桥', '欧阳'])
			expect(body).not.toContain(secret);
		// What it does show: the month's six cases, all completed and rated, and the one matter.
		expect(body).toContain(
			'<th scope="row">2026-11</th><td>6</td><td>6</td><td>100.0%</td><td>100.0%</td>'
		);
		expect(figures.matters.step_1).toBe(1);
		expect(body.match(/<svg/g)).toHaveLength(2);
	});
});
