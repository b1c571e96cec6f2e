import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addAgendaItem, addGuest, createMeeting } from './calling';
import { castBallot, recordRollCall } from '../votes/ballots';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { getMeeting, meetingCounts } from './records';
import { notifyMeeting, openMeeting } from './notice';
import { signIn } from './attendance';

// Observers (列席) and the township attendee are added by name and never vote (docs/domain.md
// §5.4), even when the person named also has an account in the village.

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const at = (date: string) => new Date(`${date}T02:00:00Z`);
const clerk = () => demoActor(db, '13800000001');
// 陈淑珍 sits on the supervision committee: not a representative, so not on a reps' roster.
const supervisor = () => demoActor(db, '13800000006');

function repsMeetingWithGuests() {
	const v = demoVillageId(db);
	const c = clerk();
	const m = createMeeting(
		db,
		c,
		v,
		{ type: 'reps_meeting', title: '村道硬化方案', meetingDate: '2026-11-20' },
		{ now: at('2026-11-02') }
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, c, v, m.meeting.id, { title: '村道硬化' });
	if (!item.ok) throw new Error(item.reason);
	if (!notifyMeeting(db, c, v, m.meeting.id, { now: at('2026-11-02') }).ok) throw new Error();
	if (!openMeeting(db, c, v, m.meeting.id, { now: at('2026-11-20') }).ok) throw new Error();
	for (const [kind, name, position] of [
		['observer', '陈淑珍', ''],
		['township', '周海涛', '镇农业办主任']
	] as const)
		expect(addGuest(db, c, v, m.meeting.id, { kind, name, position }).ok).toBe(true);
	const voters = db
		.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
		.pluck()
		.all(m.meeting.id) as number[];
	for (const p of voters.slice(0, 17)) signIn(db, c, v, m.meeting.id, p);
	const mo = createMotion(db, c, v, item.agendaItemId, {
		text: '同意村道硬化方案',
		method: 'named'
	});
	if (!mo.ok) throw new Error(mo.reason);
	if (!openMotion(db, c, v, mo.motion.id).ok) throw new Error();
	return { v, c, meetingId: m.meeting.id, motionId: mo.motion.id };
}

describe('guests never vote', () => {
	it('a supervisor attends (列席) and signs in, but can neither vote nor be entered by the clerk', () => {
		const g = repsMeetingWithGuests();
		const s = supervisor();
		const before = meetingCounts(db, getMeeting(db, g.v, g.meetingId)!, g.motionId);
		expect(before.present).toBe(17);
		// 2026 art. 37: the supervision body's members may attend the reps' meeting, without a vote.
		expect(signIn(db, s, g.v, g.meetingId, s.personId!)).toMatchObject({ ok: true });
		expect(castBallot(db, s, g.v, g.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'not_a_voter'
		});
		expect(
			recordRollCall(db, g.c, g.v, g.motionId, [{ personId: s.personId!, choice: 'yes' }])
		).toEqual({
			ok: false,
			reason: 'not_a_voter',
			personId: s.personId,
			refusals: [{ personId: s.personId, reason: 'not_a_voter' }]
		});
		expect(meetingCounts(db, getMeeting(db, g.v, g.meetingId)!, g.motionId)).toEqual(before);
		expect(
			db.prepare('select count(*) from ballot_receipts where motion_id = ?').pluck().get(g.motionId)
		).toBe(0);
	});
});
