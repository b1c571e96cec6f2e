import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE, seedDemoMeetings } from '../seed/demo-meetings';
import { attendeeStatus, publicMotion } from './attendee';
import { castBallot } from '../votes/ballots';
import { closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { openMeeting } from './notice';
import { signIn } from './attendance';
import { type Method } from './records';
import { meetingView } from './view';
import { type Actor } from '../permissions';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const NOW = new Date('2026-11-27T01:30:00Z');

/** The demo meeting of today, open, 17 of 25 signed in, with one open motion of this method. */
function openVote(method: Method) {
	const v = demoVillageId(db);
	seedDemoMeetings(db, v, NOW);
	const clerk = demoActor(db, '13800000001');
	const meetingId = db
		.prepare('select id from meetings where title = ?')
		.pluck()
		.get(DEMO_TODAY_MEETING_TITLE) as number;
	const itemId = db
		.prepare('select id from agenda_items where meeting_id = ?')
		.pluck()
		.get(meetingId) as number;
	expect(openMeeting(db, clerk, v, meetingId, { now: NOW }).ok).toBe(true);
	const voters = db
		.prepare(
			'select person_id from meeting_roster where meeting_id = ? and voting = 1 order by person_id'
		)
		.pluck()
		.all(meetingId) as number[];
	for (const p of voters.slice(0, 17)) expect(signIn(db, clerk, v, meetingId, p).ok).toBe(true);
	const motion = createMotion(db, clerk, v, itemId, { text: '同意建设储藏库', method });
	if (!motion.ok) throw new Error(motion.reason);
	expect(openMotion(db, clerk, v, motion.motion.id).ok).toBe(true);
	const voter = (p: number): Actor => ({ userId: clerk.userId, personId: p, role: 'villager' });
	return { v, clerk, meetingId, motionId: motion.motion.id, voters, voter };
}

const shown = (v: number, meetingId: number, voterNames = true) =>
	meetingView(db, v, meetingId)!.agenda.flatMap((a) =>
		a.motions.map((mv) => publicMotion(mv, { voterNames }))
	);

describe('what the attendee pages show of a vote', () => {
	it.each<Method>(['named', 'secret'])(
		'%s: only how many voted while open; counts and turnout once closed',
		(method) => {
			const s = openVote(method);
			expect(castBallot(db, s.voter(s.voters[0]), s.v, s.motionId, 'yes').ok).toBe(true);
			expect(castBallot(db, s.voter(s.voters[1]), s.v, s.motionId, 'no').ok).toBe(true);
			const [open] = shown(s.v, s.meetingId);
			expect(open).toMatchObject({
				state: 'open',
				tally: null,
				ballotsCast: 2,
				turnoutCount: null
			});
			expect(closeMotion(db, s.clerk, s.v, s.motionId, { confirmed: true }).ok).toBe(true);
			const [closed] = shown(s.v, s.meetingId);
			expect(closed).toMatchObject({
				state: 'closed',
				result: 'failed',
				tally: { yes: 1, no: 1, abstain: 0 },
				passFormula: '2 × 1 > 17',
				quorumFormula: '3 × 17 ≥ 2 × 25',
				turnoutCount: 2
			});
			expect(closed.turnoutNames).toHaveLength(2);
			expect(shown(s.v, s.meetingId, false)[0].turnoutNames).toBeNull();
		}
	);

	it.each<Method>(['named', 'secret'])(
		"%s: echoes a voter's own named choice, never a secret one",
		(method) => {
			const s = openVote(method);
			const me = s.voters[0];
			expect(attendeeStatus(db, s.meetingId, me)!.voted.size).toBe(0);
			const castAt = new Date(NOW.getTime() + 7 * 60_000);
			expect(castBallot(db, s.voter(me), s.v, s.motionId, 'abstain', { now: castAt }).ok).toBe(
				true
			);
			const status = attendeeStatus(db, s.meetingId, me)!;
			expect(status).toMatchObject({ voting: true, leftAt: null });
			expect(status.voted.get(s.motionId)).toEqual({
				choice: method === 'named' ? 'abstain' : null,
				at: castAt.toISOString()
			});
			// Another voter's ballot gives this one neither a receipt nor a time.
			const other = s.voters[1];
			expect(attendeeStatus(db, s.meetingId, other)!.voted.size).toBe(0);
		}
	);

	it('is null for someone not called', () => {
		const s = openVote('named');
		const villager = demoActor(db, '13800000003').personId!;
		expect(attendeeStatus(db, s.meetingId, villager)).toBeNull();
	});
});
