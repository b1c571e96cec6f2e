// A held meeting of the demo village for the meeting, vote and closing tests: notified, opened and
// with one motion drafted, so each test starts at the step it is about.
import { expect } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId } from '../seed/demo-test-db';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { signIn } from '../meetings/attendance';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import type { Method } from '../meetings/records';
import type { Actor } from '../permissions';
import type { MeetingType } from './rules';
import { createMotion } from './motions';

export const NOTICE = '2026-11-02';
export const MEETING_DAY = '2026-11-20';
export const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China

/** The helpers bound to the test file's database, read when called (each test has a fresh one). */
export function meetingTestKit(getDb: () => Db) {
	const village = () => demoVillageId(getDb());
	const actorByPhone = (phone: string): Actor => demoActor(getDb(), phone);
	const clerk = () => actorByPhone('13800000001');
	// A voter acting on their own phone: the clerk's account with the voter's person, for the test.
	const voter = (personId: number): Actor => ({
		userId: clerk().userId,
		personId,
		role: 'villager'
	});

	/** A meeting of the demo village, notified on NOTICE, opened on MEETING_DAY, with one motion. */
	function heldMeeting(type: MeetingType, method: Method, attendees?: number[]) {
		const db = getDb();
		const v = village();
		const c = clerk();
		const m = createMeeting(
			db,
			c,
			v,
			{ type, title: '村道硬化方案', meetingDate: MEETING_DAY },
			{ now: at(NOTICE) }
		);
		if (!m.ok) throw new Error(m.reason);
		const item = addAgendaItem(db, c, v, m.meeting.id, {
			title: '村道硬化',
			materials: '预算 12 万元'
		});
		if (!item.ok) throw new Error(item.reason);
		const nt = notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE), attendees });
		if (!nt.ok) throw new Error(nt.reason);
		const op = openMeeting(db, c, v, m.meeting.id, { now: at(MEETING_DAY) });
		if (!op.ok) throw new Error(op.reason);
		const mo = createMotion(db, c, v, item.agendaItemId, { text: '同意村道硬化方案', method });
		if (!mo.ok) throw new Error(mo.reason);
		const roster = db
			.prepare(
				'select person_id, voting from meeting_roster where meeting_id = ? order by person_id'
			)
			.all(m.meeting.id) as { person_id: number; voting: number }[];
		return {
			v,
			c,
			meetingId: m.meeting.id,
			agendaItemId: item.agendaItemId,
			motionId: mo.motion.id,
			voters: roster.filter((r) => r.voting === 1).map((r) => r.person_id),
			nonVoters: roster.filter((r) => r.voting === 0).map((r) => r.person_id),
			expected: nt.expected
		};
	}

	function signInAll(m: { v: number; c: Actor; meetingId: number }, people: number[]) {
		for (const p of people)
			expect(signIn(getDb(), m.c, m.v, m.meetingId, p, { now: at(MEETING_DAY) }).ok).toBe(true);
	}

	return { village, actorByPhone, clerk, voter, heldMeeting, signInAll };
}
