// Closing is never one careless tap (issue 15 item 2): the first close of a vote answers with the
// voters present and the ballots registered, and a meeting closed over open votes or empty minutes
// answers with what is still open; only the confirmed second call closes.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { getMeeting, getMotion, type Method } from '../meetings/records';
import { setMinutesText } from '../meetings/minutes';
import { castBallot, recordHands } from '../votes/ballots';
import { openMotion } from './opening';
import { meetingCloseNeedsConfirmation } from '../votes/closing';
import { meetingTestKit } from '../votes/test-helpers';
import { closeMeeting, closeMotion } from './closing';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { voter, heldMeeting, signInAll } = meetingTestKit(() => db);

const auditCount = () => db.prepare('select count(*) from audit').pluck().get() as number;

describe('meetingCloseNeedsConfirmation', () => {
	it.each([
		{ open: 0, minutes: '会议讨论了村道硬化。', asks: false },
		{ open: 1, minutes: '会议讨论了村道硬化。', asks: true },
		{ open: 3, minutes: '会议讨论了村道硬化。', asks: true },
		{ open: 0, minutes: '', asks: true },
		{ open: 0, minutes: '  \n ', asks: true },
		{ open: 2, minutes: '', asks: true }
	])('$open open vote(s), minutes "$minutes": asks $asks', ({ open, minutes, asks }) => {
		expect(meetingCloseNeedsConfirmation(open, minutes)).toBe(asks);
	});
});

describe('closing a vote asks first, with its numbers', () => {
	it.each<{ method: Method; present: number; cast: number; fewSecret: boolean }>([
		{ method: 'named', present: 18, cast: 1, fewSecret: false },
		{ method: 'named', present: 18, cast: 18, fewSecret: false },
		{ method: 'secret', present: 18, cast: 2, fewSecret: true },
		{ method: 'secret', present: 18, cast: 5, fewSecret: false },
		{ method: 'hands', present: 18, cast: 17, fewSecret: false }
	])(
		'$method, $present present, $cast registered: refused, then closed once confirmed',
		({ method, present, cast, fewSecret }) => {
			const m = heldMeeting('reps_meeting', method);
			signInAll(m, m.voters.slice(0, present));
			expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
			if (method === 'hands')
				expect(recordHands(db, m.c, m.v, m.motionId, { yes: cast, no: 0, abstain: 0 }).ok).toBe(
					true
				);
			else
				m.voters
					.slice(0, cast)
					.forEach((p) => expect(castBallot(db, voter(p), m.v, m.motionId, 'yes').ok).toBe(true));
			const before = auditCount();
			expect(closeMotion(db, m.c, m.v, m.motionId)).toEqual({
				ok: false,
				reason: 'unconfirmed',
				check: { motionId: m.motionId, present, ballots: cast, fewSecret }
			});
			expect(getMotion(db, m.v, m.motionId)?.state).toBe('open');
			expect(auditCount(), 'a refusal writes nothing').toBe(before);
			const closed = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
			expect(closed.ok && closed.motion.state).toBe('closed');
		}
	);
});

describe('closing the meeting asks first while a vote is open or the minutes are empty', () => {
	it.each([
		{ voteOpen: true, minutes: '', minutesEmpty: true },
		{ voteOpen: true, minutes: '讨论了村道硬化。', minutesEmpty: false },
		{ voteOpen: false, minutes: '', minutesEmpty: true }
	])(
		'vote open $voteOpen, minutes "$minutes": refused with what is open, closed once confirmed',
		({ voteOpen, minutes, minutesEmpty }) => {
			const m = heldMeeting('reps_meeting', 'named');
			signInAll(m, m.voters.slice(0, 18));
			if (minutes) expect(setMinutesText(db, m.c, m.v, m.meetingId, minutes).ok).toBe(true);
			if (voteOpen) {
				expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
				expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes').ok).toBe(true);
			}
			const before = auditCount();
			expect(closeMeeting(db, m.c, m.v, m.meetingId, { closeOpenMotions: true })).toEqual({
				ok: false,
				reason: 'unconfirmed',
				open: voteOpen ? [{ motionId: m.motionId, present: 18, ballots: 1, fewSecret: false }] : [],
				minutesEmpty
			});
			expect(getMeeting(db, m.v, m.meetingId)?.state).toBe('open');
			expect(auditCount()).toBe(before);
			const r = closeMeeting(db, m.c, m.v, m.meetingId, {
				closeOpenMotions: true,
				confirmed: true
			});
			expect(r.ok && r.meeting.state).toBe('closed');
		}
	);

	it('closes at once when no vote is open and the minutes are written', () => {
		const m = heldMeeting('reps_meeting', 'named');
		expect(setMinutesText(db, m.c, m.v, m.meetingId, '讨论了村道硬化。').ok).toBe(true);
		const r = closeMeeting(db, m.c, m.v, m.meetingId);
		expect(r.ok && r.meeting.state).toBe('closed');
	});

	it('minutes brought in by the close count as written', () => {
		const m = heldMeeting('reps_meeting', 'named');
		const r = closeMeeting(db, m.c, m.v, m.meetingId, { minutes: '讨论了村道硬化。' });
		expect(r.ok && r.meeting.minutes).toBe('讨论了村道硬化。');
	});
});
