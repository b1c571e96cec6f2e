import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { recordRelation } from '../roster/relations';
import { updateRuleOptions } from '../villages/settings';
import { closeMotion } from '../procedure/closing';
import { castBallot, recordHands, recordRollCall } from './ballots';
import { openMotion } from '../procedure/opening';
import { recusalsOfMeeting } from '../meetings/records';
import { minutesOf } from '../meetings/minutes-view';
import { markRecusal, RECUSAL_REASON_MAX } from './recusals';
import { meetingTestKit } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { clerk, heldMeeting, signInAll, village, voter } = meetingTestKit(() => db);

const REASON = '本人承包的鱼塘在村道规划范围内';

describe('markRecusal', () => {
	it('the clerk or the member marks it; the minutes read who, why and by whom', () => {
		const m = heldMeeting('reps_meeting', 'named');
		const [a, b] = m.voters;
		expect(markRecusal(db, m.c, m.v, m.motionId, { personId: a, reason: REASON })).toEqual({
			ok: true
		});
		expect(
			markRecusal(db, voter(b), m.v, m.motionId, { personId: b, reason: `  ${REASON}  ` })
		).toEqual({ ok: true });
		expect(recusalsOfMeeting(db, m.meetingId)).toMatchObject([
			{ motionId: m.motionId, personId: a, reason: REASON, declaredBy: 'staff' },
			{ motionId: m.motionId, personId: b, reason: REASON, declaredBy: 'self' }
		]);
		const [motion] = minutesOf(db, m.v, m.meetingId)!.agenda[0].motions;
		expect(motion.recusals).toEqual([
			{ name: expect.any(String), reason: REASON, relativeName: null, declaredBy: 'staff' },
			{ name: expect.any(String), reason: REASON, relativeName: null, declaredBy: 'self' }
		]);
		const audited = db
			.prepare("select count(*) from audit where action = 'motion.recusal_marked'")
			.pluck()
			.get();
		expect(audited).toBe(2);
	});

	it.each([
		{ name: 'another member', who: 'other', reason: REASON, expected: 'forbidden' },
		{ name: 'an empty reason', who: 'clerk', reason: '   ', expected: 'bad_recusal_reason' },
		{
			name: 'a reason too long',
			who: 'clerk',
			reason: '理'.repeat(RECUSAL_REASON_MAX + 1),
			expected: 'bad_recusal_reason'
		},
		{ name: 'a non-voter', who: 'clerk', reason: REASON, expected: 'not_a_voter' },
		{ name: 'twice', who: 'clerk', reason: REASON, expected: 'already_recused' }
	])('refuses $name and changes nothing', ({ who, reason, expected }) => {
		const m = heldMeeting('reps_meeting', 'named');
		const person = expected === 'not_a_voter' ? m.nonVoters[0] : m.voters[0];
		if (expected === 'already_recused')
			markRecusal(db, m.c, m.v, m.motionId, { personId: person, reason: REASON });
		const before = recusalsOfMeeting(db, m.meetingId);
		const actor = who === 'clerk' ? m.c : voter(m.voters[1]);
		expect(markRecusal(db, actor, m.v, m.motionId, { personId: person, reason })).toEqual({
			ok: false,
			reason: expected
		});
		expect(recusalsOfMeeting(db, m.meetingId)).toEqual(before);
	});

	it('a relative named must be a recorded close relative of the member', () => {
		const m = heldMeeting('reps_meeting', 'named');
		const [member, spouse, stranger] = m.voters;
		expect(
			recordRelation(db, m.c, m.v, { personId: member, relativeId: spouse, kind: 'spouse' }).ok
		).toBe(true);
		expect(
			markRecusal(db, m.c, m.v, m.motionId, {
				personId: member,
				reason: '配偶承包的鱼塘在规划范围内',
				relativeId: stranger
			})
		).toEqual({ ok: false, reason: 'not_close_relative' });
		expect(
			markRecusal(db, m.c, m.v, m.motionId, {
				personId: member,
				reason: '配偶承包的鱼塘在规划范围内',
				relativeId: spouse
			})
		).toEqual({ ok: true });
		expect(recusalsOfMeeting(db, m.meetingId)[0].relativeName).not.toBeNull();
	});

	it('a recused member cannot vote, online or called out, and a ballot cast first blocks recusal', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 18));
		const [recused, voted] = m.voters;
		markRecusal(db, m.c, m.v, m.motionId, { personId: recused, reason: REASON });
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(castBallot(db, voter(recused), m.v, m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'recused'
		});
		expect(
			recordRollCall(db, m.c, m.v, m.motionId, [{ personId: recused, choice: 'yes' }])
		).toEqual({
			ok: false,
			reason: 'recused',
			personId: recused,
			refusals: [{ personId: recused, reason: 'recused' }]
		});
		expect(castBallot(db, voter(voted), m.v, m.motionId, 'yes')).toEqual({ ok: true });
		expect(markRecusal(db, m.c, m.v, m.motionId, { personId: voted, reason: REASON })).toEqual({
			ok: false,
			reason: 'already_voted'
		});
		expect(() =>
			db.prepare("insert into ballot_receipts values (?, ?, 'online')").run(m.motionId, recused)
		).toThrow(/recused/);
	});

	it('a show of hands takes no recusal once counted, and none after the close', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		openMotion(db, m.c, m.v, m.motionId);
		recordHands(db, m.c, m.v, m.motionId, { yes: 10, no: 8, abstain: 0 });
		expect(
			markRecusal(db, m.c, m.v, m.motionId, { personId: m.voters[0], reason: REASON })
		).toEqual({ ok: false, reason: 'count_taken' });
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmed: true }).ok).toBe(true);
		expect(
			markRecusal(db, m.c, m.v, m.motionId, { personId: m.voters[0], reason: REASON })
		).toEqual({ ok: false, reason: 'not_open' });
	});

	it.each([
		{ recusedPresent: false, formula: '2 × 9 > 17', result: 'passed' },
		{ recusedPresent: true, formula: '2 × 9 > 18', result: 'failed' }
	])(
		'at close, recusedPresent = $recusedPresent: $formula',
		({ recusedPresent, formula, result }) => {
			expect(updateRuleOptions(db, clerk().userId, village(), { recusedPresent })).toEqual({
				ok: true
			});
			const m = heldMeeting('reps_meeting', 'named');
			const present = m.voters.slice(0, 18);
			signInAll(m, present);
			markRecusal(db, m.c, m.v, m.motionId, { personId: present[0], reason: REASON });
			openMotion(db, m.c, m.v, m.motionId);
			present
				.slice(1)
				.forEach((p, i) => castBallot(db, voter(p), m.v, m.motionId, i < 9 ? 'yes' : 'no'));
			const r = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
			if (!r.ok) throw new Error(r.reason);
			expect(r.motion.passEvaluation?.formula).toBe(formula);
			expect(r.motion.result).toBe(result);
		}
	);
});

describe('a show of hands with a recused member counted present', () => {
	it('caps the hands at those who may vote, so "all others in favour" leaves them out', () => {
		expect(updateRuleOptions(db, clerk().userId, village(), { recusedPresent: true })).toEqual({
			ok: true
		});
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		markRecusal(db, m.c, m.v, m.motionId, { personId: m.voters[0], reason: REASON });
		openMotion(db, m.c, m.v, m.motionId);
		expect(recordHands(db, m.c, m.v, m.motionId, { no: 8, abstain: 0, othersYes: true })).toEqual({
			ok: true,
			tally: { yes: 9, no: 8, abstain: 0 }
		});
		const r = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
		if (!r.ok) throw new Error(r.reason);
		expect(r.motion.passEvaluation?.formula).toBe('2 × 9 > 18');
		expect(r.motion.result).toBe('failed');
	});
});
