import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { signIn } from '../meetings/attendance';
import { getMotion } from '../meetings/records';
import { castBallot } from '../votes/ballots';
import { openMotion } from '../votes/motions';
import { meetingTestKit } from '../votes/test-helpers';
import { closeMeeting } from './closing';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { voter, heldMeeting, signInAll } = meetingTestKit(() => db);

describe('closing the meeting', () => {
	it('refuses with open motions, closes them on request, stores the audit head, then freezes', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		m.voters.slice(0, 12).forEach((p) => castBallot(db, voter(p), m.v, m.motionId, 'yes'));
		expect(closeMeeting(db, m.c, m.v, m.meetingId, { confirmed: true })).toEqual({
			ok: false,
			reason: 'motions_open',
			motionIds: [m.motionId]
		});
		const r = closeMeeting(db, m.c, m.v, m.meetingId, {
			confirmed: true,
			closeOpenMotions: true,
			minutes: '会议纪要'
		});
		if (!r.ok) throw new Error(r.reason);
		expect(r.meeting.auditHeadHash).toBe(r.auditHead.hash);
		expect(getMotion(db, m.v, m.motionId)?.result).toBe('passed');
		expect(() =>
			db.prepare("update meetings set title = 'x' where id = ?").run(m.meetingId)
		).toThrow(/closed meeting/);
		expect(() =>
			db
				.prepare('update meeting_roster set left_at = signed_in_at where meeting_id = ?')
				.run(m.meetingId)
		).toThrow();
		expect(signIn(db, m.c, m.v, m.meetingId, m.voters[24])).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(verifyChain(db)).toMatchObject({ ok: true });
	});
});
