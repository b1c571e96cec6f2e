import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { command } from '../command';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { appendProcedureEvent, matterOf, recordStep } from '../procedure/matters';
import { stepByPublication } from '../procedure/rules';
import { registerOf } from './register';
import { resolutionsOfTopic } from '../procedure/resolutions';
import { getNotice } from '../notices/notices';
import { decisionOf, implementationOf } from './implementation';
import { publishResolution } from '../procedure/publication';
import { completeImplementation, recordProgress, startImplementation } from './progress';
import { archiveMatter, discloseResult } from './disclosure';
import { findTopic } from '../topics/records';
import {
	clerkOf,
	holdMeeting,
	personByPhone,
	submittedTopic,
	supervisorOf,
	topicOn,
	triageOnto,
	villagerOf
} from './test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const v = () => demoVillageId(db);

const BUDGET = [
	{ source: '中央扶持资金', amountFen: 50_000_000 },
	{ source: '村集体自筹', amountFen: 22_400_000 }
];

function started(topicId: number) {
	const r = startImplementation(db, clerkOf(db), v(), topicId, {
		responsiblePersonId: personByPhone(db, '13800000003'),
		plan: '在村委会广场东侧建舞台',
		budget: BUDGET
	});
	expect(r.ok).toBe(true);
}

describe('starting an implementation', () => {
	it.each([
		['a villager', () => villagerOf(db), {}, 'forbidden'],
		['no person', () => clerkOf(db), { responsiblePersonId: null }, 'bad_person'],
		['a person of no village', () => clerkOf(db), { responsiblePersonId: 999_999 }, 'bad_person'],
		['an empty plan', () => clerkOf(db), { plan: '  ' }, 'bad_plan'],
		['no budget', () => clerkOf(db), { budget: [] }, 'bad_budget'],
		[
			'a fraction of a fen',
			() => clerkOf(db),
			{ budget: [{ source: '自筹', amountFen: 1.5 }] },
			'bad_budget'
		],
		[
			'a zero line',
			() => clerkOf(db),
			{ budget: [{ source: '自筹', amountFen: 0 }] },
			'bad_budget'
		],
		[
			'a nameless source',
			() => clerkOf(db),
			{ budget: [{ source: ' ', amountFen: 100 }] },
			'bad_budget'
		]
	] as const)('refuses %s', (_, actor, change, reason) => {
		const topic = topicOn(db, 'direct');
		const r = startImplementation(db, actor(), v(), topic, {
			responsiblePersonId: personByPhone(db, '13800000003'),
			plan: '方案',
			budget: BUDGET,
			...(change as Partial<Parameters<typeof startImplementation>[4]>)
		});
		expect(r).toEqual({ ok: false, reason });
		expect(implementationOf(db, v(), topic)).toBeNull();
	});

	it('keeps the budget by funding source, in fen, and starts once', () => {
		const topic = topicOn(db, 'direct');
		started(topic);
		const impl = implementationOf(db, v(), topic)!;
		expect(impl.budget).toEqual(BUDGET);
		expect(impl.budgetFen).toBe(72_400_000);
		expect(impl.resolutionId).toBeNull();
		expect(
			startImplementation(db, clerkOf(db), v(), topic, {
				responsiblePersonId: personByPhone(db, '13800000003'),
				plan: '再来',
				budget: BUDGET
			})
		).toEqual({ ok: false, reason: 'already_started' });
	});

	it('implements a 4+2 matter only from the resolution that recorded its step 4, once published', () => {
		// A resolution adopted while the topic was not yet on the track records no step.
		const topic = submittedTopic(db, { category: 'development' });
		const early = holdMeeting(db, 'villagers_meeting', topic);
		triageOnto(db, topic, 'four_plus_two', ['public_welfare']);
		expect(resolutionsOfTopic(db, v(), topic).map((r) => r.motionId)).toEqual([early.motionId]);
		expect(decisionOf(db, v(), topic)).toEqual({ ok: false });
		for (const type of ['two_committees', 'party_assembly', 'villagers_meeting'] as const)
			expect(
				recordStep(db, clerkOf(db), v(), topic, holdMeeting(db, type, topic).motionId!).ok
			).toBe(true);
		expect(decisionOf(db, v(), topic)).toEqual({ ok: false });
		expect(publishResolution(db, clerkOf(db), v(), topic).ok).toBe(true);
		const step4 = resolutionsOfTopic(db, v(), topic).at(-1)!;
		expect(step4.motionId).not.toBe(early.motionId);
		expect(decisionOf(db, v(), topic)).toEqual({ ok: true, resolutionId: step4.id });
		started(topic);
		expect(implementationOf(db, v(), topic)!.resolutionId).toBe(step4.id);
	});

	it('refuses an undecided 4+2 matter and a consultation topic not routed to implementation', () => {
		for (const route of ['four_plus_two', 'consultation'] as const) {
			const topic = topicOn(
				db,
				route,
				route === 'four_plus_two' ? { art24: ['public_welfare'] } : {}
			);
			const r = startImplementation(db, clerkOf(db), v(), topic, {
				responsiblePersonId: personByPhone(db, '13800000003'),
				plan: '方案',
				budget: BUDGET
			});
			expect(r).toEqual({ ok: false, reason: 'not_decided' });
		}
	});
});

describe('progress, completion and the result disclosure', () => {
	it.each([
		['bad_date', { onDate: '2026-13-01' }],
		['future_date', { onDate: '2099-01-01' }],
		['bad_percent', { percent: 101 }],
		['bad_percent', { percent: 12.5 }],
		['percent_back', { percent: 30 }],
		['date_back', { onDate: '2026-05-01' }],
		['bad_money', { spentFen: -1 }],
		['bad_note', { note: 'x'.repeat(2001) }]
	] as const)('refuses a progress update: %s', (reason, change) => {
		const topic = topicOn(db, 'direct');
		started(topic);
		expect(
			recordProgress(db, clerkOf(db), v(), topic, {
				onDate: '2026-05-10',
				percent: 40,
				spentFen: 20_000_000,
				note: '基础完成'
			}).ok
		).toBe(true);
		const r = recordProgress(db, clerkOf(db), v(), topic, {
			onDate: '2026-05-20',
			percent: 60,
			spentFen: 30_000_000,
			note: '',
			...change
		});
		expect(r).toEqual({ ok: false, reason });
		expect(implementationOf(db, v(), topic)!.progress).toHaveLength(1);
	});

	it('lets the responsible person report, flags spending over budget, and refuses others', () => {
		const topic = topicOn(db, 'direct');
		started(topic);
		// 张秀英 is the responsible person; 刘志强 is not.
		const r = recordProgress(db, villagerOf(db), v(), topic, {
			onDate: '2026-05-10',
			percent: 100,
			spentFen: 73_000_000,
			note: '超支6000元：加装照明'
		});
		expect(r).toMatchObject({ ok: true, overBudget: true });
		const rep = { ...villagerOf(db), personId: personByPhone(db, '13800000005') };
		expect(
			recordProgress(db, { ...rep, userId: 5 }, v(), topic, {
				onDate: '2026-05-11',
				percent: 100,
				spentFen: 73_000_000,
				note: ''
			})
		).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('posts the result with the supervision committee opinion, once, open to objections', () => {
		const topic = topicOn(db, 'direct');
		started(topic);
		recordProgress(db, clerkOf(db), v(), topic, {
			onDate: '2026-05-10',
			percent: 100,
			spentFen: 72_400_000,
			note: ''
		});
		expect(discloseResult(db, supervisorOf(db), v(), topic, { opinion: '同意' })).toEqual({
			ok: false,
			reason: 'not_completed'
		});
		expect(
			completeImplementation(db, clerkOf(db), v(), topic, {
				completedOn: '2026-05-09',
				summary: '建成'
			})
		).toEqual({ ok: false, reason: 'date_back' });
		expect(
			completeImplementation(db, clerkOf(db), v(), topic, {
				completedOn: '2026-06-01',
				summary: '舞台建成并投入使用'
			})
		).toEqual({ ok: true });
		expect(
			recordProgress(db, clerkOf(db), v(), topic, {
				onDate: '2026-06-02',
				percent: 100,
				spentFen: 72_400_000,
				note: ''
			})
		).toEqual({ ok: false, reason: 'completed' });
		// The clerk is staff but not on the supervision committee.
		expect(discloseResult(db, clerkOf(db), v(), topic, { opinion: '同意' })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(discloseResult(db, supervisorOf(db), v(), topic, { opinion: ' ' })).toEqual({
			ok: false,
			reason: 'bad_opinion'
		});
		const r = discloseResult(db, supervisorOf(db), v(), topic, {
			opinion: '经核查，资金使用符合预算，工程质量合格。'
		});
		expect(r.ok).toBe(true);
		const notice = getNotice(db, v(), (r as { noticeSeq: number }).noticeSeq)!;
		expect(notice.kind).toBe('implementation_result');
		expect(notice.objectionsUntil).not.toBeNull();
		expect(notice.body).toContain('中央扶持资金：500,000');
		expect(notice.body).toContain('经核查');
		expect(implementationOf(db, v(), topic)!.disclosure).toMatchObject({
			supervisorName: '陈淑珍',
			noticeSeq: notice.seq
		});
		expect(discloseResult(db, supervisorOf(db), v(), topic, { opinion: '再次' })).toEqual({
			ok: false,
			reason: 'already_disclosed'
		});
		expect(verifyChain(db).ok).toBe(true);
	});

	it('never edits or deletes a record, and never lets progress go back, even in SQL', () => {
		const topic = topicOn(db, 'direct');
		started(topic);
		recordProgress(db, clerkOf(db), v(), topic, {
			onDate: '2026-05-10',
			percent: 50,
			spentFen: 1,
			note: ''
		});
		const impl = implementationOf(db, v(), topic)!;
		expect(() => db.prepare('update implementations set plan = ?').run('改')).toThrow(
			/never edited/
		);
		expect(() => db.prepare('delete from implementation_budget_lines').run()).toThrow(
			/never edited/
		);
		expect(() => db.prepare('update implementation_progress set percent = 10').run()).toThrow(
			/never edited/
		);
		expect(() =>
			db
				.prepare(
					"insert into implementation_progress (implementation_id, on_date, percent, spent_fen, note, recorded_by, created_at) values (?, '2026-05-11', 40, 0, '', 1, '')"
				)
				.run(impl.id)
		).toThrow(/never goes back/);
	});
});

describe('a 4+2 matter: step 6 by the disclosure, then the archive', () => {
	it('discloses only after the resolution was published, completes the six steps, archives once', () => {
		const topic = topicOn(db, 'four_plus_two', {
			category: 'development',
			art24: ['public_welfare']
		});
		for (const type of ['two_committees', 'party_assembly', 'villagers_meeting'] as const) {
			const held = holdMeeting(db, type, topic);
			expect(recordStep(db, clerkOf(db), v(), topic, held.motionId!).ok).toBe(true);
		}
		expect(resolutionsOfTopic(db, v(), topic)).toHaveLength(1);
		// Implementation waits for the resolution's publication (step 5).
		expect(decisionOf(db, v(), topic)).toEqual({ ok: false });
		// Step 5 belongs to the resolution's publication; recorded here as that command would.
		command(db, {
			actor: clerkOf(db),
			villageId: v(),
			load: () => matterOf(db, v(), topic),
			run: (m, ctx) => {
				const s = stepByPublication(m.position, 'resolution_published');
				if (!s.ok) throw new Error(s.reason);
				return appendProcedureEvent(ctx, topic, s.event, { before: m.position });
			}
		});
		started(topic);
		expect(implementationOf(db, v(), topic)!.resolutionId).toBe(
			resolutionsOfTopic(db, v(), topic)[0].id
		);
		expect(discloseResult(db, supervisorOf(db), v(), topic, { opinion: '同意' })).toEqual({
			ok: false,
			reason: 'not_completed'
		});
		completeImplementation(db, clerkOf(db), v(), topic, {
			completedOn: '2026-10-01',
			summary: '建成'
		});
		expect(archiveMatter(db, clerkOf(db), v(), topic)).toEqual({
			ok: false,
			reason: 'not_complete'
		});
		expect(registerOf(db, v(), topic)!.sheets[5].supervision).toBeNull();
		expect(discloseResult(db, supervisorOf(db), v(), topic, { opinion: '同意' }).ok).toBe(true);
		// The register's sixth sheet carries the opinion and who gave it.
		expect(registerOf(db, v(), topic)!.sheets[5].supervision).toMatchObject({
			name: '陈淑珍',
			opinion: '同意'
		});
		expect(matterOf(db, v(), topic)!.position).toEqual({
			kind: 'complete',
			done: [1, 2, 3, 4, 5, 6]
		});
		expect(archiveMatter(db, villagerOf(db), v(), topic)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(findTopic(db, v(), topic)!.state).toBe('four_plus_two');
		const before = db.prepare('select max(id) from audit').pluck().get();
		expect(archiveMatter(db, clerkOf(db), v(), topic)).toEqual({ ok: true });
		expect(matterOf(db, v(), topic)!.position.kind).toBe('archived');
		// Archiving is the 4+2 track's end: the topic is 办结 in the same transaction, audited.
		expect(findTopic(db, v(), topic)).toMatchObject({ state: 'completed', endKind: 'archive' });
		expect(
			db.prepare('select action from audit where id > ? order by id').pluck().all(before)
		).toEqual(['procedure.archived', 'topic.archived']);
		expect(archiveMatter(db, clerkOf(db), v(), topic)).toEqual({
			ok: false,
			reason: 'not_complete'
		});
		expect(verifyChain(db).ok).toBe(true);
	});
});
