// The refusals issue 6 names — skipping a step, a motion of another topic or village, publishing
// twice — each say which rule in words and leave the records as they were.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { createVillage } from '../villages/villages';
import { demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import {
	clerkOf,
	holdMeeting,
	submittedTopic,
	topicOn,
	triageOnto
} from '../implementation/test-helpers';
import { matterOf, recordStep } from './matters';
import { procedureRefusalMessage } from './messages';
import { publishResolution } from './publication';
import { STEP_MEETINGS } from './rules';
import { meetingTypeLabel } from '$lib/labels';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const counts = () =>
	db
		.prepare(
			`select (select count(*) from procedure_events) as events, (select count(*) from audit) as audit,
			 (select count(*) from resolutions) as resolutions, (select count(*) from notices) as notices`
		)
		.get();

const fourPlusTwo = () =>
	topicOn(db, 'four_plus_two', { category: 'development', art24: ['public_welfare'] });

describe('refusals of the 4+2 procedure', () => {
	it('refuses a skipped step, another topic’s motion and another village, changing nothing', () => {
		const v = demoVillageId(db);
		// A vote opened before triage meets no 4+2 gate (procedure/opening.ts refuses it after).
		const topic = submittedTopic(db, { category: 'development' });
		const skipped = holdMeeting(db, 'party_assembly', topic);
		triageOnto(db, topic, 'four_plus_two', ['public_welfare']);
		const other = fourPlusTwo();
		const elsewhere = holdMeeting(db, 'two_committees', other);
		const dongshan = createVillage(db, null, {
			slug: 'dongshan',
			name: '东山村',
			township: '东山镇',
			district: '',
			city: '',
			province: '黑龙江省',
			oneShoulder: false,
			clerk: { name: '陈明', phone: '13700000001' }
		});
		if (!dongshan.ok) throw new Error(dongshan.reason);
		const otherClerk = { userId: dongshan.clerkId, personId: null, role: 'clerk' as const };
		const before = counts();
		const cases: [string, () => unknown, object][] = [
			[
				'a party assembly before the committees (step 1 skipped)',
				() => recordStep(db, clerkOf(db), v, topic, skipped.motionId!),
				{ ok: false, reason: 'wrong_meeting', step: 1 }
			],
			[
				'a passed motion on another topic',
				() => recordStep(db, clerkOf(db), v, topic, elsewhere.motionId!),
				{ ok: false, reason: 'other_topic', step: 1 }
			],
			[
				'this village’s topic and motion named under another village',
				() => recordStep(db, otherClerk, dongshan.village.id, topic, elsewhere.motionId!),
				{ ok: false, reason: 'not_found' }
			],
			[
				'another village’s clerk acting in this village',
				() => recordStep(db, otherClerk, v, topic, elsewhere.motionId!),
				{ ok: false, reason: 'forbidden' }
			],
			[
				'publishing before the decision (step 5 skipped to)',
				() => publishResolution(db, clerkOf(db), v, topic),
				{ ok: false, reason: 'not_at_step_5' }
			]
		];
		for (const [name, run, expected] of cases) expect(run(), name).toMatchObject(expected);
		expect(counts()).toEqual(before);
		expect(matterOf(db, v, topic)!.position).toEqual({ kind: 'at', step: 1, done: [] });
		expect(verifyChain(db).ok).toBe(true);
	});

	it('never edits a published resolution or its notice, even in SQL', () => {
		const v = demoVillageId(db);
		const topic = fourPlusTwo();
		for (const type of ['two_committees', 'party_assembly', 'villagers_meeting'] as const)
			recordStep(db, clerkOf(db), v, topic, holdMeeting(db, type, topic).motionId!);
		const published = publishResolution(db, clerkOf(db), v, topic);
		if (!published.ok) throw new Error(published.reason);
		const before = counts();
		const attempts = [
			'update resolutions set text = ? where id = ?',
			'update notices set body = ? where resolution_id = ?'
		];
		for (const sql of attempts)
			expect(() => db.prepare(sql).run('改过的文字', published.notice.resolutionId), sql).toThrow(
				/never changes/
			);
		expect(() => db.prepare('delete from notices where id = ?').run(published.notice.id)).toThrow(
			/never changes/
		);
		expect(publishResolution(db, clerkOf(db), v, topic)).toMatchObject({
			ok: false,
			reason: 'not_at_step_5'
		});
		expect(counts()).toEqual(before);
	});

	it('names the rule in words for every refusal', () => {
		const reasons = [
			'forbidden',
			'not_found',
			'motion_not_found',
			'ended',
			'archived',
			'complete',
			'not_a_meeting_step',
			'other_topic',
			'meeting_not_closed',
			'motion_not_passed',
			'wrong_meeting',
			'needs_villagers_meeting',
			'reps_not_authorized',
			'before_previous_step',
			'not_a_review_step',
			'motion_passed',
			'reason_required',
			'bad_choice',
			'not_at_step_5',
			'no_resolution',
			'already_published',
			'four_plus_two'
		] as const;
		const words = reasons.map((reason) => procedureRefusalMessage(reason, { step: 1 }));
		for (const [i, zh] of words.entries()) expect(zh, reasons[i]).toMatch(/\p{Script=Han}/u);
		// No two reasons read alike: each names its own rule.
		expect(new Set(words).size).toBe(reasons.length);
		// A skipped step names the step and the meeting it needs.
		const wrong = procedureRefusalMessage('wrong_meeting', { step: 1 });
		expect(wrong).toContain('第1步');
		for (const type of STEP_MEETINGS[1]) expect(wrong).toContain(meetingTypeLabel(type));
	});
});
