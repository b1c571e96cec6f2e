import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addAgendaItem, createMeeting } from '../meetings/calling';
import { closeMeeting, closeMotion } from './closing';
import { createMotion } from '../votes/motions';
import { openMotion } from './opening';
import { notifyMeeting, openMeeting } from '../meetings/notice';
import { recordHands } from '../votes/ballots';
import { signIn } from '../meetings/attendance';
import { createTopic } from '../topics/filing';
import { triageTopic } from '../topics/triage';
import type { Category } from '../topics/rules';
import type { MeetingType } from '../votes/rules';
import { addDays } from '../calendar/dates';
import {
	authorizeReps,
	matterOf,
	recordFailedVote,
	recordStep,
	repsAuthorizedFor
} from './matters';
import { correctResolution, resolutionsOfTopic } from './resolutions';

let db: Db;
let day = 0;
useDemoVillageDb((d) => {
	db = d;
	day = 0;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const at = (date: string) => new Date(`${date}T02:00:00Z`);

function fourPlusTwoTopic(category: Category = 'development') {
	const v = village();
	const t = createTopic(
		db,
		demoActor(db, '13800000003'),
		v,
		{
			title: '建设果蔬储藏库',
			description: '建一座1000平方米的储藏库。',
			category,
			place: '村东头',
			affected: '全村',
			estimatedCostFen: 72_400_000,
			funding: '中央扶持资金50万元，自筹22.4万元'
		},
		{ submit: true, now: at('2026-03-02') }
	);
	if (!t.ok) throw new Error(t.reason);
	const d = triageTopic(db, clerk(), v, t.topic.id, {
		route: 'four_plus_two',
		reason: '集体经济项目',
		art24: ['collective_income']
	});
	if (!d.ok) throw new Error(d.reason);
	return t.topic.id;
}

/**
 * Opens a meeting of `type` on the topic, everyone signed in, and tries to open a vote on it: the
 * answer of openMotion, with the motion left as a draft when it is refused.
 */
function opened(type: MeetingType, topicId: number | null) {
	const v = village();
	const c = clerk();
	// Each meeting its own fortnight, so every notice period is met.
	const notice = new Date(Date.UTC(2026, 3, 1 + 15 * day++));
	const date = new Date(notice.getTime() + 12 * 86_400_000);
	const iso = (d: Date) => d.toISOString().slice(0, 10);
	const m = createMeeting(
		db,
		c,
		v,
		{ type, title: `会议${day}`, meetingDate: iso(date) },
		{ now: notice }
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, c, v, m.meeting.id, { title: '储藏库', topicId });
	if (!item.ok) throw new Error(item.reason);
	const n = notifyMeeting(db, c, v, m.meeting.id, { now: notice });
	if (!n.ok) throw new Error(n.reason);
	expect(openMeeting(db, c, v, m.meeting.id, { now: date }).ok).toBe(true);
	const voters = db
		.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
		.pluck()
		.all(m.meeting.id) as number[];
	for (const p of voters) signIn(db, c, v, m.meeting.id, p, { now: date });
	const mo = createMotion(db, c, v, item.agendaItemId, { text: '同意建设储藏库', method: 'hands' });
	if (!mo.ok) throw new Error(mo.reason);
	const opening = openMotion(db, c, v, mo.motion.id, { now: date });
	return { meetingId: m.meeting.id, motionId: mo.motion.id, date: iso(date), voters, opening };
}

/** Holds a meeting of `type` on the topic with a show of hands: everyone present, `yes` in favour. */
function held(type: MeetingType, topicId: number | null, yesShare: 'all' | 'none' = 'all') {
	const v = village();
	const c = clerk();
	const { meetingId, motionId, date, voters, opening } = opened(type, topicId);
	expect(opening).toMatchObject({ ok: true });
	const n2 = voters.length;
	const tally =
		yesShare === 'all' ? { yes: n2, no: 0, abstain: 0 } : { yes: 0, no: n2, abstain: 0 };
	expect(recordHands(db, c, v, motionId, tally).ok).toBe(true);
	const at = new Date(`${date}T02:00:00Z`);
	expect(closeMotion(db, c, v, motionId, { confirmed: true, now: at }).ok).toBe(true);
	expect(closeMeeting(db, c, v, meetingId, { confirmed: true, now: at }).ok).toBe(true);
	return { meetingId, motionId, date };
}

describe('the 4+2 matter in the database', () => {
	it('walks steps 1–4 by passed motions, in order, and the decision adopts a numbered resolution', () => {
		const v = village();
		const topic = fourPlusTwoTopic();
		expect(matterOf(db, v, topic)!.position).toEqual({ kind: 'at', step: 1, done: [] });
		// Skipping is refused as the vote opens, and says what was expected.
		expect(opened('party_assembly', topic).opening).toMatchObject({
			ok: false,
			reason: 'wrong_meeting',
			step: 1,
			expected: ['branch_committee', 'two_committees']
		});
		// 一肩挑: the joint meeting of both committees counts for steps 1 and 2, recorded as its
		// vote closes.
		const joint = held('two_committees', topic);
		expect(matterOf(db, v, topic)!.position).toEqual({ kind: 'at', step: 3, done: [1, 2] });
		// The same motion never counts twice: recording it again answers the step already taken.
		const events = () => matterOf(db, v, topic)!.events.length;
		const count = events();
		expect(recordStep(db, clerk(), v, topic, joint.motionId)).toEqual({
			ok: true,
			position: { kind: 'at', step: 3, done: [1, 2] }
		});
		expect(events()).toBe(count);
		held('party_assembly', topic);
		expect(matterOf(db, v, topic)!.position).toEqual({ kind: 'at', step: 4, done: [1, 2, 3] });
		const decision = held('villagers_meeting', topic);
		expect(matterOf(db, v, topic)!.position).toEqual({ kind: 'at', step: 5, done: [1, 2, 3, 4] });
		const [resolution] = resolutionsOfTopic(db, v, topic);
		expect(resolution).toMatchObject({
			number: `新阳村决〔2026〕1号`,
			motionId: decision.motionId,
			text: '同意建设储藏库',
			adoptedOn: decision.date
		});
		expect(resolution.auditHeadHash).toMatch(/^[0-9a-f]{64}$/);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('numbers resolutions per village and year without gaps; a failed vote takes no number', () => {
		const v = village();
		const a = held('villagers_meeting', null);
		held('villagers_meeting', null, 'none');
		held('party_assembly', null);
		const b = held('reps_meeting', null);
		const numbers = db
			.prepare('select number, motion_id from resolutions where village_id = ? order by id')
			.all(v);
		expect(numbers).toEqual([
			{ number: '新阳村决〔2026〕1号', motion_id: a.motionId },
			{ number: '新阳村决〔2026〕2号', motion_id: b.motionId }
		]);
		// The database refuses a gap, an edit and a deletion.
		expect(() =>
			db
				.prepare(
					"insert into resolutions (village_id, year, seq, number, motion_id, meeting_id, text, adopted_on, audit_head_hash, created_at) values (?, 2026, 4, 'x', ?, ?, 'x', '2026-01-01', 'x', 'x')"
				)
				.run(v, a.motionId, a.meetingId)
		).toThrow(/without gaps/);
		expect(() => db.prepare("update resolutions set text = 'changed'").run()).toThrow(
			/never changes/
		);
		expect(() => db.prepare('delete from resolutions').run()).toThrow(/never changes/);
	});

	it('appends a correction, leaving the resolution as adopted', () => {
		const v = village();
		held('villagers_meeting', null);
		const r = db.prepare('select id, text from resolutions').get() as { id: number; text: string };
		expect(correctResolution(db, clerk(), v, r.id, { text: '', reason: 'x' })).toEqual({
			ok: false,
			reason: 'bad_text'
		});
		// Only staff correct, whatever route calls it.
		expect(
			correctResolution(db, demoActor(db, '13800000003'), v, r.id, { text: 'x', reason: 'y' })
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(
			correctResolution(db, clerk(), v, r.id, { text: '储藏库面积应为1000平方米', reason: '笔误' })
				.ok
		).toBe(true);
		expect(db.prepare('select text from resolutions where id = ?').get(r.id)).toEqual({
			text: r.text
		});
		expect(correctResolution(db, clerk(), v + 99, r.id, { text: 'x', reason: 'y' })).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('a failed review sends the matter back to step 2 or ends it, with a reason; it never advances', () => {
		const v = village();
		const topic = fourPlusTwoTopic();
		recordStep(db, clerk(), v, topic, held('two_committees', topic).motionId);
		const failed = held('party_assembly', topic, 'none');
		expect(recordStep(db, clerk(), v, topic, failed.motionId)).toMatchObject({
			ok: false,
			reason: 'motion_not_passed'
		});
		expect(
			recordFailedVote(db, clerk(), v, topic, failed.motionId, { choice: 'send_back', reason: ' ' })
		).toEqual({ ok: false, reason: 'reason_required' });
		expect(
			recordFailedVote(db, clerk(), v, topic, failed.motionId, {
				choice: 'send_back',
				reason: '选址需再议'
			})
		).toEqual({ ok: true, position: { kind: 'at', step: 2, done: [1] } });
		// Sent back, the topic stays on its track.
		expect(matterOf(db, v, topic)!.topic).toMatchObject({ state: 'four_plus_two', endKind: null });
		const again = held('two_committees', topic);
		expect(recordStep(db, clerk(), v, topic, again.motionId).ok).toBe(true);
		const second = held('party_assembly', topic, 'none');
		expect(
			recordFailedVote(db, clerk(), v, topic, second.motionId, {
				choice: 'end',
				reason: '党员大会两次未通过'
			})
		).toEqual({ ok: true, position: { kind: 'ended', done: [1, 2] } });
		// Ended, the topic reaches its end with the matter, in the same transaction and audited.
		expect(matterOf(db, v, topic)!.topic).toMatchObject({
			state: 'completed',
			endKind: 'vote_failed',
			outcome: '党员大会两次未通过'
		});
		expect(
			db
				.prepare(
					"select count(*) from audit where action = 'topic.ended_after_failed_vote' and subject_id = ?"
				)
				.pluck()
				.get(String(topic))
		).toBe(1);
		expect(opened('party_assembly', topic).opening).toMatchObject({ ok: false, reason: 'ended' });
	});

	it("the representatives' meeting decides only with an authorisation covering the matter and date", () => {
		const v = village();
		const topic = fourPlusTwoTopic();
		recordStep(db, clerk(), v, topic, held('two_committees', topic).motionId);
		recordStep(db, clerk(), v, topic, held('party_assembly', topic).motionId);
		const unauthorised = opened('reps_meeting', topic);
		expect(unauthorised.opening).toMatchObject({
			ok: false,
			reason: 'reps_not_authorized',
			step: 4
		});
		const grant = held('villagers_meeting', null);
		const scope = { categories: ['development'], art24Items: ['collective_income'] };
		expect(
			authorizeReps(db, clerk(), v, unauthorised.motionId, {
				...scope,
				validFrom: grant.date,
				validTo: '2028-12-31'
			})
		).toEqual({ ok: false, reason: 'not_a_villagers_meeting' });
		expect(
			authorizeReps(db, clerk(), v, grant.motionId, {
				categories: ['village_rules'],
				art24Items: [],
				validFrom: grant.date,
				validTo: '2028-12-31'
			})
		).toEqual({ ok: false, reason: 'bad_scope' });
		// A period that ends before the reps' meeting does not cover it.
		expect(
			authorizeReps(db, clerk(), v, grant.motionId, {
				...scope,
				validFrom: grant.date,
				validTo: grant.date
			}).ok
		).toBe(true);
		expect(opened('reps_meeting', topic).opening).toMatchObject({
			ok: false,
			reason: 'reps_not_authorized'
		});
		const grant2 = held('villagers_meeting', null);
		expect(
			authorizeReps(db, clerk(), v, grant2.motionId, {
				...scope,
				validFrom: grant2.date,
				validTo: '2028-12-31'
			}).ok
		).toBe(true);
		expect(recordStep(db, clerk(), v, topic, held('reps_meeting', topic).motionId)).toMatchObject({
			ok: true,
			position: { kind: 'at', step: 5 }
		});
	});

	it("an authorisation takes effect no earlier than the villagers' meeting that gave it", () => {
		const v = village();
		const topic = fourPlusTwoTopic();
		recordStep(db, clerk(), v, topic, held('two_committees', topic).motionId);
		recordStep(db, clerk(), v, topic, held('party_assembly', topic).motionId);
		// The decision refused for want of an authorisation, then one adopted later…
		const refused = opened('reps_meeting', topic);
		expect(refused.opening).toMatchObject({ ok: false, reason: 'reps_not_authorized' });
		const grant = held('villagers_meeting', null);
		const scope = { categories: ['development'], art24Items: ['collective_income'] };
		// …cannot be dated back to cover it, by a day or by a year.
		for (const validFrom of [refused.date, '2026-01-01', addDays(grant.date, -1)])
			expect(
				authorizeReps(db, clerk(), v, grant.motionId, {
					...scope,
					validFrom,
					validTo: '2028-12-31'
				})
			).toEqual({ ok: false, reason: 'before_adoption' });
		expect(db.prepare('select count(*) from reps_authorizations').pluck().get()).toBe(0);
		expect(
			authorizeReps(db, clerk(), v, grant.motionId, {
				...scope,
				validFrom: grant.date,
				validTo: '2028-12-31'
			}).ok
		).toBe(true);
		expect(openMotion(db, clerk(), v, refused.motionId, { now: at(refused.date) })).toMatchObject({
			ok: false,
			reason: 'reps_not_authorized'
		});
		expect(repsAuthorizedFor(db, v, matterOf(db, v, topic)!.topic, refused.date)).toBe(false);
		expect(repsAuthorizedFor(db, v, matterOf(db, v, topic)!.topic, grant.date)).toBe(true);
	});

	it("village rules always need the villagers' meeting, authorised or not", () => {
		const v = village();
		const topic = fourPlusTwoTopic('village_rules');
		recordStep(db, clerk(), v, topic, held('two_committees', topic).motionId);
		recordStep(db, clerk(), v, topic, held('party_assembly', topic).motionId);
		expect(opened('reps_meeting', topic).opening).toMatchObject({
			ok: false,
			reason: 'needs_villagers_meeting'
		});
	});

	it('refuses a villager, another village, a topic off the track and a motion of another village', () => {
		const v = village();
		const topic = fourPlusTwoTopic();
		const m = held('two_committees', topic);
		// The vote's close recorded its steps; nobody refused below adds one.
		const before = db.prepare('select count(*) as n from procedure_events').get();
		expect(before).toEqual({ n: 1 });
		expect(recordStep(db, demoActor(db, '13800000003'), v, topic, m.motionId)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(recordStep(db, clerk(), v + 99, topic, m.motionId)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(recordStep(db, clerk(), v, topic, m.motionId + 999)).toEqual({
			ok: false,
			reason: 'motion_not_found'
		});
		const after = db.prepare('select count(*) as n from procedure_events').get();
		expect(after).toEqual(before);
	});
});
