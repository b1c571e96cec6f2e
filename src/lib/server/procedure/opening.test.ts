// Opening a vote on a 4+2 matter in the database: refused, with the rule, wherever the meeting
// cannot carry the matter's next step; a vote off the track opens as before.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { holdPastMeeting } from '../seed/demo-past-meeting';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { signIn } from '../meetings/attendance';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { getMotion } from '../meetings/records';
import { createMotion } from '../votes/motions';
import type { MeetingType } from '../votes/rules';
import { submittedTopic, triageOnto } from '../implementation/test-helpers';
import { matterOf, recordStep } from './matters';
import { openMotion } from './opening';
import { openMotionGateRefusal } from './messages';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const v = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const at = (date: string) => new Date(`${date}T02:00:00Z`);

function fourPlusTwo() {
	const t = submittedTopic(db, { category: 'development' });
	triageOnto(db, t, 'four_plus_two', ['public_welfare']);
	return t;
}

/** A meeting opened on `date` with everyone signed in and one drafted motion on the topic. */
function draftIn(type: MeetingType, topicId: number | null, date: string, groupId?: number) {
	const notice = new Date(at(date).getTime() - 15 * 86_400_000);
	const m = createMeeting(
		db,
		clerk(),
		v(),
		{ type, title: '会议', meetingDate: date, groupId },
		{ now: notice }
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, clerk(), v(), m.meeting.id, { title: '议题', topicId });
	if (!item.ok) throw new Error(item.reason);
	expect(notifyMeeting(db, clerk(), v(), m.meeting.id, { now: notice }).ok).toBe(true);
	expect(openMeeting(db, clerk(), v(), m.meeting.id, { now: at(date) }).ok).toBe(true);
	const voters = db
		.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
		.pluck()
		.all(m.meeting.id) as number[];
	for (const p of voters) signIn(db, clerk(), v(), m.meeting.id, p, { now: at(date) });
	const mo = createMotion(db, clerk(), v(), item.agendaItemId, { text: '同意', method: 'hands' });
	if (!mo.ok) throw new Error(mo.reason);
	return mo.motion.id;
}

const someGroup = () =>
	db
		.prepare('select id from village_groups where village_id = ? limit 1')
		.pluck()
		.get(v()) as number;

describe('opening a vote on a 4+2 matter', () => {
	it.each<[string, MeetingType, object]>([
		['the party assembly at step 1', 'party_assembly', { reason: 'wrong_meeting', step: 1 }],
		["the villagers' meeting at step 1", 'villagers_meeting', { reason: 'wrong_meeting', step: 1 }],
		['a group meeting', 'group_meeting', { reason: 'wrong_meeting', step: 1 }],
		["the representatives' meeting at step 1", 'reps_meeting', { reason: 'wrong_meeting', step: 1 }]
	])('refuses %s, leaving the motion a draft and the matter where it was', (_, type, want) => {
		const topic = fourPlusTwo();
		const motionId = draftIn(
			type,
			topic,
			'2026-06-20',
			type === 'group_meeting' ? someGroup() : undefined
		);
		const audit = db.prepare('select count(*) from audit').pluck().get();
		const r = openMotion(db, clerk(), v(), motionId, { now: at('2026-06-20') });
		expect(r).toMatchObject({ ok: false, ...want });
		if (r.ok) return;
		// The console names the rule: the step and the meetings that may carry it.
		expect(openMotionGateRefusal(r)).toMatch(/四议两公开.*第1步/);
		expect(getMotion(db, v(), motionId)!.state).toBe('draft');
		expect(db.prepare('select count(*) from audit').pluck().get()).toBe(audit);
		expect(matterOf(db, v(), topic)!.position).toEqual({ kind: 'at', step: 1, done: [] });
	});

	it('opens the step the matter is at, and a vote on a topic off the track anywhere', () => {
		const topic = fourPlusTwo();
		// The demo village is 一肩挑: the joint meeting carries steps 1 and 2.
		expect(openMotion(db, clerk(), v(), draftIn('two_committees', topic, '2026-06-20')).ok).toBe(
			true
		);
		const plain = submittedTopic(db, { category: 'development' });
		expect(openMotion(db, clerk(), v(), draftIn('party_assembly', plain, '2026-06-21')).ok).toBe(
			true
		);
		expect(openMotion(db, clerk(), v(), draftIn('party_assembly', null, '2026-06-22')).ok).toBe(
			true
		);
	});

	it('refuses a meeting dated before the meeting of the step before', () => {
		const topic = fourPlusTwo();
		const assembly = draftIn('party_assembly', topic, '2026-05-19');
		const joint = holdPastMeeting(db, clerk(), v(), {
			type: 'two_committees',
			title: '两委联席会议',
			noticeDate: '2026-05-13',
			meetingDate: '2026-05-20',
			motions: [{ agendaTitle: '议题', topicId: topic, text: '提议并商议' }]
		});
		expect(recordStep(db, clerk(), v(), topic, joint.motionIds[0]).ok).toBe(true);
		const r = openMotion(db, clerk(), v(), assembly, { now: at('2026-05-19') });
		expect(r).toEqual({ ok: false, reason: 'before_previous_step', step: 3 });
		if (!r.ok) expect(openMotionGateRefusal(r)).toContain('早于');
		// The same day is in order: the assembly may follow the joint meeting that afternoon.
		expect(openMotion(db, clerk(), v(), draftIn('party_assembly', topic, '2026-05-20')).ok).toBe(
			true
		);
	});

	it('answers an open or closed motion as before, whatever the matter', () => {
		const motionId = draftIn('two_committees', fourPlusTwo(), '2026-06-20');
		expect(openMotion(db, clerk(), v(), motionId).ok).toBe(true);
		expect(openMotion(db, clerk(), v(), motionId)).toEqual({ ok: false, reason: 'not_draft' });
	});
});

describe('recording a step in date order', () => {
	it('refuses a party assembly dated before the two-committee meeting as step 3', () => {
		// Voted before the topic joined the track, so no opening gate stood in its way.
		const topic = submittedTopic(db, { category: 'development' });
		const assembly = holdPastMeeting(db, clerk(), v(), {
			type: 'party_assembly',
			title: '党员大会',
			noticeDate: '2026-05-12',
			meetingDate: '2026-05-19',
			motions: [{ agendaTitle: '议题', topicId: topic, text: '同意' }]
		});
		triageOnto(db, topic, 'four_plus_two', ['public_welfare']);
		const joint = holdPastMeeting(db, clerk(), v(), {
			type: 'two_committees',
			title: '两委联席会议',
			noticeDate: '2026-05-13',
			meetingDate: '2026-05-20',
			motions: [{ agendaTitle: '议题', topicId: topic, text: '提议并商议' }]
		});
		expect(recordStep(db, clerk(), v(), topic, joint.motionIds[0]).ok).toBe(true);
		expect(recordStep(db, clerk(), v(), topic, assembly.motionIds[0])).toEqual({
			ok: false,
			reason: 'before_previous_step',
			step: 3
		});
		expect(matterOf(db, v(), topic)!.position).toEqual({ kind: 'at', step: 3, done: [1, 2] });
	});
});
