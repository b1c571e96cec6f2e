// Issue 15 item 4: a passed motion on a 4+2 matter records its step in the closing transaction,
// before the meeting closes (a decision with its resolution); nothing is left for a manual step.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { at, clerkOf, holdMeeting, topicOn } from '../implementation/test-helpers';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { signIn } from '../meetings/attendance';
import { createMotion } from '../votes/motions';
import { recordHands } from '../votes/ballots';
import type { MeetingType } from '../votes/rules';
import { openMotion } from './opening';
import { closeMotion } from './closing';
import { matterOf, recordStep } from './matters';
import { resolutionOfMotion } from './resolutions';
import { publicationBlock, publishResolutionById } from './publication';

let db: Db;
useDemoVillageDb((d) => (db = d));

const v = () => demoVillageId(db);

/** Steps 1–3 of a fresh 4+2 matter, each recorded by the clerk as before. */
function atStep(step: 1 | 4): number {
	const topic = topicOn(db, 'four_plus_two', {
		category: 'development',
		art24: ['public_welfare']
	});
	if (step === 4)
		for (const type of ['two_committees', 'party_assembly'] as const)
			expect(
				recordStep(db, clerkOf(db), v(), topic, holdMeeting(db, type, topic).motionId!).ok
			).toBe(true);
	return topic;
}

/** A meeting of `type` in September whose one motion is voted and closed; the meeting stays open. */
function closeVote(type: MeetingType, topicId: number | null, passes: boolean) {
	const c = clerkOf(db);
	const m = createMeeting(
		db,
		c,
		v(),
		{ type, title: '九月会议', meetingDate: '2026-09-14' },
		{
			now: at('2026-09-01')
		}
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, c, v(), m.meeting.id, { title: '道路', topicId });
	if (!item.ok) throw new Error(item.reason);
	expect(notifyMeeting(db, c, v(), m.meeting.id, { now: at('2026-09-01') }).ok).toBe(true);
	expect(openMeeting(db, c, v(), m.meeting.id, { now: at('2026-09-14') }).ok).toBe(true);
	const voters = db
		.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
		.pluck()
		.all(m.meeting.id) as number[];
	for (const p of voters) signIn(db, c, v(), m.meeting.id, p, { now: at('2026-09-14') });
	const mo = createMotion(db, c, v(), item.agendaItemId, { text: '同意硬化道路', method: 'hands' });
	if (!mo.ok) throw new Error(mo.reason);
	expect(openMotion(db, c, v(), mo.motion.id, { now: at('2026-09-14') }).ok).toBe(true);
	const n = voters.length;
	const tally = passes ? { yes: n, no: 0, abstain: 0 } : { yes: 0, no: n, abstain: 0 };
	expect(recordHands(db, c, v(), mo.motion.id, tally).ok).toBe(true);
	const before = db.prepare('select max(id) from audit').pluck().get() as number;
	const closed = closeMotion(db, c, v(), mo.motion.id, { confirmed: true, now: at('2026-09-14') });
	expect(closed.ok).toBe(true);
	const actions = db
		.prepare('select action from audit where id > ? order by id')
		.pluck()
		.all(before) as string[];
	return { motionId: mo.motion.id, meetingId: m.meeting.id, actions };
}

const events = (topicId: number) =>
	db
		.prepare('select count(*) from procedure_events where topic_id = ?')
		.pluck()
		.get(topicId) as number;

describe('closing a vote on a 4+2 matter', () => {
	const cases: {
		name: string;
		step: 1 | 4 | null;
		type: MeetingType;
		passes: boolean;
		resolution: boolean;
		actions: string[];
		position: object | null;
	}[] = [
		{
			name: 'a passed decision at step 4: the resolution and step 4, in one transaction',
			step: 4,
			type: 'villagers_meeting',
			passes: true,
			resolution: true,
			actions: ['resolution.adopted', 'procedure.steps_recorded', 'motion.closed'],
			position: { kind: 'at', step: 5, done: [1, 2, 3, 4] }
		},
		{
			name: 'a failed decision: neither (the clerk sends it back or ends it)',
			step: 4,
			type: 'villagers_meeting',
			passes: false,
			resolution: false,
			actions: ['motion.closed'],
			position: { kind: 'at', step: 4, done: [1, 2, 3] }
		},
		{
			name: 'a passed joint meeting at step 1: no resolution, steps 1 and 2 in the close',
			step: 1,
			type: 'two_committees',
			passes: true,
			resolution: false,
			actions: ['procedure.steps_recorded', 'motion.closed'],
			position: { kind: 'at', step: 3, done: [1, 2] }
		},
		{
			name: 'a failed joint meeting at step 1: no step',
			step: 1,
			type: 'two_committees',
			passes: false,
			resolution: false,
			actions: ['motion.closed'],
			position: { kind: 'at', step: 1, done: [] }
		},
		{
			name: 'a passed decision without a topic: a resolution, no step',
			step: null,
			type: 'villagers_meeting',
			passes: true,
			resolution: true,
			actions: ['resolution.adopted', 'motion.closed'],
			position: null
		}
	];
	it.each(cases)('$name', (c) => {
		const topic = c.step === null ? null : atStep(c.step);
		const eventsBefore = topic === null ? 0 : events(topic);
		const r = closeVote(c.type, topic, c.passes);
		expect(r.actions).toEqual(c.actions);
		expect(resolutionOfMotion(db, v(), r.motionId) !== null).toBe(c.resolution);
		// The meeting is still open: the step no longer waits for its close.
		expect(db.prepare('select state from meetings where id = ?').pluck().get(r.meetingId)).toBe(
			'open'
		);
		if (topic !== null) {
			expect(matterOf(db, v(), topic)!.position).toEqual(c.position);
			expect(events(topic)).toBe(
				eventsBefore + (c.actions.includes('procedure.steps_recorded') ? 1 : 0)
			);
		}
		expect(verifyChain(db).ok).toBe(true);
	});

	it('answers the clerk who still records the decision by hand with the step already done', () => {
		const topic = atStep(4);
		const r = closeVote('villagers_meeting', topic, true);
		const count = events(topic);
		expect(recordStep(db, clerkOf(db), v(), topic, r.motionId)).toEqual({
			ok: true,
			position: { kind: 'at', step: 5, done: [1, 2, 3, 4] }
		});
		expect(events(topic)).toBe(count);
	});

	/** A second motion on the item of `first`, passed and closed in the same meeting. */
	function passSecond(first: { motionId: number; meetingId: number }) {
		const c = clerkOf(db);
		const itemId = db
			.prepare('select agenda_item_id from motions where id = ?')
			.pluck()
			.get(first.motionId) as number;
		const mo = createMotion(db, c, v(), itemId, { text: '选定道路走向', method: 'hands' });
		if (!mo.ok) throw new Error(mo.reason);
		expect(openMotion(db, c, v(), mo.motion.id, { now: at('2026-09-14') }).ok).toBe(true);
		const present = db
			.prepare('select count(*) from meeting_roster where meeting_id = ? and voting = 1')
			.pluck()
			.get(first.meetingId) as number;
		expect(recordHands(db, c, v(), mo.motion.id, { yes: present, no: 0, abstain: 0 }).ok).toBe(
			true
		);
		expect(
			closeMotion(db, c, v(), mo.motion.id, { confirmed: true, now: at('2026-09-14') }).ok
		).toBe(true);
		return resolutionOfMotion(db, v(), mo.motion.id)!;
	}
	const published = (topicId: number) =>
		db
			.prepare("select count(*) from notices where topic_id = ? and kind = 'resolution'")
			.pluck()
			.get(topicId) as number;

	it('a second motion on the same item in the same meeting belongs to the same step', () => {
		const topic = atStep(4);
		const first = closeVote('villagers_meeting', topic, true);
		const count = events(topic);
		// The matter now stands at step 5, yet this meeting still decides its own step 4: the
		// second motion opens, passes and adopts its own resolution, without a second step.
		expect(passSecond(first)).not.toBeNull();
		expect(events(topic)).toBe(count);
		expect(matterOf(db, v(), topic)!.position).toEqual({ kind: 'at', step: 5, done: [1, 2, 3, 4] });
		expect(verifyChain(db).ok).toBe(true);
	});

	it('publishing the decision publishes every resolution its meeting adopted on the matter', () => {
		const topic = atStep(4);
		const first = closeVote('villagers_meeting', topic, true);
		const second = passSecond(first);
		const r = publishResolutionById(db, clerkOf(db), v(), second.id, { now: at('2026-09-15') });
		expect(r.ok).toBe(true);
		expect(published(topic)).toBe(2);
		expect(matterOf(db, v(), topic)!.position).toMatchObject({ done: [1, 2, 3, 4, 5] });
		expect(publicationBlock(db, v(), second)).toBe('already_published');
	});

	it('a resolution passed after the decision was published follows on its own', () => {
		const topic = atStep(4);
		const first = closeVote('villagers_meeting', topic, true);
		const decision = resolutionOfMotion(db, v(), first.motionId)!;
		expect(
			publishResolutionById(db, clerkOf(db), v(), decision.id, { now: at('2026-09-14') }).ok
		).toBe(true);
		const count = events(topic);
		const second = passSecond(first);
		expect(publicationBlock(db, v(), second)).toBeNull();
		expect(
			publishResolutionById(db, clerkOf(db), v(), second.id, { now: at('2026-09-15') }).ok
		).toBe(true);
		expect(published(topic)).toBe(2);
		// Step 5 was taken once, by the decision.
		expect(events(topic)).toBe(count);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('a later meeting may not decide the same matter again', () => {
		const topic = atStep(4);
		closeVote('villagers_meeting', topic, true);
		const c = clerkOf(db);
		const m = createMeeting(
			db,
			c,
			v(),
			{ type: 'villagers_meeting', title: '十月会议', meetingDate: '2026-10-14' },
			{ now: at('2026-10-01') }
		);
		if (!m.ok) throw new Error(m.reason);
		const item = addAgendaItem(db, c, v(), m.meeting.id, { title: '道路', topicId: topic });
		if (!item.ok) throw new Error(item.reason);
		expect(notifyMeeting(db, c, v(), m.meeting.id, { now: at('2026-10-01') }).ok).toBe(true);
		expect(openMeeting(db, c, v(), m.meeting.id, { now: at('2026-10-14') }).ok).toBe(true);
		const mo = createMotion(db, c, v(), item.agendaItemId, { text: '再议道路', method: 'hands' });
		if (!mo.ok) throw new Error(mo.reason);
		expect(openMotion(db, c, v(), mo.motion.id, { now: at('2026-10-14') }).ok).toBe(false);
	});
});
