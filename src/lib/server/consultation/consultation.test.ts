import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { CONSULTATION_DISCLOSURE_KINDS, disclosureCadence, getNotice } from '../notices/notices';
import { addParty, linkMeeting, recordMaterialsSent } from './preparation';
import { chooseRoute, recordFeedback, recordOutcome } from './outcome';
import { consultationOf } from './consultation';
import {
	recordCoordinationOutcome,
	coordinationOutcomeOf,
	topicsCoordinationMaySettle
} from './coordination';
import { startImplementation } from '../implementation/progress';
import { createTopic } from '../topics/filing';
import { findTopic } from '../topics/records';
import {
	at,
	clerkOf,
	holdMeeting,
	personByPhone,
	topicOn,
	villagerOf
} from '../implementation/test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const v = () => demoVillageId(db);
const now = { now: at('2026-11-01') };

/** A fruit-tree consultation up to its closed meeting with two roster parties and one outsider. */
function consulted(category: 'ecology' | 'village_rules' = 'ecology') {
	const topic = topicOn(db, 'consultation', { category, title: '荒山栽种果树4900棵' });
	const parties = [personByPhone(db, '13800000003'), personByPhone(db, '13800000005')];
	for (const p of parties)
		expect(addParty(db, clerkOf(db), v(), topic, { personId: p }, now)).toEqual({ ok: true });
	expect(
		addParty(db, clerkOf(db), v(), topic, { name: '种植大户周强', interest: '承包荒坡' }, now)
	).toEqual({ ok: true });
	expect(recordMaterialsSent(db, clerkOf(db), v(), topic, '2026-04-01', now)).toEqual({ ok: true });
	const meeting = holdMeeting(db, 'consultation', topic, parties);
	expect(linkMeeting(db, clerkOf(db), v(), topic, meeting.meetingId, now)).toEqual({ ok: true });
	return { topic, meeting };
}

describe('the consultation track', () => {
	it('names parties, records the materials and the meeting, and refuses out of order or twice', () => {
		const topic = topicOn(db, 'consultation', { category: 'ecology' });
		expect(recordMaterialsSent(db, clerkOf(db), v(), topic, '2026-04-01', now)).toEqual({
			ok: false,
			reason: 'no_parties'
		});
		expect(addParty(db, villagerOf(db), v(), topic, { name: '周强' }, now)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(addParty(db, clerkOf(db), v(), topic, { name: '' }, now)).toEqual({
			ok: false,
			reason: 'bad_name'
		});
		expect(addParty(db, clerkOf(db), v(), topic, { personId: 999_999 }, now)).toEqual({
			ok: false,
			reason: 'bad_person'
		});
		expect(addParty(db, clerkOf(db), v(), topic, { name: '周强' }, now)).toEqual({ ok: true });
		expect(addParty(db, clerkOf(db), v(), topic, { name: '周强' }, now)).toEqual({
			ok: false,
			reason: 'duplicate_party'
		});
		expect(recordMaterialsSent(db, clerkOf(db), v(), topic, '2099-01-01', now)).toEqual({
			ok: false,
			reason: 'future_date'
		});
		expect(recordMaterialsSent(db, clerkOf(db), v(), topic, '2026-04-01', now)).toEqual({
			ok: true
		});
		expect(recordMaterialsSent(db, clerkOf(db), v(), topic, '2026-04-02', now)).toEqual({
			ok: false,
			reason: 'already_recorded'
		});
		expect(recordOutcome(db, clerkOf(db), v(), topic, '同意', now)).toEqual({
			ok: false,
			reason: 'no_meeting'
		});
		// A voting meeting, or a consultation meeting on another topic, is not this consultation.
		const other = holdMeeting(db, 'two_committees', topic);
		expect(linkMeeting(db, clerkOf(db), v(), topic, other.meetingId, now)).toEqual({
			ok: false,
			reason: 'bad_meeting'
		});
		// Not on the consultation track at all.
		const direct = topicOn(db, 'direct');
		expect(addParty(db, clerkOf(db), v(), direct, { name: '周强' }, now)).toEqual({
			ok: false,
			reason: 'not_consultation'
		});
	});

	it('refuses a meeting that left a roster party out', () => {
		const topic = topicOn(db, 'consultation', { category: 'ecology' });
		addParty(db, clerkOf(db), v(), topic, { personId: personByPhone(db, '13800000005') }, now);
		const meeting = holdMeeting(db, 'consultation', topic, [personByPhone(db, '13800000003')]);
		expect(linkMeeting(db, clerkOf(db), v(), topic, meeting.meetingId, now)).toEqual({
			ok: false,
			reason: 'parties_not_invited'
		});
	});

	it('posts the outcome as a consultation outcome, never a resolution, then the route and the feedback', () => {
		const { topic } = consulted();
		const c = consultationOf(db, v(), topic)!;
		expect(c.speeches).toHaveLength(2);
		expect(c.parties.map((p) => p.name)).toContain('种植大户周强');
		expect(chooseRoute(db, clerkOf(db), v(), topic, { route: 'submit' }, now)).toEqual({
			ok: false,
			reason: 'no_outcome'
		});
		expect(
			recordOutcome(db, clerkOf(db), v(), topic, '同意在后山荒坡栽种果树，先修上山便道。', now)
		).toEqual({ ok: true });
		const after = consultationOf(db, v(), topic)!;
		const notice = getNotice(db, v(), after.outcomeNoticeSeq!)!;
		expect(notice.kind).toBe('consultation_outcome');
		expect(notice.resolutionId).toBeNull();
		expect(notice.title).not.toMatch(/决议|决〔/);
		expect(db.prepare('select count(*) from resolutions').pluck().get()).toBe(0);
		expect(addParty(db, clerkOf(db), v(), topic, { name: '迟到的人' }, now)).toEqual({
			ok: false,
			reason: 'outcome_recorded'
		});
		expect(recordFeedback(db, clerkOf(db), v(), topic, '已采纳', now)).toEqual({
			ok: false,
			reason: 'no_route'
		});
		expect(chooseRoute(db, clerkOf(db), v(), topic, { route: 'maybe' }, now)).toEqual({
			ok: false,
			reason: 'bad_route'
		});
		const before = db.prepare('select max(id) from audit').pluck().get();
		expect(
			chooseRoute(db, clerkOf(db), v(), topic, { route: 'submit', reason: '涉及集体土地' }, now)
		).toEqual({ ok: true });
		// Submitted to a decision meeting: the topic takes the 4+2 track in the same transaction.
		expect(findTopic(db, v(), topic)!.state).toBe('four_plus_two');
		expect(
			db.prepare('select action from audit where id > ? order by id').pluck().all(before)
		).toEqual(['consultation.route_chosen', 'topic.moved_to_four_plus_two']);
		expect(chooseRoute(db, clerkOf(db), v(), topic, { route: 'implement' }, now)).toEqual({
			ok: false,
			reason: 'already_recorded'
		});
		// Submitted, so nothing is implemented until a decision meeting resolves it.
		expect(
			startImplementation(db, clerkOf(db), v(), topic, {
				responsiblePersonId: personByPhone(db, '13800000003'),
				plan: '栽树',
				budget: [{ source: '自筹', amountFen: 100 }]
			})
		).toEqual({ ok: false, reason: 'not_decided' });
		expect(
			recordFeedback(db, clerkOf(db), v(), topic, '协商意见已提交村民代表会议。', now)
		).toEqual({ ok: true });
		const done = consultationOf(db, v(), topic)!;
		expect(getNotice(db, v(), done.feedbackNoticeSeq!)!.kind).toBe('consultation_feedback');
		// Its feedback is published, but the topic ends on the 4+2 track, when its matter is archived.
		expect(findTopic(db, v(), topic)).toMatchObject({ state: 'four_plus_two', endKind: null });
		expect(() => db.prepare("update consultations set outcome = '改'").run()).toThrow(
			/recorded once/
		);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('lets a consultation outcome be implemented directly, except a matter for the villagers’ meeting', () => {
		const direct = consulted();
		recordOutcome(db, clerkOf(db), v(), direct.topic, '同意', now);
		expect(chooseRoute(db, clerkOf(db), v(), direct.topic, { route: 'implement' }, now)).toEqual({
			ok: true
		});
		expect(
			startImplementation(db, clerkOf(db), v(), direct.topic, {
				responsiblePersonId: personByPhone(db, '13800000003'),
				plan: '栽树',
				budget: [{ source: '自筹', amountFen: 100 }]
			}).ok
		).toBe(true);
		expect(findTopic(db, v(), direct.topic)!.state).toBe('consultation');
		const before = db.prepare('select max(id) from audit').pluck().get();
		expect(recordFeedback(db, clerkOf(db), v(), direct.topic, '已按协商意见栽树。', now)).toEqual({
			ok: true
		});
		// Implemented as agreed, the published feedback is the consultation track's end.
		expect(findTopic(db, v(), direct.topic)).toMatchObject({
			state: 'completed',
			endKind: 'feedback',
			closedAt: now.now.toISOString()
		});
		expect(
			db.prepare('select action from audit where id > ? order by id').pluck().all(before)
		).toEqual(['notice.posted', 'consultation.feedback_recorded', 'topic.feedback_published']);
		const rules = consulted('village_rules');
		recordOutcome(db, clerkOf(db), v(), rules.topic, '同意修订', now);
		expect(chooseRoute(db, clerkOf(db), v(), rules.topic, { route: 'implement' }, now)).toEqual({
			ok: false,
			reason: 'must_submit'
		});
	});
});

describe('consultation outcomes and their follow-up: a disclosure item (2026 art. 35 item 4)', () => {
	it('counts in the cadence: the last one posted, and outcomes a quarter old without follow-up', () => {
		const { topic } = consulted();
		const cadence = (today: string) => {
			const c = disclosureCadence(db, v(), today);
			return [c.lastConsultation, c.consultationFollowUpsDue];
		};
		expect(cadence('2026-10-31')).toEqual([null, 0]);
		expect(recordOutcome(db, clerkOf(db), v(), topic, '同意栽树', now)).toEqual({ ok: true });
		const table: [string, (string | number | null)[]][] = [
			['2026-11-01', ['2026-11-01', 0]],
			['2026-12-31', ['2026-11-01', 0]],
			// A new quarter, and the outcome's follow-up still unpublished.
			['2027-01-01', ['2026-11-01', 1]]
		];
		for (const [today, expected] of table)
			expect([today, ...cadence(today)]).toEqual([today, ...expected]);
		chooseRoute(db, clerkOf(db), v(), topic, { route: 'implement' }, now);
		const later = { now: at('2027-01-04') };
		expect(recordFeedback(db, clerkOf(db), v(), topic, '已栽树', later)).toEqual({ ok: true });
		expect(cadence('2027-01-04')).toEqual(['2027-01-04', 0]);
		expect(CONSULTATION_DISCLOSURE_KINDS).toEqual([
			getNotice(db, v(), consultationOf(db, v(), topic)!.outcomeNoticeSeq!)!.kind,
			getNotice(db, v(), consultationOf(db, v(), topic)!.feedbackNoticeSeq!)!.kind
		]);
	});
});

describe('the urgent coordination outcome', () => {
	const tasks = [{ name: '王丽', task: '连夜联系派出所' }];
	it('records what was agreed and who acts, for a closed urgent meeting only, never an art. 24 topic', () => {
		const attendees = [personByPhone(db, '13800000001'), personByPhone(db, '13800000003')];
		const urgent = holdMeeting(db, 'urgent_coordination', null, attendees);
		const consultation = holdMeeting(db, 'consultation', null, attendees);
		const service = topicOn(db, 'direct', { title: '户口迁移急事' });
		const drafted = createTopic(
			db,
			villagerOf(db),
			v(),
			{
				title: '自来水管道老化改造',
				description: '还没想好。',
				category: 'livelihood',
				place: '',
				affected: '',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: false }
		);
		if (!drafted.ok) throw new Error(drafted.reason);
		const draft = drafted.topic.id;
		const major = topicOn(db, 'four_plus_two', {
			category: 'development',
			art24: ['public_welfare']
		});
		const rules = topicOn(db, 'consultation', { category: 'village_rules', title: '修订村规民约' });
		const table = [
			[villagerOf(db), urgent.meetingId, { agreed: '办', tasks }, 'forbidden'],
			[clerkOf(db), consultation.meetingId, { agreed: '办', tasks }, 'not_urgent'],
			[clerkOf(db), 999_999, { agreed: '办', tasks }, 'not_found'],
			[clerkOf(db), urgent.meetingId, { agreed: ' ', tasks }, 'bad_text'],
			[clerkOf(db), urgent.meetingId, { agreed: '办', tasks: [] }, 'bad_tasks'],
			[
				clerkOf(db),
				urgent.meetingId,
				{ agreed: '办', tasks: [{ personId: 999_999, task: '跑一趟' }] },
				'bad_person'
			],
			[clerkOf(db), urgent.meetingId, { agreed: '办', tasks, topicId: major }, 'art24_topic'],
			[
				clerkOf(db),
				urgent.meetingId,
				{ agreed: '办', tasks, topicId: rules },
				'village_rules_topic'
			],
			// A draft is only its writer's: staff cannot even name it.
			[clerkOf(db), urgent.meetingId, { agreed: '办', tasks, topicId: draft }, 'bad_topic']
		] as const;
		for (const [actor, meeting, input, reason] of table)
			expect(
				recordCoordinationOutcome(
					db,
					actor,
					v(),
					meeting,
					input as Parameters<typeof recordCoordinationOutcome>[4]
				)
			).toEqual({
				ok: false,
				reason
			});
		expect(coordinationOutcomeOf(db, v(), urgent.meetingId)).toBeNull();
		// The clerk's form offers what the command accepts: the service case, not the 4+2 matter
		// nor the draft.
		const offered = topicsCoordinationMaySettle(db, v()).map((t) => t.id);
		expect(offered).toContain(service);
		expect(offered).not.toContain(major);
		expect(offered).not.toContain(draft);
		const r = recordCoordinationOutcome(db, clerkOf(db), v(), urgent.meetingId, {
			agreed: '当晚协调派出所补办户口迁移证明。',
			tasks: [...tasks, { personId: attendees[1], task: '次日带材料到派出所' }],
			topicId: service
		});
		expect(r.ok).toBe(true);
		expect(coordinationOutcomeOf(db, v(), urgent.meetingId)).toMatchObject({
			topic: { id: service },
			tasks: [{ name: '王丽' }, { name: '张秀英', personId: attendees[1] }]
		});
		expect(
			recordCoordinationOutcome(db, clerkOf(db), v(), urgent.meetingId, { agreed: '再', tasks })
		).toEqual({
			ok: false,
			reason: 'already_recorded'
		});
		expect(db.prepare('select count(*) from resolutions').pluck().get()).toBe(0);
	});
});
