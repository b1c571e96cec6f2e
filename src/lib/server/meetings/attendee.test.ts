import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { DEMO_TODAY_MEETING_TITLE, seedDemoMeetings } from '../seed/demo-meetings';
import { attendeeStatus, publicMotion } from './attendee';
import { castBallot, recordRollCall } from '../votes/ballots';
import { closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { openMeeting } from './notice';
import { signIn } from './attendance';
import { type Method } from './records';
import { meetingView } from './view';
import { type Actor } from '../permissions';
import { migrate } from '../db/migrate.js';
import { rewindTo032 } from '../db/migrations/033-rewind';

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

	it("reads a phone ballot's time from its receipt, equal to its audit entry; none for a called one", () => {
		const s = openVote('named');
		const castAt = new Date(NOW.getTime() + 3 * 60_000);
		const [phone, called] = s.voters;
		expect(castBallot(db, s.voter(phone), s.v, s.motionId, 'yes', { now: castAt }).ok).toBe(true);
		expect(
			recordRollCall(db, s.clerk, s.v, s.motionId, [{ personId: called, choice: 'no' }]).ok
		).toBe(true);
		const audited = db
			.prepare(
				`select at from audit where action = 'ballot.cast' and subject_type = 'motion'
				 and subject_id = ? and json_extract(after, '$.personId') = ?`
			)
			.pluck()
			.get(String(s.motionId), phone);
		expect(audited).toBe(castAt.toISOString());
		expect(attendeeStatus(db, s.meetingId, phone)!.voted.get(s.motionId)!.at).toBe(audited);
		expect(attendeeStatus(db, s.meetingId, called)!.voted.get(s.motionId)).toEqual({
			choice: 'no',
			at: null
		});
	});

	it('is null for someone not called', () => {
		const s = openVote('named');
		const villager = demoActor(db, '13800000003').personId!;
		expect(attendeeStatus(db, s.meetingId, villager)).toBeNull();
	});
});

describe("migration 033: a phone ballot's time beside its receipt", () => {
	it("copies each phone ballot's time from its audit entry, and keeps it fixed", () => {
		const s = openVote('secret');
		const times = [5, 9].map((min) => new Date(NOW.getTime() + min * 60_000));
		s.voters.slice(0, 2).forEach((p, i) => {
			expect(castBallot(db, s.voter(p), s.v, s.motionId, 'yes', { now: times[i] }).ok).toBe(true);
		});
		const stored = () =>
			db
				.prepare(
					'select person_id, cast_at from ballot_times where motion_id = ? order by person_id'
				)
				.all(s.motionId);
		const expected = s.voters
			.slice(0, 2)
			.map((p, i) => ({ person_id: p, cast_at: times[i].toISOString() }));
		expect(stored()).toEqual(expected);
		rewindTo032(db);
		expect(migrate(db)).toEqual([33, 34]);
		expect(stored()).toEqual(expected);
		expect(() =>
			db.prepare('delete from ballot_times where motion_id = ?').run(s.motionId)
		).toThrow(/a ballot never changes/);
		// The receipt itself keeps no time (docs/security-tests.md).
		expect(
			db
				.prepare('select name from pragma_table_info(?) order by name')
				.pluck()
				.all('ballot_receipts')
		).toEqual(['channel', 'motion_id', 'person_id']);
	});
});
