import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { holdPastMeeting } from '../seed/demo-past-meeting';
import { submittedTopic, triageOnto } from '../implementation/test-helpers';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { createMotion } from '../votes/motions';
import { recordHands } from '../votes/ballots';
import { signIn } from '../meetings/attendance';
import { getMotion } from '../meetings/records';
import { castBallot } from '../votes/ballots';
import { openMotion } from './opening';
import { meetingTestKit } from '../votes/test-helpers';
import { closeMeeting, closeMotion } from './closing';

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

describe('which passed motions become resolutions', () => {
	const at = (date: string) => new Date(`${date}T02:00:00Z`);
	const groupOf = (phone: string) =>
		db
			.prepare(
				'select h.group_id from users u join people p on p.id = u.person_id join households h on h.id = p.household_id where u.phone = ?'
			)
			.pluck()
			.get(phone) as number;
	const otherGroup = (group: number) =>
		db.prepare('select id from village_groups where id != ? limit 1').pluck().get(group) as number;
	const resolutions = () => db.prepare('select count(*) from resolutions').pluck().get();

	/** A group meeting on the demo villager's topic, its vote opened on 2026-06-20 and passed. */
	function groupVote(groupId: number) {
		const v = demoVillageId(db);
		const topic = submittedTopic(db, { category: 'development' });
		const r = holdPastMeeting(db, demoActor(db, '13800000001'), v, {
			type: 'group_meeting',
			title: '村民小组会议',
			groupId,
			noticeDate: '2026-06-05',
			meetingDate: '2026-06-20',
			motions: [{ agendaTitle: '议题', topicId: topic, text: '同意' }]
		});
		return { v, topic, motionId: r.motionIds[0] };
	}

	it("a group meeting decides its own group's matter, not another group's", () => {
		const own = groupOf('13800000003');
		groupVote(own);
		expect(resolutions()).toBe(1);
		groupVote(otherGroup(own));
		expect(resolutions()).toBe(1);
		expect(db.prepare('select result from motions order by id desc limit 1').pluck().get()).toBe(
			'passed'
		);
	});

	it('a group meeting adopts no resolution on a topic that touches art. 24', () => {
		const v = demoVillageId(db);
		const c = demoActor(db, '13800000001');
		const topic = submittedTopic(db, { category: 'development' });
		const m = createMeeting(
			db,
			c,
			v,
			{
				type: 'group_meeting',
				title: '村民小组会议',
				meetingDate: '2026-06-20',
				groupId: groupOf('13800000003')
			},
			{ now: at('2026-06-05') }
		);
		if (!m.ok) throw new Error(m.reason);
		const item = addAgendaItem(db, c, v, m.meeting.id, { title: '议题', topicId: topic });
		if (!item.ok) throw new Error(item.reason);
		notifyMeeting(db, c, v, m.meeting.id, { now: at('2026-06-05') });
		openMeeting(db, c, v, m.meeting.id, { now: at('2026-06-20') });
		const voters = db
			.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
			.pluck()
			.all(m.meeting.id) as number[];
		for (const p of voters) signIn(db, c, v, m.meeting.id, p, { now: at('2026-06-20') });
		const mo = createMotion(db, c, v, item.agendaItemId, { text: '同意', method: 'hands' });
		if (!mo.ok) throw new Error(mo.reason);
		expect(openMotion(db, c, v, mo.motion.id, { now: at('2026-06-20') }).ok).toBe(true);
		// The topic is found to touch art. 24 while the vote is open.
		triageOnto(db, topic, 'four_plus_two', ['collective_project']);
		recordHands(db, c, v, mo.motion.id, { yes: voters.length, no: 0, abstain: 0 });
		expect(closeMotion(db, c, v, mo.motion.id, { confirmed: true, now: at('2026-06-20') }).ok).toBe(
			true
		);
		expect(getMotion(db, v, mo.motion.id)?.result).toBe('passed');
		expect(resolutions()).toBe(0);
	});
});
