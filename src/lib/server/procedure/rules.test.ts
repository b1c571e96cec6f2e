import { describe, expect, it } from 'vitest';
import {
	afterFailedVote,
	archive,
	positionOf,
	meetingMayCarry,
	stepByMotion,
	stepByPublication,
	type MatterFacts,
	type MotionFacts,
	type Position,
	type ProcedureEvent,
	type Step
} from './rules';
import type { MeetingType } from '../votes/rules';

const at = (step: Step, done: Step[] = [1, 2, 3, 4, 5, 6].filter((s) => s < step) as Step[]) =>
	({ kind: 'at', step, done }) as Position;
const passed = (meetingType: MeetingType, over: Partial<MotionFacts> = {}): MotionFacts => ({
	sameTopic: true,
	meetingType,
	meetingClosed: true,
	result: 'passed',
	meetingDate: '2026-06-20',
	...over
});
const matter = (over: Partial<MatterFacts> = {}): MatterFacts => ({
	oneShoulder: false,
	category: 'development',
	repsAuthorized: true,
	collectiveMatter: false,
	lastMeetingDate: null,
	...over
});

describe('the order of the dates', () => {
	// The step before was held on 2026-06-03; meetings carry a date, not an hour.
	it.each<[string, string | null, string | null]>([
		['2026-06-02', '2026-06-03', 'before_previous_step'],
		['2025-12-31', '2026-06-03', 'before_previous_step'],
		['2026-06-03', '2026-06-03', null],
		['2026-06-04', '2026-06-03', null],
		['2020-01-01', null, null]
	])('a meeting on %s after one on %s → %s', (meetingDate, lastMeetingDate, reason) => {
		const r = stepByMotion(
			at(3),
			passed('party_assembly', { meetingDate }),
			matter({ lastMeetingDate })
		);
		if (reason) expect(r).toEqual({ ok: false, reason, step: 3 });
		else expect(r.ok).toBe(true);
	});
});

describe('meetingMayCarry: whether a vote on the matter may open in this meeting', () => {
	const meeting = (meetingType: MeetingType, meetingDate = '2026-06-20') => ({
		meetingType,
		meetingDate
	});
	it.each<[string, Position, ReturnType<typeof meeting>, MatterFacts, object]>([
		[
			'step 1 in the branch committee',
			at(1),
			meeting('branch_committee'),
			matter(),
			{ ok: true, steps: [1] }
		],
		[
			'step 1 in a joint meeting, 一肩挑',
			at(1),
			meeting('two_committees'),
			matter({ oneShoulder: true }),
			{ ok: true, steps: [1, 2] }
		],
		[
			'step 1 in a joint meeting, no 一肩挑',
			at(1),
			meeting('two_committees'),
			matter(),
			{ ok: false, reason: 'wrong_meeting', step: 1, expected: ['branch_committee'] }
		],
		[
			'step 1 skipped to the party assembly',
			at(1),
			meeting('party_assembly'),
			matter({ oneShoulder: true }),
			{ ok: false, reason: 'wrong_meeting', step: 1 }
		],
		[
			'step 3 in the party assembly',
			at(3),
			meeting('party_assembly'),
			matter(),
			{ ok: true, steps: [3] }
		],
		[
			"step 3 in the villagers' meeting",
			at(3),
			meeting('villagers_meeting'),
			matter(),
			{ ok: false, reason: 'wrong_meeting', step: 3 }
		],
		[
			'step 4 in a group meeting',
			at(4),
			meeting('group_meeting'),
			matter(),
			{ ok: false, reason: 'wrong_meeting', step: 4 }
		],
		[
			"step 4 in a collective members' meeting",
			at(4),
			meeting('collective_members'),
			matter(),
			{ ok: false, reason: 'wrong_meeting', step: 4 }
		],
		[
			"step 4 in the villagers' meeting",
			at(4),
			meeting('villagers_meeting'),
			matter({ repsAuthorized: false }),
			{ ok: true, steps: [4] }
		],
		[
			'step 4 in an authorised reps meeting',
			at(4),
			meeting('reps_meeting'),
			matter(),
			{ ok: true, steps: [4] }
		],
		[
			'step 4 in an unauthorised reps meeting',
			at(4),
			meeting('reps_meeting'),
			matter({ repsAuthorized: false }),
			{ ok: false, reason: 'reps_not_authorized', step: 4 }
		],
		[
			'village rules in an authorised reps meeting',
			at(4),
			meeting('reps_meeting'),
			matter({ category: 'village_rules' }),
			{ ok: false, reason: 'needs_villagers_meeting', step: 4 }
		],
		[
			"village rules in the villagers' meeting",
			at(4),
			meeting('villagers_meeting'),
			matter({ category: 'village_rules' }),
			{ ok: true, steps: [4] }
		],
		[
			'a party assembly dated before the committees',
			at(3),
			meeting('party_assembly', '2026-05-19'),
			matter({ lastMeetingDate: '2026-05-20' }),
			{ ok: false, reason: 'before_previous_step', step: 3 }
		],
		[
			'step 5, published, not voted',
			at(5),
			meeting('villagers_meeting'),
			matter(),
			{ ok: false, reason: 'not_a_meeting_step', step: 5 }
		],
		[
			'an ended matter',
			{ kind: 'ended', done: [1, 2] },
			meeting('party_assembly'),
			matter(),
			{ ok: false, reason: 'ended' }
		],
		[
			'an archived matter',
			{ kind: 'archived', done: [1, 2, 3, 4, 5, 6] },
			meeting('villagers_meeting'),
			matter(),
			{ ok: false, reason: 'archived' }
		]
	])('%s', (_, position, m, facts, want) => {
		expect(meetingMayCarry(position, m, facts)).toMatchObject(want);
	});
});

describe('positionOf', () => {
	it.each<[ProcedureEvent[], Position]>([
		[[], at(1, [])],
		[[{ kind: 'steps', steps: [1] }], at(2)],
		[[{ kind: 'steps', steps: [1, 2] }], at(3)],
		[
			[{ kind: 'steps', steps: [1, 2] }, { kind: 'steps', steps: [3] }, { kind: 'sent_back' }],
			at(2, [1])
		],
		[[{ kind: 'steps', steps: [1, 2] }, { kind: 'ended' }], { kind: 'ended', done: [1, 2] }],
		[
			[1, 2, 3, 4, 5, 6].map((s) => ({ kind: 'steps', steps: [s as Step] })),
			{ kind: 'complete', done: [1, 2, 3, 4, 5, 6] }
		],
		[
			[
				...[1, 2, 3, 4, 5, 6].map((s) => ({ kind: 'steps', steps: [s as Step] }) as ProcedureEvent),
				{ kind: 'archived' }
			],
			{ kind: 'archived', done: [1, 2, 3, 4, 5, 6] }
		]
	])('%j → %j', (events, position) => {
		expect(positionOf(events)).toEqual(position);
	});
});

describe('stepByMotion: every meeting step, every meeting type', () => {
	const types: MeetingType[] = [
		'branch_committee',
		'two_committees',
		'party_assembly',
		'reps_meeting',
		'villagers_meeting',
		'group_meeting',
		'consultation',
		'urgent_coordination',
		'collective_members'
	];
	// [step, meeting type, one shoulder] → the steps it satisfies, or the refusal
	const allowed: Record<string, Step[]> = {
		'1:branch_committee': [1],
		'1:two_committees:one_shoulder': [1, 2],
		'2:two_committees': [2],
		'3:party_assembly': [3],
		'4:villagers_meeting': [4],
		'4:reps_meeting': [4]
	};
	const cases: [Step, MeetingType, boolean][] = [];
	for (const step of [1, 2, 3, 4] as Step[])
		for (const t of types) for (const one of [false, true]) cases.push([step, t, one]);
	it.each(cases)('step %i by a %s (一肩挑 %s)', (step, type, oneShoulder) => {
		const r = stepByMotion(at(step), passed(type), matter({ oneShoulder }));
		const want =
			allowed[`${step}:${type}${oneShoulder && step === 1 ? ':one_shoulder' : ''}`] ??
			allowed[`${step}:${type}`];
		if (want) expect(r).toEqual({ ok: true, event: { kind: 'steps', steps: want } });
		else expect(r).toMatchObject({ ok: false, reason: 'wrong_meeting', step });
	});

	it.each<[string, MotionFacts, MatterFacts, string]>([
		[
			'a motion on another topic',
			passed('party_assembly', { sameTopic: false }),
			matter(),
			'other_topic'
		],
		[
			'a meeting still open',
			passed('party_assembly', { meetingClosed: false }),
			matter(),
			'meeting_not_closed'
		],
		[
			'a failed vote',
			passed('party_assembly', { result: 'failed' }),
			matter(),
			'motion_not_passed'
		],
		[
			'a vote without quorum',
			passed('party_assembly', { result: 'no_quorum' }),
			matter(),
			'motion_not_passed'
		],
		[
			'a motion never closed',
			passed('party_assembly', { result: null }),
			matter(),
			'motion_not_passed'
		]
	])('step 3 refuses %s', (_, motion, facts, reason) => {
		expect(stepByMotion(at(3), motion, facts)).toMatchObject({ ok: false, reason, step: 3 });
	});

	it.each<[MatterFacts, MeetingType, string | null]>([
		[matter({ repsAuthorized: false }), 'reps_meeting', 'reps_not_authorized'],
		[matter({ category: 'village_rules' }), 'reps_meeting', 'needs_villagers_meeting'],
		[matter({ category: 'village_rules', repsAuthorized: false }), 'villagers_meeting', null],
		[matter({ repsAuthorized: false }), 'villagers_meeting', null],
		// 组织法 2026 第二十八条: the collective economy's matters are its members' meeting's alone.
		[matter({ collectiveMatter: true }), 'villagers_meeting', 'wrong_meeting'],
		[matter({ collectiveMatter: true }), 'reps_meeting', 'wrong_meeting'],
		[matter({ collectiveMatter: true }), 'collective_members', null],
		[matter(), 'collective_members', 'wrong_meeting']
	])('step 4: %j by a %s → %s', (facts, type, reason) => {
		const r = stepByMotion(at(4), passed(type), facts);
		if (reason) expect(r).toMatchObject({ ok: false, reason });
		else expect(r.ok).toBe(true);
	});

	it.each<[Position, string]>([
		[at(5), 'not_a_meeting_step'],
		[at(6), 'not_a_meeting_step'],
		[{ kind: 'ended', done: [1, 2] }, 'ended'],
		[{ kind: 'complete', done: [1, 2, 3, 4, 5, 6] }, 'complete'],
		[{ kind: 'archived', done: [1, 2, 3, 4, 5, 6] }, 'archived']
	])('no motion moves a matter %j', (p, reason) => {
		expect(stepByMotion(p, passed('villagers_meeting'), matter())).toMatchObject({
			ok: false,
			reason
		});
	});

	it('never skips: a passed decision on a matter at step 2 is refused', () => {
		expect(stepByMotion(at(2), passed('villagers_meeting'), matter())).toMatchObject({
			ok: false,
			reason: 'wrong_meeting',
			expected: ['two_committees']
		});
	});
});

describe('afterFailedVote', () => {
	it.each<[Position, MotionFacts, 'send_back' | 'end', object]>([
		[
			at(3),
			passed('party_assembly', { result: 'failed' }),
			'send_back',
			{ ok: true, event: { kind: 'sent_back' } }
		],
		[
			at(3),
			passed('party_assembly', { result: 'no_quorum' }),
			'end',
			{ ok: true, event: { kind: 'ended' } }
		],
		[
			at(4),
			passed('reps_meeting', { result: 'failed' }),
			'end',
			{ ok: true, event: { kind: 'ended' } }
		],
		[at(4), passed('reps_meeting'), 'send_back', { ok: false, reason: 'motion_passed' }],
		[
			at(2),
			passed('two_committees', { result: 'failed' }),
			'send_back',
			{ ok: false, reason: 'not_a_review_step' }
		],
		[
			at(3),
			passed('reps_meeting', { result: 'failed' }),
			'send_back',
			{ ok: false, reason: 'wrong_meeting' }
		],
		[
			at(3),
			passed('party_assembly', { result: 'failed', sameTopic: false }),
			'end',
			{ ok: false, reason: 'other_topic' }
		],
		[
			at(3),
			passed('party_assembly', { result: 'failed', meetingClosed: false }),
			'end',
			{ ok: false, reason: 'meeting_not_closed' }
		],
		[
			{ kind: 'ended', done: [1, 2] },
			passed('party_assembly', { result: 'failed' }),
			'end',
			{ ok: false, reason: 'ended' }
		]
	])('at %j after %j, %s → %j', (p, motion, choice, want) => {
		expect(afterFailedVote(p, motion, choice)).toMatchObject(want);
	});

	it('sending back from step 4 means steps 2–4 are done again', () => {
		const events: ProcedureEvent[] = [
			{ kind: 'steps', steps: [1] },
			{ kind: 'steps', steps: [2] },
			{ kind: 'steps', steps: [3] }
		];
		const r = afterFailedVote(
			positionOf(events),
			passed('villagers_meeting', { result: 'failed' }),
			'send_back'
		);
		if (!r.ok) throw new Error(r.reason);
		expect(positionOf([...events, r.event])).toEqual(at(2, [1]));
	});
});

describe('publication steps and archiving', () => {
	it.each<[Position, 'resolution_published' | 'result_disclosed', boolean]>([
		[at(5), 'resolution_published', true],
		[at(5), 'result_disclosed', false],
		[at(6), 'result_disclosed', true],
		[at(6), 'resolution_published', false],
		[at(4), 'resolution_published', false],
		[at(3), 'result_disclosed', false]
	])('at %j, %s → %s', (p, what, ok) => {
		expect(stepByPublication(p, what).ok).toBe(ok);
	});

	it.each<[Position, boolean]>([
		[{ kind: 'complete', done: [1, 2, 3, 4, 5, 6] }, true],
		[at(6), false],
		[{ kind: 'ended', done: [1, 2] }, false],
		[{ kind: 'archived', done: [1, 2, 3, 4, 5, 6] }, false]
	])('archive at %j → %s', (p, ok) => {
		expect(archive(p).ok).toBe(ok);
	});
});
