// One path for 直接办理: a topic triaged to direct handling opens a case that ends the topic when it
// closes; and a case that needs deliberation becomes a topic for the same villager, linked both ways.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { createTopic } from '../topics/filing';
import { findTopic } from '../topics/records';
import type { TriageDecision } from '../topics/triage';
import { dispatchCase } from './dispatch';
import { acceptCase, completeCase } from './handling';
import { rateCase, recordFollowUp } from './rating';
import { caseToTopic, triageToService } from './from-topic';
import { referCase, withdrawCase } from './ends';
import { findCase, stepsOf } from './records';
import { caseIn, caseWorld, FRIDAY, type CaseWorld } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => (db = d));

const direct: TriageDecision = { route: 'direct', reason: '', art24: [] };

function topicOf(w: CaseWorld, category: 'livelihood' | 'dispute' = 'livelihood') {
	const r = createTopic(
		db,
		w.villager,
		w.village,
		{
			title: '路灯坏了',
			description: '村口路灯坏了一个月。',
			category,
			place: '村口',
			affected: '',
			estimatedCostFen: null,
			funding: ''
		},
		{ submit: true, now: FRIDAY }
	);
	if (!r.ok) throw new Error(r.reason);
	return r.topic;
}

function handle(w: CaseWorld, caseId: number, result: string) {
	const to = { assigneePersonId: w.partyMember.personId!, note: '' };
	for (const r of [
		dispatchCase(db, w.clerk, w.village, caseId, to),
		acceptCase(db, w.partyMember, w.village, caseId),
		completeCase(db, w.partyMember, w.village, caseId, result)
	])
		if (!r.ok) throw new Error(r.reason);
}

describe('triage to 直接办理 opens a case', () => {
	it.each([
		['livelihood', 'other'],
		['dispute', 'dispute']
	] as const)('a %s topic opens a %s case for its proposer, linked to it', (category, key) => {
		const w = caseWorld(db);
		const t = topicOf(w, category);
		const r = triageToService(db, w.clerk, w.village, t.id, direct, { now: FRIDAY });
		if (!r.ok || !r.serviceCase) throw new Error(JSON.stringify(r));
		expect(r.topic.state).toBe('direct');
		expect(r.serviceCase).toMatchObject({
			category: key,
			title: t.title,
			personId: w.villager.personId,
			topicId: t.id,
			state: 'submitted',
			channel: 'online'
		});
	});

	it('any other route opens no case', () => {
		const w = caseWorld(db);
		const t = topicOf(w);
		const cases = () => db.prepare('select count(*) from service_cases').pluck().get();
		const before = cases();
		const r = triageToService(db, w.clerk, w.village, t.id, {
			route: 'consultation',
			reason: '',
			art24: []
		});
		expect(r).toMatchObject({ ok: true, serviceCase: null, topic: { state: 'consultation' } });
		expect(cases()).toBe(before);
	});

	it('a refused triage opens no case and changes nothing', () => {
		const w = caseWorld(db);
		const t = topicOf(w);
		const audit = () => db.prepare('select count(*) from audit').pluck().get();
		const before = audit();
		expect(triageToService(db, w.villager, w.village, t.id, direct)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(findTopic(db, w.village, t.id)!.state).toBe('submitted');
		expect(audit()).toBe(before);
	});

	it.each([
		['satisfied', null],
		['basically_satisfied', null],
		['unsatisfied', 'closed after the follow-up']
	] as const)('the topic ends with the case’s result once it closes (rated %s)', (rating, then) => {
		const w = caseWorld(db);
		const t = topicOf(w);
		const r = triageToService(db, w.clerk, w.village, t.id, direct);
		if (!r.ok || !r.serviceCase) throw new Error(JSON.stringify(r));
		handle(w, r.serviceCase.id, '已更换路灯');
		expect(findTopic(db, w.village, t.id)!.state).toBe('direct');
		rateCase(db, w.villager, w.village, r.serviceCase.id, { rating, comment: '' });
		if (then) {
			expect(findTopic(db, w.village, t.id)!.state).toBe('direct');
			recordFollowUp(db, w.clerk, w.village, r.serviceCase.id, { note: '回访说明', reopen: false });
		}
		expect(findTopic(db, w.village, t.id)).toMatchObject({
			state: 'completed',
			outcome: '已更换路灯'
		});
	});

	it('a referral ends the topic with where the case went, so no topic waits in 直接办理 for good', () => {
		const w = caseWorld(db);
		const t = topicOf(w);
		const r = triageToService(db, w.clerk, w.village, t.id, direct);
		if (!r.ok || !r.serviceCase) throw new Error(JSON.stringify(r));
		expect(
			referCase(db, w.clerk, w.village, r.serviceCase.id, '路灯属乡镇照明所管护，已转乡镇。')
		).toMatchObject({ ok: true });
		expect(findTopic(db, w.village, t.id)).toMatchObject({
			state: 'completed',
			outcome: '路灯属乡镇照明所管护，已转乡镇。'
		});
	});

	it('a case opened from a topic is not withdrawn behind the topic’s back, and nothing changes', () => {
		const w = caseWorld(db);
		const t = topicOf(w);
		const r = triageToService(db, w.clerk, w.village, t.id, direct);
		if (!r.ok || !r.serviceCase) throw new Error(JSON.stringify(r));
		const audit = () => db.prepare('select count(*) from audit').pluck().get();
		const before = audit();
		expect(withdrawCase(db, w.villager, w.village, r.serviceCase.id)).toEqual({
			ok: false,
			reason: 'from_topic'
		});
		expect(findCase(db, w.village, r.serviceCase.id)!.state).toBe('submitted');
		expect(findTopic(db, w.village, t.id)!.state).toBe('direct');
		expect(audit()).toBe(before);
	});
});

describe('a case becomes a topic', () => {
	it('files a submitted topic for the same villager and links both ways', () => {
		const w = caseWorld(db);
		const c = caseIn(db, w, 'dispatched');
		const r = caseToTopic(db, w.clerk, w.village, c.id, { now: FRIDAY });
		if (!r.ok) throw new Error(r.reason);
		expect(r.serviceCase).toMatchObject({
			state: 'became_topic',
			topicId: r.topic.id,
			stepDueOn: null
		});
		expect(r.topic).toMatchObject({
			state: 'submitted',
			proposerPersonId: w.villager.personId,
			title: c.title,
			category: 'livelihood',
			channel: 'hall_window',
			onBehalf: true
		});
		expect(stepsOf(db, c.id).at(-1)).toMatchObject({ kind: 'became_topic', note: r.topic.number });
	});

	it('a case opened from a topic does not become a second topic', () => {
		const w = caseWorld(db);
		const t = topicOf(w);
		const r = triageToService(db, w.clerk, w.village, t.id, direct);
		if (!r.ok || !r.serviceCase) throw new Error(JSON.stringify(r));
		expect(caseToTopic(db, w.clerk, w.village, r.serviceCase.id)).toEqual({
			ok: false,
			reason: 'from_topic'
		});
		expect(findCase(db, w.village, r.serviceCase.id)!.state).toBe('submitted');
	});
});
