import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { holdPastMeeting } from '../seed/demo-past-meeting';
import { createTopic } from '../topics/filing';
import { triageTopic } from '../topics/triage';
import type { MeetingType } from '../votes/rules';
import { authorizeReps, matterOf, recordFailedVote, recordStep } from './matters';
import { noticeOfResolution, publishResolution, publishResolutionById } from './publication';
import { registerOf } from '../implementation/register';
import { resolutionOfMotion } from './resolutions';
import { resolutionNoticeBody, resolutionNoticeWords } from './notice-words';

let db: Db;
let fortnight = 0;
useDemoVillageDb((d) => {
	db = d;
	fortnight = 0;
});

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const villager = () => demoActor(db, '13800000003');
const iso = (d: Date) => d.toISOString().slice(0, 10);

function topic() {
	const t = createTopic(
		db,
		villager(),
		village(),
		{
			title: '村内主干道硬化',
			description: '主干道雨天泥泞，希望硬化。',
			category: 'development',
			place: '村内',
			affected: '全村',
			estimatedCostFen: null,
			funding: ''
		},
		{ submit: true, now: new Date('2026-03-02T02:00:00Z') }
	);
	if (!t.ok) throw new Error(t.reason);
	const d = triageTopic(db, clerk(), village(), t.topic.id, {
		route: 'four_plus_two',
		reason: '公益事业建设',
		art24: ['public_welfare']
	});
	if (!d.ok) throw new Error(d.reason);
	return t.topic.id;
}

/** One meeting per fortnight from April, so every notice period is met. */
function hold(
	type: MeetingType,
	topicId: number | null,
	opts: { fails?: boolean; township?: boolean } = {}
) {
	const notice = new Date(Date.UTC(2026, 3, 1 + 15 * fortnight++));
	const date = new Date(notice.getTime() + 12 * 86_400_000);
	const r = holdPastMeeting(db, clerk(), village(), {
		type,
		title: `会议${fortnight}`,
		noticeDate: iso(notice),
		meetingDate: iso(date),
		township: opts.township,
		motions: [{ agendaTitle: '道路硬化', topicId, text: '同意硬化村内主干道', fails: opts.fails }]
	});
	return { meetingId: r.meetingId, motionId: r.motionIds[0], date: iso(date) };
}

/** A matter walked to step 5 by a villagers' meeting; returns the topic and the step-4 motion. */
function atStepFive() {
	const v = village();
	const t = topic();
	expect(recordStep(db, clerk(), v, t, hold('two_committees', t).motionId).ok).toBe(true);
	expect(
		recordStep(db, clerk(), v, t, hold('party_assembly', t, { township: true }).motionId).ok
	).toBe(true);
	const decision = hold('villagers_meeting', t, { township: true });
	expect(recordStep(db, clerk(), v, t, decision.motionId).ok).toBe(true);
	return { topicId: t, decision };
}

describe('publishing a resolution (step 5)', () => {
	it('posts the resolution notice with its arithmetic and records step 5 in one transaction', () => {
		const v = village();
		const { topicId, decision } = atStepFive();
		const resolution = resolutionOfMotion(db, v, decision.motionId)!;
		const now = new Date('2026-11-27T02:00:00Z');
		const r = publishResolution(db, clerk(), v, topicId, { now });
		if (!r.ok) throw new Error(r.reason);
		expect(r.notice).toMatchObject({
			kind: 'resolution',
			title: `${resolution.number} 村内主干道硬化`,
			resolutionId: resolution.id,
			topicId,
			meetingId: decision.meetingId,
			postedOn: '2026-11-27',
			objectionsUntil: '2026-12-02'
		});
		expect(r.notice.body).toContain('同意硬化村内主干道');
		expect(r.notice.body).toMatch(/表决方式：举手表决/);
		expect(r.notice.body).toMatch(/法定人数：.*\d/);
		expect(r.notice.body).toMatch(/通过计算：.*\d/);
		expect(r.notice.body).not.toMatch(/(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/);
		expect(matterOf(db, v, topicId)!.position).toEqual({
			kind: 'at',
			step: 6,
			done: [1, 2, 3, 4, 5]
		});
		expect(noticeOfResolution(db, v, resolution.id)!.id).toBe(r.notice.id);
		expect(
			db
				.prepare(
					"select action from audit where action in ('notice.posted', 'procedure.steps_recorded') order by id desc limit 2"
				)
				.pluck()
				.all()
		).toEqual(['procedure.steps_recorded', 'notice.posted']);
		expect(verifyChain(db).ok).toBe(true);
	});

	// The stored notice stays the Chinese legal record; the page rebuilds it in the reader's
	// language from the same records (issue 16 item 6).
	it('rebuilds the notice from its record: the stored Chinese exactly, English without Chinese', () => {
		const v = village();
		const { topicId, decision } = atStepFive();
		const resolution = resolutionOfMotion(db, v, decision.motionId)!;
		const r = publishResolution(db, clerk(), v, topicId, { now: new Date('2026-11-27T02:00:00Z') });
		if (!r.ok) throw new Error(r.reason);
		expect(resolutionNoticeBody(resolutionNoticeWords(db, resolution, 'zh-CN'))).toBe(
			r.notice.body
		);
		const en = resolutionNoticeWords(db, resolution, 'en', (d) => `[${d}]`);
		expect(en.pass).toMatchObject({ basis: 'present', passed: true });
		expect(en.arithmetic).toEqual([
			expect.stringMatching(/^Quorum: /),
			expect.stringMatching(/^Pass check: /)
		]);
		// The village's own words (the resolution, its official number, the meeting's title) are the
		// only Chinese left.
		const generated = [en.summary, ...en.facts, ...en.arithmetic, ...en.closing]
			.join('\n')
			.replaceAll(resolution.text, '')
			.replaceAll(resolution.number, '')
			.replace(/会议\d+/g, '');
		expect(generated).toMatch(/Method: Show of hands/);
		expect(generated).toMatch(/Quorum: .* or .*/);
		expect(generated).toContain(`[${resolution.adoptedOn}]`);
		expect(generated).not.toMatch(/[\u3000-\u303f\u3400-\u9fff\uff01-\uff60]/);
	});

	const refusals: {
		name: string;
		setup: () => { topicId: number };
		reason: string;
		actor?: () => ReturnType<typeof clerk>;
	}[] = [
		{
			name: 'a matter still at step 3',
			setup: () => {
				const t = topic();
				recordStep(db, clerk(), village(), t, hold('two_committees', t).motionId);
				return { topicId: t };
			},
			reason: 'not_at_step_5'
		},
		{
			name: 'a matter published already',
			setup: () => {
				const { topicId } = atStepFive();
				publishResolution(db, clerk(), village(), topicId);
				return { topicId };
			},
			reason: 'not_at_step_5'
		},
		{
			name: 'a matter that ended after a failed vote',
			setup: () => {
				const t = topic();
				recordStep(db, clerk(), village(), t, hold('two_committees', t).motionId);
				const failed = hold('party_assembly', t, { fails: true });
				recordFailedVote(db, clerk(), village(), t, failed.motionId, {
					choice: 'end',
					reason: '党员大会未通过'
				});
				return { topicId: t };
			},
			reason: 'not_at_step_5'
		},
		{
			name: 'a villager',
			setup: () => atStepFive(),
			reason: 'forbidden',
			actor: villager
		},
		{
			name: 'a topic not on the 4+2 track',
			setup: () => ({ topicId: 999_999 }),
			reason: 'not_found'
		}
	];
	for (const c of refusals)
		it(`refuses ${c.name} and changes nothing`, () => {
			const { topicId } = c.setup();
			const before = db.prepare('select count(*) from notices').pluck().get();
			const events = db.prepare('select count(*) from procedure_events').pluck().get();
			const r = publishResolution(db, (c.actor ?? clerk)(), village(), topicId);
			expect(r).toMatchObject({ ok: false, reason: c.reason });
			expect(db.prepare('select count(*) from notices').pluck().get()).toBe(before);
			expect(db.prepare('select count(*) from procedure_events').pluck().get()).toBe(events);
		});

	it('publishes a topic-less resolution from its page without a procedure event, once', () => {
		const v = village();
		const held = hold('villagers_meeting', null);
		const resolution = resolutionOfMotion(db, v, held.motionId)!;
		const r = publishResolutionById(db, clerk(), v, resolution.id);
		expect(r).toMatchObject({
			ok: true,
			notice: { kind: 'resolution', resolutionId: resolution.id }
		});
		expect(publishResolutionById(db, clerk(), v, resolution.id)).toMatchObject({
			ok: false,
			reason: 'already_published'
		});
		expect(db.prepare('select count(*) from procedure_events').pluck().get()).toBe(0);
	});

	it("sends a 4+2 matter's resolution through step 5 from the resolution page", () => {
		const v = village();
		const { topicId, decision } = atStepFive();
		const resolution = resolutionOfMotion(db, v, decision.motionId)!;
		expect(publishResolutionById(db, clerk(), v, resolution.id).ok).toBe(true);
		expect(matterOf(db, v, topicId)!.position).toMatchObject({ kind: 'at', step: 6 });
	});

	it('counts a reps meeting only with an authorisation, then publishes its resolution', () => {
		const v = village();
		const t = topic();
		recordStep(db, clerk(), v, t, hold('two_committees', t).motionId);
		recordStep(db, clerk(), v, t, hold('party_assembly', t).motionId);
		// Without an authorisation the vote does not even open (procedure/opening.ts).
		expect(() => hold('reps_meeting', t)).toThrow(/reps_not_authorized/);
		const grant = hold('villagers_meeting', null);
		expect(
			authorizeReps(db, clerk(), v, grant.motionId, {
				categories: ['development'],
				art24Items: ['public_welfare'],
				validFrom: grant.date,
				validTo: '2027-12-31'
			}).ok
		).toBe(true);
		const authorised = hold('reps_meeting', t);
		expect(recordStep(db, clerk(), v, t, authorised.motionId).ok).toBe(true);
		expect(publishResolution(db, clerk(), v, t).ok).toBe(true);
	});
});

describe('the register', () => {
	it('fills six sheets from the records: meetings, names, the township attendee, the notice', () => {
		const v = village();
		const { topicId, decision } = atStepFive();
		const published = publishResolution(db, clerk(), v, topicId);
		if (!published.ok) throw new Error(published.reason);
		const reg = registerOf(db, v, topicId)!;
		expect(reg.sheets.map((s) => s.done)).toEqual([true, true, true, true, true, false]);
		// 一肩挑: one joint meeting is the sheet of steps 1 and 2.
		expect(reg.sheets[0].meeting!.meetingType).toBe('two_committees');
		expect(reg.sheets[1].meeting!.meetingId).toBe(reg.sheets[0].meeting!.meetingId);
		expect(reg.sheets[2].meeting!.meetingType).toBe('party_assembly');
		const step4 = reg.sheets[3].meeting!;
		expect(step4).toMatchObject({
			meetingId: decision.meetingId,
			motionText: '同意硬化村内主干道',
			result: 'passed',
			content: '道路硬化'
		});
		expect(step4.present).toBe(step4.expected);
		expect(step4.signatures).toHaveLength(step4.present);
		expect(step4.township).toEqual([
			{ name: '孙明', position: '长青乡党委委员', byAccount: false }
		]);
		expect(reg.sheets[4].disclosure).toMatchObject({ seq: published.notice.seq });
		expect(reg.sheets[5]).toMatchObject({ done: false, meeting: null, disclosure: null });
		expect(JSON.stringify(reg)).not.toMatch(/(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/);
	});

	it('is null for a topic that is not a 4+2 matter', () => {
		expect(registerOf(db, village(), 999_999)).toBeNull();
	});
});
