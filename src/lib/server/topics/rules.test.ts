import { describe, expect, it } from 'vitest';
import {
	ENDING_MOVES,
	TOPIC_STATES,
	TRANSITIONS,
	ART24_ITEMS,
	MATTER_LISTS,
	cosignThresholds,
	decidingBody,
	isItemOn,
	matterListOn,
	onFourPlusTwoTrack,
	trackingNumber,
	transition,
	type TopicAction,
	type TopicState
} from './rules';

describe('topic state machine', () => {
	// Every (state, action) pair: the table says exactly which succeed.
	const allowed: Record<string, TopicState> = {
		'draft/submit': 'submitted',
		'draft/withdraw': 'withdrawn',
		'submitted/withdraw': 'withdrawn',
		'submitted/route_consultation': 'consultation',
		'submitted/route_four_plus_two': 'four_plus_two',
		'submitted/route_direct': 'direct',
		'submitted/merge': 'merged',
		'submitted/reject': 'not_accepted',
		'direct/complete': 'completed',
		// Each track's end (issue 14): 4+2 archived, consultation feedback, coordination done.
		'four_plus_two/archive': 'completed',
		'consultation/publish_feedback': 'completed',
		'submitted/coordination_done': 'completed',
		'consultation/coordination_done': 'completed',
		'direct/coordination_done': 'completed',
		'consultation/submit_to_decision': 'four_plus_two',
		'four_plus_two/end_after_failed_vote': 'completed'
	};
	const cases = TOPIC_STATES.flatMap((from) =>
		(Object.keys(TRANSITIONS) as TopicAction[]).map(
			(action) => [from, action, allowed[`${from}/${action}`] ?? null] as const
		)
	);
	it.each(cases)('%s --%s--> %s', (from, action, to) => expect(transition(from, action)).toBe(to));

	it('has no way out of a terminal state', () => {
		for (const from of ['merged', 'not_accepted', 'withdrawn', 'completed'] as const) {
			for (const action of Object.keys(TRANSITIONS) as TopicAction[])
				expect(transition(from, action)).toBeNull();
		}
	});
});

describe('the end of each track', () => {
	// Every track the triage can choose has a move that ends it as 办结, recording how.
	it.each([
		['direct', 'complete', 'direct'],
		['four_plus_two', 'archive', 'archive'],
		['consultation', 'publish_feedback', 'feedback'],
		['direct', 'coordination_done', 'coordination']
	] as const)('%s ends by %s as %s', (from, move, end) => {
		expect(transition(from, move)).toBe('completed');
		expect(ENDING_MOVES[move]).toBe(end);
	});

	it.each([
		[{ state: 'four_plus_two', endKind: null }, true],
		[{ state: 'completed', endKind: 'archive' }, true],
		[{ state: 'completed', endKind: 'feedback' }, false],
		[{ state: 'consultation', endKind: null }, false]
	] as const)('%j is on the 4+2 track: %s', (t, on) => expect(onFourPlusTwoTrack(t)).toBe(on));
});

describe('cosignThresholds (以上 includes the number)', () => {
	it.each([
		// signers, rep signers, adults, reps → met [tenth of adults, third of reps, fifth of reps]
		[33, 0, 330, 20, [true, false, false]], // 10*33 = 330 ≥ 330
		[32, 0, 330, 20, [false, false, false]], // 320 < 330
		[34, 0, 331, 20, [true, false, false]],
		[33, 0, 331, 20, [false, false, false]],
		[7, 7, 330, 20, [false, true, true]], // 3*7 = 21 ≥ 20
		[6, 6, 330, 20, [false, false, true]], // 3*6 = 18 < 20; 5*6 = 30 ≥ 20
		[4, 4, 330, 20, [false, false, true]], // 5*4 = 20 ≥ 20
		[3, 3, 330, 20, [false, false, false]], // 15 < 20
		[0, 0, 0, 0, [false, false, false]] // nobody signed: no obligation, whatever the roster
	])('%i signers (%i reps), %i adults, %i reps → %j', (s, r, adults, reps, met) => {
		expect(cosignThresholds(s, r, adults, reps).map((t) => t.met)).toEqual(met);
	});

	it('reports both sides of each formula', () => {
		expect(cosignThresholds(33, 4, 330, 20)[0]).toEqual({
			obligation: 'villagers_meeting',
			rule: 'tenth_of_adults',
			left: 330,
			right: 330,
			met: true,
			count: 33,
			needed: 33
		});
	});

	// The plain words ("还需 N 人") read `needed`: it must be the exact line the rule draws.
	it.each([
		[330, 20],
		[331, 21],
		[9, 1],
		[0, 0],
		[24, 24]
	])(
		'with %i adults and %i reps, needed is the fewest signers that meet each rule',
		(adults, reps) => {
			for (const i of [0, 1, 2]) {
				const needed = cosignThresholds(0, 0, adults, reps)[i].needed;
				const at = (n: number) => cosignThresholds(n, n, adults, reps)[i].met;
				expect(at(needed)).toBe(true);
				expect(needed === 1 || !at(needed - 1)).toBe(true);
			}
		}
	);
});

describe('trackingNumber', () => {
	it.each([
		['XY', 2026, 7, 'XY-2026-0007'],
		['XY', 2026, 1234, 'XY-2026-1234'],
		['DS', 2027, 10000, 'DS-2027-10000']
	])('%s %i %i → %s', (code, year, seq, expected) =>
		expect(trackingNumber(code, year, seq)).toBe(expected)
	);
});

describe('the list of major matters by date', () => {
	it.each([
		['2018-12-29', 'cn-2018', 24],
		['2025-12-31', 'cn-2018', 24],
		['2026-01-01', 'cn-2026', 28],
		['2030-06-01', 'cn-2026', 28]
	] as const)('on %s the %s list cites art. %i', (date, id, article) => {
		expect(matterListOn(date)).toMatchObject({ id, article });
	});

	it.each([
		['land_contracting', '2025-12-31', true],
		['land_contracting', '2026-01-01', true],
		['village_planning', '2025-12-31', false],
		['village_planning', '2026-01-01', true],
		['assistance', '2026-01-01', true],
		['not_an_item', '2026-01-01', false]
	] as const)('%s is on the list of %s: %s', (item, date, on) => {
		expect(isItemOn(item, date)).toBe(on);
	});

	it.each([
		[[], '2026-01-01', null],
		[['homestead'], '2025-12-31', 'villagers'],
		[['homestead'], '2026-01-01', 'collective'],
		[['homestead', 'property_disposal'], '2026-01-01', 'collective'],
		[['public_welfare', 'collective_income'], '2026-01-01', 'villagers'],
		[['homestead', 'public_welfare'], '2026-01-01', 'mixed'],
		[['homestead', 'public_welfare'], '2025-12-31', 'villagers']
	] as const)('%j on %s is decided by %s', (items, date, body) => {
		expect(decidingBody(items, date)).toBe(body);
	});

	it('every item of every list keeps a stored code, and the 2026 list moved exactly five', () => {
		for (const list of MATTER_LISTS)
			for (const item of [...list.items, ...list.collectiveItems])
				expect(ART24_ITEMS).toContain(item);
		const [old, now] = MATTER_LISTS;
		expect([...now.collectiveItems].sort()).toEqual(
			old.items.filter((i) => !now.items.includes(i)).sort()
		);
		expect(now.collectiveItems).toHaveLength(5);
	});
});
