// The hall screen's data: while a vote is open it carries how many voted and never how; the quorum
// follows the presence fixed at the vote; after the close the result comes with its words.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { markLeft } from '../meetings/attendance';
import { closeMotion } from '../procedure/closing';
import { openMotion } from '../procedure/opening';
import { castBallot } from './ballots';
import { hallScreen } from './hall-screen';
import { MEETING_DAY, at, meetingTestKit } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { heldMeeting, signInAll, voter, clerk } = meetingTestKit(() => db);
const screen = (m: { v: number; meetingId: number }) =>
	hallScreen(db, m.v, m.meetingId, { now: at(MEETING_DAY), actor: clerk() })!;

describe('hallScreen', () => {
	it.each(['named', 'secret'] as const)(
		'a %s vote: the count of ballots while open, the choices only after the close',
		(method) => {
			const m = heldMeeting('reps_meeting', method);
			signInAll(m, m.voters.slice(0, 18));
			expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
			const choices = ['yes', 'yes', 'no'] as const;
			choices.forEach((c, i) =>
				expect(castBallot(db, voter(m.voters[i]), m.v, m.motionId, c)).toEqual({ ok: true })
			);
			const open = screen(m);
			expect(open.motions).toMatchObject([
				{ id: m.motionId, state: 'open', ballotsCast: 3, tally: null, pass: null }
			]);
			// Nothing in what the page receives pairs a count with a choice.
			expect(JSON.stringify(open)).not.toMatch(/"(yes|no|abstain)"\s*:/);
			expect(open.item).toMatchObject({ id: m.agendaItemId, title: '村道硬化' });

			expect(closeMotion(db, m.c, m.v, m.motionId, { confirmed: true }).ok).toBe(true);
			const closed = screen(m);
			expect(closed.motions[0]).toMatchObject({
				tally: { yes: 2, no: 1, abstain: 0 },
				result: 'failed',
				pass: { yes: 2, basis: 'present', base: 18, threshold: 10, passed: false }
			});
			expect(closed.item).toBeNull();
		}
	);

	it('the quorum reads the hall now until a vote is taken, then the presence fixed at it', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		expect(screen(m).quorum).toMatchObject({ present: 17, fixedAtVote: false, met: true });
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({ ok: true });
		expect(markLeft(db, m.c, m.v, m.meetingId, m.voters[1]).ok).toBe(true);
		const s = screen(m);
		expect(s.attendance.present).toBe(16);
		expect(s.quorum).toMatchObject({ expected: 25, present: 17, fixedAtVote: true, met: true });
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmed: true }).ok).toBe(true);
		expect(screen(m).quorum).toMatchObject({ present: 16, fixedAtVote: false, met: false });
	});

	it('shows the check-in code of an open meeting, and nothing of another village', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		expect(screen(m).code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
		expect(
			hallScreen(db, m.v + 1, m.meetingId, { now: at(MEETING_DAY), actor: clerk() })
		).toBeNull();
	});
});
