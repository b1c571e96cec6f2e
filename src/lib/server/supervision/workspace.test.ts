import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { todayInChina } from '../calendar/dates';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import type { Actor } from '../permissions';
import {
	completeImplementation,
	recordProgress,
	startImplementation
} from '../implementation/progress';
import { discloseResult } from '../implementation/disclosure';
import { getNotice } from '../notices/notices';
import { answerObjection, fileObjection } from '../notices/objections';
import {
	clerkOf,
	personByPhone,
	supervisorOf,
	topicOn,
	villagerOf
} from '../implementation/test-helpers';
import { supervisionWorkspace } from './workspace';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const v = () => demoVillageId(db);
const today = () => todayInChina();

/** A directly handled topic implemented up to `percent`, with `spentFen` spent; completed at 100. */
function implemented(title: string, percent: number, spentFen: number): number {
	const topic = topicOn(db, 'direct', { title });
	const started = startImplementation(db, clerkOf(db), v(), topic, {
		responsiblePersonId: personByPhone(db, '13800000002'),
		plan: '施工方案',
		budget: [{ source: '村集体自筹', amountFen: 1_000_000 }]
	});
	if (!started.ok) throw new Error(started.reason);
	const p = recordProgress(db, clerkOf(db), v(), topic, {
		onDate: '2026-05-10',
		percent,
		spentFen,
		note: ''
	});
	if (!p.ok) throw new Error(p.reason);
	if (percent === 100) {
		const c = completeImplementation(db, clerkOf(db), v(), topic, {
			completedOn: '2026-06-01',
			summary: '建成'
		});
		if (!c.ok) throw new Error(c.reason);
	}
	return topic;
}

describe('the supervision workspace', () => {
	it('shows what waits for the opinion, spending against budget, open objections and the cadence', () => {
		const road = implemented('硬化村道', 60, 400_000);
		const well = implemented('修水井', 100, 1_200_000);
		let w = supervisionWorkspace(db, v(), today());
		expect(w.awaiting.map((a) => [a.title, a.completedOn])).toEqual([['修水井', '2026-06-01']]);
		expect(
			w.spending.map((s) => [s.title, s.stage, s.budgetFen, s.spentFen, s.overBudget])
		).toEqual([
			['修水井', 'completed', 1_000_000, 1_200_000, true],
			['硬化村道', 'in_progress', 1_000_000, 400_000, false]
		]);
		expect(w.objections).toEqual([]);
		expect(w.cadence).toMatchObject({ generalDue: true, financeDue: true, lastGeneral: null });

		const d = discloseResult(db, supervisorOf(db), v(), well, { opinion: '超支部分已说明。' });
		if (!d.ok) throw new Error(d.reason);
		const notice = getNotice(db, v(), d.noticeSeq)!;
		const o = fileObjection(db, villagerOf(db), v(), notice.id, '超支的钱花在哪里？');
		if (!o.ok) throw new Error(o.reason);
		w = supervisionWorkspace(db, v(), today());
		expect(w.awaiting).toEqual([]);
		expect(w.spending.find((s) => s.topicId === well)!.stage).toBe('disclosed');
		expect(w.spending.find((s) => s.topicId === road)!.stage).toBe('in_progress');
		expect(w.objections).toEqual([
			expect.objectContaining({
				noticeSeq: d.noticeSeq,
				ordinal: 1,
				text: '超支的钱花在哪里？',
				overdue: false,
				escalated: false
			})
		]);
		// The committee watches the answer, not who objected.
		expect(w.objections[0]).not.toHaveProperty('personId');
		expect(supervisionWorkspace(db, v(), '2099-01-01').objections.map((x) => x.overdue)).toEqual([
			true
		]);
		expect(answerObjection(db, clerkOf(db), v(), o.objection.id, '见财务公开。').ok).toBe(true);
		expect(supervisionWorkspace(db, v(), today()).objections).toEqual([]);
	});
});

describe('who gives the committee opinion on a completed implementation', () => {
	const supervisorPerson = () => personByPhone(db, '13800000006');
	const setTerm = (start: string, end: string | null) =>
		db
			.prepare(
				"update roles set start_date = ?, end_date = ? where person_id = ? and role = 'supervision_committee'"
			)
			.run(start, end, supervisorPerson());
	const day = (offset: number) =>
		new Date(Date.parse(`${today()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

	// [who, the actor, a change before, the opinion, the answer]
	const cases: [string, () => Actor, () => void, string, string | true][] = [
		['a supervisor on the day', () => supervisorOf(db), () => {}, '同意', true],
		['the clerk, who is not on the committee', () => clerkOf(db), () => {}, '同意', 'forbidden'],
		['a villager', () => villagerOf(db), () => {}, '同意', 'forbidden'],
		[
			'a supervisor whose term ended yesterday',
			() => supervisorOf(db),
			() => setTerm('2021-01-01', day(-1)),
			'同意',
			'forbidden'
		],
		[
			'a supervisor whose term starts tomorrow',
			() => supervisorOf(db),
			() => setTerm(day(1), null),
			'同意',
			'forbidden'
		],
		['a supervisor, with no words', () => supervisorOf(db), () => {}, '   ', 'bad_opinion'],
		[
			'a supervisor, with 2,001 characters',
			() => supervisorOf(db),
			() => {},
			'意'.repeat(2001),
			'bad_opinion'
		]
	];
	it.each(cases)('%s', (_who, actor, before, opinion, expected) => {
		const topic = implemented('修水井', 100, 900_000);
		before();
		const audits = () => db.prepare('select count(*) from audit').pluck().get() as number;
		const was = audits();
		const r = discloseResult(db, actor(), v(), topic, { opinion });
		expect(r.ok || r.reason).toBe(expected);
		const w = supervisionWorkspace(db, v(), today());
		if (expected === true) {
			expect(w.awaiting).toEqual([]);
			expect(audits()).toBeGreaterThan(was);
		} else {
			expect(w.awaiting.map((a) => a.topicId)).toEqual([topic]);
			expect(audits()).toBe(was);
		}
		expect(verifyChain(db).ok).toBe(true);
	});

	it('is given once; not before completion; not for another village', () => {
		const done = implemented('修水井', 100, 900_000);
		const halfway = implemented('硬化村道', 50, 100_000);
		const give = (topic: number, villageId = v()) =>
			discloseResult(db, supervisorOf(db), villageId, topic, { opinion: '同意' });
		expect(give(done).ok).toBe(true);
		const twice = give(done);
		expect(twice.ok || twice.reason).toBe('already_disclosed');
		const early = give(halfway);
		expect(early.ok || early.reason).toBe('not_completed');
		const elsewhere = give(halfway, v() + 1000);
		expect(elsewhere.ok || elsewhere.reason).not.toBe(true);
	});
});
