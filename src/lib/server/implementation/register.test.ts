import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addGuest } from '../meetings/calling';
import { inviteTownshipOfficial, signInAsTownshipAttendee } from '../meetings/township-attendee';
import { completeImplementation, startImplementation } from './progress';
import { discloseResult } from './disclosure';
import { at, clerkOf, holdMeeting, personByPhone, supervisorOf, topicOn } from './test-helpers';
import { recordStep } from '../procedure/matters';
import { publishResolution } from '../procedure/publication';
import { registerOf } from './register';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

describe('register sheet 6', () => {
	it('shows the supervision opinion, who gave it, when, and the result notice once disclosed', () => {
		const v = demoVillageId(db);
		const topic = topicOn(db, 'four_plus_two', {
			category: 'development',
			art24: ['public_welfare']
		});
		for (const type of ['two_committees', 'party_assembly', 'villagers_meeting'] as const) {
			const held = holdMeeting(db, type, topic);
			expect(recordStep(db, clerkOf(db), v, topic, held.motionId!).ok).toBe(true);
		}
		expect(publishResolution(db, clerkOf(db), v, topic).ok).toBe(true);
		expect(
			startImplementation(db, clerkOf(db), v, topic, {
				responsiblePersonId: personByPhone(db, '13800000003'),
				plan: '建舞台',
				budget: [{ source: '村集体自筹', amountFen: 1_000_000 }]
			}).ok
		).toBe(true);
		expect(
			completeImplementation(db, clerkOf(db), v, topic, {
				completedOn: '2026-10-01',
				summary: '建成'
			}).ok
		).toBe(true);

		const before = registerOf(db, v, topic)!.sheets;
		expect(before[5]).toMatchObject({ step: 6, done: false, disclosure: null, supervision: null });

		const now = at('2026-11-20');
		const r = discloseResult(
			db,
			supervisorOf(db),
			v,
			topic,
			{ opinion: '账目清楚，同意公开' },
			{ now }
		);
		if (!r.ok) throw new Error(r.reason);

		const sheets = registerOf(db, v, topic)!.sheets;
		expect(sheets[5]).toMatchObject({
			step: 6,
			done: true,
			disclosure: { seq: r.noticeSeq },
			supervision: {
				opinion: '账目清楚，同意公开',
				name: '陈淑珍',
				at: now.toISOString(),
				noticeSeq: r.noticeSeq
			}
		});
		// Only sheet 6 carries the opinion.
		expect(sheets.slice(0, 5).every((s) => s.supervision === null)).toBe(true);
	});
});

describe('register sheets 3–4: the township attendee', () => {
	it('shows the official signed in by their account, and a name the clerk typed, told apart', () => {
		const v = demoVillageId(db);
		const official = demoActor(db, '13800000010');
		const topic = topicOn(db, 'four_plus_two', {
			category: 'development',
			art24: ['public_welfare']
		});
		const steps = [
			holdMeeting(db, 'two_committees', topic),
			holdMeeting(db, 'party_assembly', topic, [], (meetingId, day) => {
				expect(
					inviteTownshipOfficial(db, clerkOf(db), v, meetingId, official.userId, { now: day }).ok
				).toBe(true);
				expect(signInAsTownshipAttendee(db, official, v, meetingId, { now: day }).ok).toBe(true);
			}),
			holdMeeting(db, 'villagers_meeting', topic, [], (meetingId) => {
				const typed = addGuest(db, clerkOf(db), v, meetingId, {
					kind: 'township',
					name: '周海涛',
					position: '镇农业办主任'
				});
				expect(typed.ok).toBe(true);
			})
		];
		for (const held of steps)
			expect(recordStep(db, clerkOf(db), v, topic, held.motionId!).ok).toBe(true);

		const sheets = registerOf(db, v, topic)!.sheets;
		expect(sheets[2].meeting!.township).toEqual([
			{ name: '周建华', position: '长青乡党政办主任', byAccount: true }
		]);
		expect(sheets[3].meeting!.township).toEqual([
			{ name: '周海涛', position: '镇农业办主任', byAccount: false }
		]);
	});
});
