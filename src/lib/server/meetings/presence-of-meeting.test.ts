// The meeting page reads the presence at every motion's vote in one query: it must answer what
// presenceAtVote answers motion by motion, and meetingView with the caller's roster what it
// answers reading the roster itself.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { openMotion } from '../procedure/opening';
import { castBallot, recordHands } from '../votes/ballots';
import { createMotion } from '../votes/motions';
import { meetingTestKit } from '../votes/test-helpers';
import { listRoster, presenceAtVote, presenceOfMeeting } from './records';
import { meetingView } from './view';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { heldMeeting, signInAll, voter } = meetingTestKit(() => db);

const sorted = (s: Set<number> | null) => s && [...s].sort((a, b) => a - b);

describe('presenceOfMeeting', () => {
	it('gives each motion’s presence as presenceAtVote does: taken online, by hands, or not yet', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		const more = (method: 'hands' | 'named') => {
			const r = createMotion(db, m.c, m.v, m.agendaItemId, { text: `另议 ${method}`, method });
			if (!r.ok) throw new Error(r.reason);
			return r.motion.id;
		};
		const hands = more('hands');
		const untaken = more('named');
		const opened = more('named');
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({ ok: true });
		// Someone arriving after the first vote is taken counts for the next one only.
		signInAll(m, [m.voters[17]]);
		expect(openMotion(db, m.c, m.v, hands).ok).toBe(true);
		expect(recordHands(db, m.c, m.v, hands, { yes: 10, no: 5, abstain: 3 }).ok).toBe(true);
		expect(openMotion(db, m.c, m.v, opened).ok).toBe(true);

		const presence = presenceOfMeeting(db, m.meetingId);
		const cases = [
			{ motion: m.motionId, present: 17 },
			{ motion: hands, present: 18 },
			{ motion: untaken, present: null },
			{ motion: opened, present: null }
		];
		for (const { motion, present } of cases) {
			expect(presence.get(motion) ?? null).toEqual(sorted(presenceAtVote(db, motion)));
			expect(presence.get(motion)?.length ?? null).toBe(present);
		}
		expect([...presence.keys()].sort((a, b) => a - b)).toEqual([m.motionId, hands]);

		const own = meetingView(db, m.v, m.meetingId);
		expect(meetingView(db, m.v, m.meetingId, listRoster(db, m.meetingId))).toEqual(own);
		const views = own!.agenda.flatMap((a) => a.motions);
		expect(views.find((v) => v.id === hands)!.presentAtVote).toHaveLength(18);
		expect(views.find((v) => v.id === untaken)!.presentAtVote).toBeNull();
	});
});
