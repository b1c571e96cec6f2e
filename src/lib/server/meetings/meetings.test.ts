import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { peopleCountingOn } from '../roster/counts';
import { AGENDA_MATERIALS_MAX, addAgendaItem, addGuest, createMeeting } from './calling';
import { castBallot } from '../votes/ballots';
import { closeMotion } from '../procedure/closing';
import { openMotion } from '../procedure/opening';
import { markLeft, signIn } from './attendance';
import { notifyMeeting, openMeeting } from './notice';
import { liveState, meetingView } from './view';
import { MEETING_DAY, NOTICE, at, meetingTestKit } from '../votes/test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { village, actorByPhone, clerk, voter, heldMeeting, signInAll } = meetingTestKit(() => db);

describe("representatives' meeting: 20 reps + 5 committee = 25 expected", () => {
	it('freezes 25 voting members at notice, and the supervision body without a vote', () => {
		const m = heldMeeting('reps_meeting', 'named');
		// 2026 art. 37: the supervision body's three members attend (列席) the reps' meeting.
		expect(m.expected).toBe(28);
		expect(m.voters).toHaveLength(25);
	});

	it.each([
		{ present: 16, opens: false, formula: '3 × 16 ≥ 2 × 25' },
		{ present: 17, opens: true, formula: '3 × 17 ≥ 2 × 25' }
	])('$present present: motion opens = $opens', ({ present, opens, formula }) => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, present));
		const r = openMotion(db, m.c, m.v, m.motionId);
		expect(r.ok).toBe(opens);
		if (r.ok) expect(r.quorum.formula).toBe(formula);
		else if (r.reason === 'no_quorum') expect(r.quorum.formula).toBe(formula);
		else throw new Error(r.reason);
	});

	it.each([
		{ yes: 9, passed: true }, // 2 × 9 > 17
		{ yes: 8, passed: false } // 2 × 8 > 17 fails
	])('17 present, $yes yes: passed = $passed (2 × yes > present)', ({ yes, passed }) => {
		const m = heldMeeting('reps_meeting', 'named');
		const present = m.voters.slice(0, 17);
		signInAll(m, present);
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		present.forEach((p, i) =>
			expect(castBallot(db, voter(p), m.v, m.motionId, i < yes ? 'yes' : 'no')).toEqual({
				ok: true
			})
		);
		const closed = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
		if (!closed.ok) throw new Error(closed.reason);
		expect(closed.motion.result).toBe(passed ? 'passed' : 'failed');
		expect(closed.motion.passEvaluation?.formula).toBe(`2 × ${yes} > 17`);
	});

	it('someone who left early is no longer present', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		expect(markLeft(db, m.c, m.v, m.meetingId, m.voters[0]).ok).toBe(true);
		expect(openMotion(db, m.c, m.v, m.motionId)).toMatchObject({ ok: false, reason: 'no_quorum' });
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toMatchObject({
			reason: 'not_open'
		});
	});
});

describe('party assembly', () => {
	it('probationary members sign in, but their ballot is refused', () => {
		const m = heldMeeting('party_assembly', 'named');
		const probationary = peopleCountingOn(db, m.v, MEETING_DAY, 'party_probationary');
		expect(probationary.length).toBe(2);
		expect(m.nonVoters).toEqual(probationary);
		signInAll(m, [...m.voters, ...probationary]);
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		for (const p of probationary)
			expect(castBallot(db, voter(p), m.v, m.motionId, 'yes')).toEqual({
				ok: false,
				reason: 'not_a_voter'
			});
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({ ok: true });
	});

	it('a person not on the roster cannot sign in', () => {
		const m = heldMeeting('party_assembly', 'named');
		const outsider = (
			db
				.prepare(
					'select id from people where village_id = ? and id not in (select person_id from meeting_roster where meeting_id = ?) limit 1'
				)
				.get(m.v, m.meetingId) as { id: number }
		).id;
		expect(signIn(db, m.c, m.v, m.meetingId, outsider)).toEqual({
			ok: false,
			reason: 'not_on_roster'
		});
	});
});

describe('notice periods', () => {
	it.each([
		{ days: 10, ok: false },
		{ days: 11, ok: true }
	])("villagers' meeting opened $days days after notice: ok = $ok", ({ days, ok }) => {
		const v = village();
		const c = clerk();
		const open = new Date(Date.parse(`${NOTICE}T02:00:00Z`) + days * 86_400_000);
		const m = createMeeting(db, c, v, {
			type: 'villagers_meeting',
			title: '村规民约修订',
			meetingDate: '2026-11-13'
		});
		if (!m.ok) throw new Error(m.reason);
		expect(addAgendaItem(db, c, v, m.meeting.id, { title: '修订' }).ok).toBe(true);
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) }).ok).toBe(true);
		const r = openMeeting(db, c, v, m.meeting.id, { now: open });
		expect(r).toEqual(
			ok
				? expect.objectContaining({ ok: true })
				: { ok: false, reason: 'too_early', earliest: '2026-11-13' }
		);
	});

	it('a meeting date inside the notice period cannot be notified', () => {
		const v = village();
		const c = clerk();
		const m = createMeeting(db, c, v, {
			type: 'villagers_meeting',
			title: '村规民约',
			meetingDate: '2026-11-12'
		});
		if (!m.ok) throw new Error(m.reason);
		addAgendaItem(db, c, v, m.meeting.id, { title: '修订' });
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) })).toEqual({
			ok: false,
			reason: 'too_late',
			earliest: '2026-11-13'
		});
	});

	it('urgent coordination opens on the notice day; named attendees, guests never vote', () => {
		const v = village();
		const c = clerk();
		const m = createMeeting(db, c, v, {
			type: 'urgent_coordination',
			title: '抢修水管',
			meetingDate: NOTICE
		});
		if (!m.ok) throw new Error(m.reason);
		addAgendaItem(db, c, v, m.meeting.id, { title: '水管' });
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) })).toEqual({
			ok: false,
			reason: 'attendees_required'
		});
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE), attendees: [1, 10] }).ok).toBe(
			true
		);
		expect(openMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) }).ok).toBe(true);
		expect(
			addGuest(db, c, v, m.meeting.id, { kind: 'township', name: '王镇长', position: '副镇长' }).ok
		).toBe(true);
	});

	it('only staff create meetings', () => {
		expect(
			createMeeting(db, actorByPhone('13800000003'), village(), {
				type: 'reps_meeting',
				title: 'x',
				meetingDate: MEETING_DAY
			})
		).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses a place over 100 characters instead of storing it cut short', () => {
		const meetings = () => db.prepare('select count(*) as n from meetings').get();
		const before = meetings();
		const input = { type: 'reps_meeting', title: '地点太长', meetingDate: MEETING_DAY } as const;
		const clerk = actorByPhone('13800000001');
		expect(createMeeting(db, clerk, village(), { ...input, place: '村'.repeat(101) })).toEqual({
			ok: false,
			reason: 'bad_place'
		});
		expect(meetings()).toEqual(before);
		const ok = createMeeting(db, clerk, village(), { ...input, place: '村'.repeat(100) });
		expect(ok.ok && ok.meeting.place).toBe('村'.repeat(100));
	});

	it('refuses agenda materials over the limit instead of storing them cut short', () => {
		const clerk = actorByPhone('13800000001');
		const created = createMeeting(db, clerk, village(), {
			type: 'reps_meeting',
			title: '材料太长',
			meetingDate: MEETING_DAY
		});
		if (!created.ok) throw new Error('meeting not created');
		const add = (materials: string) =>
			addAgendaItem(db, clerk, village(), created.meeting.id, { title: '议程', materials });
		expect(add('料'.repeat(AGENDA_MATERIALS_MAX + 1))).toEqual({
			ok: false,
			reason: 'bad_materials'
		});
		expect(add('料'.repeat(AGENDA_MATERIALS_MAX)).ok).toBe(true);
	});
});

describe('what the pages read (view.ts)', () => {
	it("hides a secret ballot's counts until the close, then shows counts and turnout, never choices", () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 18));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes');
		castBallot(db, voter(m.voters[1]), m.v, m.motionId, 'no');
		const open = meetingView(db, m.v, m.meetingId)!.agenda[0].motions[0];
		expect(open).toMatchObject({ state: 'open', tally: null, ballotsCast: 2, turnout: null });
		expect(liveState(db, m.v, m.meetingId)!.motions[0].tally).toBeNull();
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmed: true }).ok).toBe(true);
		const closed = meetingView(db, m.v, m.meetingId)!.agenda[0].motions[0];
		expect(closed).toMatchObject({
			state: 'closed',
			result: 'failed',
			tally: { yes: 1, no: 1, abstain: 0 },
			namedChoices: null,
			fewBallotsConfirmedBy: '王丽'
		});
		expect(closed.turnout!.map((t) => t.personId).sort()).toEqual(
			[m.voters[0], m.voters[1]].sort()
		);
		expect(JSON.stringify(closed.turnout)).not.toMatch(/yes|"no"|abstain/);
	});

	it('counts a named vote live for the console, and shows who chose what after the close', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		openMotion(db, m.c, m.v, m.motionId);
		for (const p of m.voters.slice(0, 9)) castBallot(db, voter(p), m.v, m.motionId, 'yes');
		const view = meetingView(db, m.v, m.meetingId)!;
		expect(view.agenda[0].motions[0].tally).toEqual({ yes: 9, no: 0, abstain: 0 });
		// 17 of 25 present: 3 × 17 ≥ 2 × 25; 68.0% shown, never used to decide.
		expect(view.attendance).toMatchObject({
			expected: 28,
			expectedVoting: 25,
			present: 17,
			ratioPermille: 680,
			quorum: { met: true, formula: '3 × 17 ≥ 2 × 25' }
		});
		closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
		const closed = meetingView(db, m.v, m.meetingId)!.agenda[0].motions[0];
		expect(closed.result).toBe('passed');
		expect(closed.passEvaluation?.formula).toBe('2 × 9 > 17');
		expect(closed.namedChoices).toHaveLength(9);
		expect(closed.namedChoices!.every((c) => c.choice === 'yes')).toBe(true);
	});

	it("reads another village's meeting as missing", () => {
		const m = heldMeeting('reps_meeting', 'hands');
		expect(meetingView(db, m.v + 1000, m.meetingId)).toBeNull();
		expect(liveState(db, m.v + 1000, m.meetingId)).toBeNull();
	});
});
