// Every topic reaches an end (issue 14): the urgent coordination's agreed actions done, the rates
// that count each track's end, and the migration that ends topics already at their track's end.
import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../audit/actions';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { command } from '../command';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { rerunMigration } from '../db/test-db';
import {
	coordinationDoneOf,
	coordinationOutcomeOf,
	recordCoordinationDone,
	recordCoordinationOutcome
} from '../consultation/coordination';
import { closedLoopFigures } from '../topics/queries';
import { endTopic, findTopic } from '../topics/records';
import { withdrawTopic } from '../topics/proposing';
import { completeDirect, triageTopic } from '../topics/triage';
import type { EndingMove } from '../topics/rules';
import { at, clerkOf, holdMeeting, personByPhone, topicOn, villagerOf } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const v = () => demoVillageId(db);
const audits = () => db.prepare('select count(*) from audit').pluck().get() as number;

/** An urgent coordination held and its outcome recorded, settling `topicId`. */
function coordinated(topicId: number | null) {
	const attendees = [personByPhone(db, '13800000001'), personByPhone(db, '13800000003')];
	const held = holdMeeting(db, 'urgent_coordination', null, attendees);
	const r = recordCoordinationOutcome(db, clerkOf(db), v(), held.meetingId, {
		agreed: '当晚协调派出所补办户口迁移证明。',
		tasks: [{ name: '王丽', task: '连夜联系派出所' }],
		topicId
	});
	if (!r.ok) throw new Error(r.reason);
	return held;
}

describe('the urgent coordination track ends when its agreed actions are done', () => {
	it('refuses a wrong asker, day or second record, and changes nothing', () => {
		const service = topicOn(db, 'direct', { title: '户口迁移急事' });
		const held = coordinated(service);
		const later = { now: at('2026-12-01') };
		const before = audits();
		const table = [
			[villagerOf(db), held.meetingId, held.date, 'forbidden'],
			[clerkOf(db), 999_999, held.date, 'not_found'],
			[clerkOf(db), held.meetingId, '2026-02-30', 'bad_done_date'],
			[clerkOf(db), held.meetingId, '2026-01-01', 'bad_done_date'],
			[clerkOf(db), held.meetingId, '2026-12-02', 'future_done_date']
		] as const;
		for (const [actor, meeting, doneOn, reason] of table)
			expect(
				recordCoordinationDone(db, actor, v(), meeting, { doneOn, note: '' }, later),
				reason
			).toEqual({ ok: false, reason });
		expect(
			recordCoordinationDone(
				db,
				clerkOf(db),
				v(),
				held.meetingId,
				{ doneOn: held.date, note: '办'.repeat(501) },
				later
			)
		).toEqual({ ok: false, reason: 'bad_note' });
		expect(audits()).toBe(before);
		expect(findTopic(db, v(), service)!.state).toBe('direct');
		// An urgent meeting whose outcome is not recorded yet.
		const bare = holdMeeting(db, 'urgent_coordination', null, [personByPhone(db, '13800000001')]);
		expect(
			recordCoordinationDone(db, clerkOf(db), v(), bare.meetingId, { doneOn: bare.date, note: '' })
		).toEqual({ ok: false, reason: 'no_outcome' });
	});

	it('ends the topic it settled, in the same transaction, with the audit of both', () => {
		const service = topicOn(db, 'direct', { title: '户口迁移急事' });
		const held = coordinated(service);
		const before = audits();
		const now = at('2026-12-01');
		expect(
			recordCoordinationDone(
				db,
				clerkOf(db),
				v(),
				held.meetingId,
				{ doneOn: held.date, note: '次日已补办户口迁移证明。' },
				{ now }
			)
		).toEqual({ ok: true });
		expect(findTopic(db, v(), service)).toMatchObject({
			state: 'completed',
			endKind: 'coordination',
			closedAt: now.toISOString(),
			outcome: '次日已补办户口迁移证明。'
		});
		const outcome = coordinationOutcomeOf(db, v(), held.meetingId)!;
		expect(coordinationDoneOf(db, outcome.id)).toEqual({
			doneOn: held.date,
			note: '次日已补办户口迁移证明。'
		});
		expect(
			db.prepare('select action from audit where id > ? order by id').pluck().all(before)
		).toEqual(['coordination.actions_done', 'topic.coordination_done']);
		expect(
			recordCoordinationDone(db, clerkOf(db), v(), held.meetingId, { doneOn: held.date, note: '' })
		).toEqual({ ok: false, reason: 'done_already' });
		expect(() => db.prepare("update coordination_done set note = '改'").run()).toThrow(/once/);
		expect(verifyChain(db).ok).toBe(true);
	});

	it('accepts a topic it settled before any triage, so the rates never count it unaccepted', () => {
		const t = topicOn(db, 'direct');
		db.prepare("update topics set state = 'submitted', triaged_at = null where id = ?").run(t);
		const held = coordinated(t);
		expect(
			recordCoordinationDone(db, clerkOf(db), v(), held.meetingId, { doneOn: held.date, note: '' })
		).toEqual({ ok: true });
		const ended = findTopic(db, v(), t)!;
		expect([ended.state, ended.endKind, ended.triagedAt !== null]).toEqual([
			'completed',
			'coordination',
			true
		]);
		expect(ended.outcome).toBe('当晚协调派出所补办户口迁移证明。');
	});
});

type Fate =
	| 'pending'
	| 'not_accepted'
	| 'merged'
	| 'withdrawn'
	| 'direct'
	| 'direct_done'
	| 'four_plus_two'
	| 'archived'
	| 'consultation'
	| 'feedback'
	| 'coordination';

/**
 * A topic filed on 2026-03-02 brought to its fate by the domain's verbs. The archive and the
 * feedback end the topic through `endTopic`, as archiveMatter and recordFeedback do once the
 * procedure or the consultation allows it; those rules are tested with their verbs.
 */
function topicWithFate(fate: Fate, mergeTarget: () => string): number {
	const route = (
		{
			pending: 'direct',
			not_accepted: 'not_accepted',
			merged: 'merge',
			withdrawn: 'direct',
			direct: 'direct',
			direct_done: 'direct',
			four_plus_two: 'four_plus_two',
			archived: 'four_plus_two',
			consultation: 'consultation',
			feedback: 'consultation',
			coordination: 'direct'
		} as const
	)[fate];
	const t = topicOn(db, 'direct');
	db.prepare(
		"update topics set state = 'submitted', triaged_at = null, triaged_by = null where id = ?"
	).run(t);
	if (fate === 'pending') return t;
	if (fate === 'withdrawn') {
		expect(withdrawTopic(db, villagerOf(db), v(), t).ok).toBe(true);
		return t;
	}
	if (fate === 'coordination') {
		const held = coordinated(t);
		const r = recordCoordinationDone(db, clerkOf(db), v(), held.meetingId, {
			doneOn: held.date,
			note: ''
		});
		expect(r.ok).toBe(true);
		return t;
	}
	const d = triageTopic(db, clerkOf(db), v(), t, {
		route,
		reason: '理由',
		art24: route === 'four_plus_two' ? ['public_welfare'] : [],
		mergeIntoNumber: route === 'merge' ? mergeTarget() : undefined
	});
	expect(d.ok).toBe(true);
	if (fate === 'direct_done') expect(completeDirect(db, clerkOf(db), v(), t, '办妥').ok).toBe(true);
	const ending: Partial<Record<Fate, [EndingMove, AuditAction]>> = {
		archived: ['archive', 'topic.archived'],
		feedback: ['publish_feedback', 'topic.feedback_published']
	};
	const end = ending[fate];
	if (end) {
		const r = command(db, {
			actor: clerkOf(db),
			villageId: v(),
			load: () => findTopic(db, v(), t),
			run: (topic, ctx) => endTopic(ctx, topic, ...end)
		});
		expect(r.ok).toBe(true);
	}
	return t;
}

describe('受理率 and 办结率 count the end of every track', () => {
	const none = { direct: 0, archive: 0, feedback: 0, coordination: 0 };
	it.each([
		[[], { received: 0, triaged: 0, accepted: 0, concluded: 0, ended: none }, null, null],
		[
			['archived', 'four_plus_two'],
			{ received: 2, triaged: 2, accepted: 2, concluded: 1, ended: { ...none, archive: 1 } },
			1000,
			500
		],
		[
			['feedback', 'consultation', 'pending'],
			{ received: 3, triaged: 2, accepted: 2, concluded: 1, ended: { ...none, feedback: 1 } },
			1000,
			333
		],
		[
			['coordination', 'direct'],
			{ received: 2, triaged: 2, accepted: 2, concluded: 1, ended: { ...none, coordination: 1 } },
			1000,
			500
		],
		[
			['direct_done', 'not_accepted', 'merged', 'withdrawn'],
			{ received: 3, triaged: 3, accepted: 2, concluded: 3, ended: { ...none, direct: 1 } },
			667,
			1000
		],
		[
			['direct_done', 'archived', 'feedback', 'coordination'],
			{
				received: 4,
				triaged: 4,
				accepted: 4,
				concluded: 4,
				ended: { direct: 1, archive: 1, feedback: 1, coordination: 1 }
			},
			1000,
			1000
		]
	] as [Fate[], object, number | null, number | null][])(
		'%j → %j, 受理率 %s‰, 办结率 %s‰',
		(fates, figures, acceptance, completion) => {
			// The merge target is filed outside the window, so it is not counted itself.
			const mergeTarget = () => {
				const target = topicOn(db, 'direct', { title: '同一事项' });
				db.prepare("update topics set submitted_at = '2025-06-01T02:00:00.000Z' where id = ?").run(
					target
				);
				return findTopic(db, v(), target)!.number;
			};
			for (const fate of fates) topicWithFate(fate, mergeTarget);
			const f = closedLoopFigures(db, v(), '2026-03-01', '2026-03-31');
			expect(f).toMatchObject(figures);
			expect([f.acceptanceRatePermille, f.completionRatePermille]).toEqual([
				acceptance,
				completion
			]);
			// A window that holds none of them counts none.
			expect(closedLoopFigures(db, v(), '2026-04-01', '2026-04-30').received).toBe(0);
		}
	);
});

describe('migration 015 ends the topics that had already reached their track’s end', () => {
	it('archived and stopped matters and published feedback count as ended; submitted outcomes take the 4+2 track', () => {
		const archived = topicOn(db, 'four_plus_two', { art24: ['public_welfare'] });
		const stopped = topicOn(db, 'four_plus_two', { art24: ['public_welfare'] });
		const open = topicOn(db, 'four_plus_two', { art24: ['public_welfare'] });
		const fed = topicOn(db, 'consultation');
		const submitted = topicOn(db, 'consultation');
		const direct = topicOn(db, 'direct');
		completeDirect(db, clerkOf(db), v(), direct, '办妥');
		const clerk = clerkOf(db).userId;
		const notice = (seq: number) =>
			Number(
				db
					.prepare(
						`insert into notices (village_id, seq, kind, title, body, topic_id, posted_on, posted_until, audit_head_hash, posted_by, created_at)
						 values (?, (select coalesce(max(seq), 0) + 1 from notices where village_id = ?), 'consultation_outcome', '协商', '内容', ?, '2026-05-01', '2026-05-16', 'x', ?, ?)`
					)
					.run(v(), v(), seq, clerk, '2026-05-01T02:00:00.000Z').lastInsertRowid
			);
		// The rows as a release before this one left them: no end recorded on any topic.
		db.exec(`
			drop trigger coordination_done_fixed; drop trigger coordination_done_no_delete;
			drop table coordination_done;
			drop index topics_village_submitted_figures;
			alter table topics drop column end_kind;`);
		db.prepare(
			`insert into procedure_events (topic_id, kind, recorded_by, created_at) values (?, 'archived', ?, '2026-10-09T02:00:00.000Z')`
		).run(archived, clerk);
		db.prepare(
			`insert into procedure_events (topic_id, kind, reason, recorded_by, created_at) values (?, 'ended', '党员大会未通过', ?, '2026-09-01T02:00:00.000Z')`
		).run(stopped, clerk);
		for (const [topic, route, feedback] of [
			[fed, 'implement', true],
			[submitted, 'submit', false]
		] as const) {
			const outcomeNotice = notice(topic);
			const feedbackNotice = feedback ? notice(topic) : null;
			db.prepare(
				`insert into consultations (village_id, topic_id, outcome, outcome_notice_id, route, feedback, feedback_notice_id, created_by, created_at)
				 values (?, ?, '同意', ?, ?, ?, ?, ?, '2026-05-01T02:00:00.000Z')`
			).run(v(), topic, outcomeNotice, route, feedback ? '已落实' : null, feedbackNotice, clerk);
		}
		rerunMigration(db, 'topic-ends');
		const state = (id: number) => {
			const t = findTopic(db, v(), id)!;
			return [t.state, t.endKind, t.closedAt];
		};
		expect(state(archived)).toEqual(['completed', 'archive', '2026-10-09T02:00:00.000Z']);
		expect(state(stopped)).toEqual(['completed', 'vote_failed', '2026-09-01T02:00:00.000Z']);
		expect(state(open)).toEqual(['four_plus_two', null, null]);
		expect(state(fed)).toEqual(['completed', 'feedback', '2026-05-01T02:00:00.000Z']);
		expect(state(submitted)).toEqual(['four_plus_two', null, null]);
		expect(state(direct).slice(0, 2)).toEqual(['completed', 'direct']);
	});
});
