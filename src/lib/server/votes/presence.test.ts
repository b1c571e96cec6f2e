// Presence is fixed when a motion's vote is taken (issue 14 item 4): a departure afterwards changes
// neither the count the tally is checked against nor the quorum and pass arithmetic at close.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { markLeft, signIn } from '../meetings/attendance';
import { getMotion } from '../meetings/records';
import { closeMotion } from '../procedure/closing';
import { castBallot, recordHands, recordRollCall } from './ballots';
import { openMotion } from '../procedure/opening';
import { meetingTestKit } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { heldMeeting, signInAll, voter } = meetingTestKit(() => db);

describe('presence at the vote', () => {
	// The issue's 8/6/2 of 16 cannot open a reps' meeting of 25 (3 × 16 < 2 × 25); 9/6/2 of 18 is
	// the same defect with the quorum met: 2 × yes equals those present, one short of passing, and
	// one hand not raised, so the tally still fits the smaller count after the departure.
	it('a failed 9/6/2 show of hands stays failed when someone leaves before the close', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(recordHands(db, m.c, m.v, m.motionId, { yes: 9, no: 6, abstain: 2 }).ok).toBe(true);
		expect(markLeft(db, m.c, m.v, m.meetingId, m.voters[0]).ok).toBe(true);
		const r = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
		if (!r.ok) throw new Error(r.reason);
		expect(r.motion.result).toBe('failed');
		expect(r.motion.passEvaluation).toMatchObject({ formula: '2 × 9 > 18' });
	});

	it('a departure after a complete count closes cleanly with the same result', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		openMotion(db, m.c, m.v, m.motionId);
		expect(recordHands(db, m.c, m.v, m.motionId, { no: 0, abstain: 0, othersYes: true })).toEqual({
			ok: true,
			tally: { yes: 18, no: 0, abstain: 0 }
		});
		expect(markLeft(db, m.c, m.v, m.meetingId, m.voters[0]).ok).toBe(true);
		const r = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
		if (!r.ok) throw new Error(r.reason);
		expect(getMotion(db, m.v, m.motionId)).toMatchObject({
			result: 'passed',
			tally: { yes: 18, no: 0, abstain: 0 }
		});
	});

	it('online: a late arrival joins until the first ballot; after it, presence is fixed and audited', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		const [early, late, later] = m.voters.slice(17, 20);
		signInAll(m, [early]);
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({ ok: true });
		signInAll(m, [late]);
		expect(castBallot(db, voter(early), m.v, m.motionId, 'no')).toEqual({ ok: true });
		expect(castBallot(db, voter(late), m.v, m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'not_present_at_vote'
		});
		expect(castBallot(db, voter(later), m.v, m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'not_signed_in'
		});
		const fixed = db
			.prepare("select after from audit where action = 'motion.presence_fixed' and subject_id = ?")
			.pluck()
			.all(String(m.motionId)) as string[];
		expect(fixed).toHaveLength(1);
		expect((JSON.parse(fixed[0]) as { present: number[] }).present).toHaveLength(18);
		// The database refuses a ballot from outside the presence too, whatever the code does.
		expect(() =>
			db.prepare("insert into ballot_receipts values (?, ?, 'online')").run(m.motionId, late)
		).toThrow(/not present/);
	});

	it.each([
		{
			method: 'named' as const,
			leaves: 'after their ballot',
			result: 'passed',
			formula: '2 × 10 > 18'
		},
		{
			method: 'roll_call' as const,
			leaves: 'after the roll call',
			result: 'passed',
			formula: '2 × 10 > 18'
		}
	])('$method: a departure $leaves keeps the base of 18', ({ method, result, formula }) => {
		const m = heldMeeting('reps_meeting', method);
		const present = m.voters.slice(0, 18);
		signInAll(m, present);
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		const ballots = present.map((p, i) => ({
			personId: p,
			choice: i < 10 ? ('yes' as const) : ('no' as const)
		}));
		if (method === 'named')
			for (const b of ballots)
				expect(castBallot(db, voter(b.personId), m.v, m.motionId, b.choice)).toEqual({ ok: true });
		else expect(recordRollCall(db, m.c, m.v, m.motionId, ballots)).toMatchObject({ ok: true });
		for (const p of present.slice(0, 4))
			expect(markLeft(db, m.c, m.v, m.meetingId, p).ok).toBe(true);
		const r = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
		if (!r.ok) throw new Error(r.reason);
		expect(r.motion.result).toBe(result);
		expect(r.motion.passEvaluation?.formula).toBe(formula);
		expect(r.motion.quorumAtClose?.formula).toBe('3 × 18 ≥ 2 × 25');
	});

	it('a roll call batch entered after a voter left still counts the ballot they gave in the hall', () => {
		const m = heldMeeting('reps_meeting', 'roll_call');
		const present = m.voters.slice(0, 18);
		signInAll(m, present);
		openMotion(db, m.c, m.v, m.motionId);
		expect(
			recordRollCall(db, m.c, m.v, m.motionId, [{ personId: present[0], choice: 'yes' }])
		).toMatchObject({ ok: true });
		expect(markLeft(db, m.c, m.v, m.meetingId, present[1]).ok).toBe(true);
		expect(
			recordRollCall(db, m.c, m.v, m.motionId, [{ personId: present[1], choice: 'no' }])
		).toMatchObject({ ok: true });
		expect(signIn(db, m.c, m.v, m.meetingId, m.voters[20]).ok).toBe(true);
		expect(
			recordRollCall(db, m.c, m.v, m.motionId, [{ personId: m.voters[20], choice: 'no' }])
		).toEqual({
			ok: false,
			reason: 'not_present_at_vote',
			personId: m.voters[20],
			refusals: [{ personId: m.voters[20], reason: 'not_present_at_vote' }]
		});
	});

	it('a show of hands corrected after a departure is checked against those present at the count', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		openMotion(db, m.c, m.v, m.motionId);
		expect(recordHands(db, m.c, m.v, m.motionId, { yes: 9, no: 6, abstain: 2 }).ok).toBe(true);
		markLeft(db, m.c, m.v, m.meetingId, m.voters[0]);
		expect(recordHands(db, m.c, m.v, m.motionId, { yes: 10, no: 6, abstain: 2 })).toEqual({
			ok: true,
			tally: { yes: 10, no: 6, abstain: 2 }
		});
		expect(recordHands(db, m.c, m.v, m.motionId, { yes: 11, no: 6, abstain: 2 })).toEqual({
			ok: false,
			reason: 'more_than_present'
		});
	});
});
