import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { rosterFixture } from '../roster/test-fixture';
import { createTopic } from '../topics/filing';
import { createMeeting, updateDraftMeeting } from '../meetings/calling';
import { CN_2018 } from '../votes/rules';
import { CN_2026 } from '../votes/rule-sets';
import {
	getRuleOptions,
	getVillageSettings,
	updateRuleOptions,
	updateVillageSettings,
	villageRules
} from './settings';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

describe('village settings', () => {
	it('default to a 7-day triage deadline, no holidays and the 2026 posting floor', () => {
		const v = rosterFixture(db);
		expect(getVillageSettings(db, v.villageId)).toEqual({
			triageDays: 7,
			holidays: [],
			oneShoulder: true,
			noticeDays: 15
		});
	});

	it.each([
		[{ triageDays: 0, holidays: [] }, 'triage_days'],
		[{ triageDays: 31, holidays: [] }, 'triage_days'],
		[{ triageDays: 2.5, holidays: [] }, 'triage_days'],
		[{ triageDays: 7, holidays: ['2026-02-30'] }, 'holiday'],
		[{ triageDays: 7, holidays: [], noticeDays: 4 }, 'notice_days'],
		[{ triageDays: 7, holidays: [], noticeDays: 61 }, 'notice_days'],
		[{ triageDays: 7, holidays: [], noticeDays: 7.5 }, 'notice_days']
	])('refuses %j', (input, reason) => {
		const v = rosterFixture(db);
		expect(
			updateVillageSettings(db, v.clerkId, v.villageId, {
				noticeDays: 15,
				...input,
				oneShoulder: true
			})
		).toMatchObject({ ok: false, reason });
		expect(getVillageSettings(db, v.villageId).triageDays).toBe(7);
	});

	it('moves a triage deadline that ends on a holiday to the next working day', () => {
		const v = rosterFixture(db);
		expect(
			updateVillageSettings(db, v.clerkId, v.villageId, {
				triageDays: 5,
				holidays: ['2026-10-06', '2026-10-07'],
				oneShoulder: false,
				noticeDays: 15
			})
		).toEqual({ ok: true });
		const person = v.person(v.household(), '1970-01-01');
		const r = createTopic(
			db,
			{ userId: v.clerkId, personId: person, role: 'clerk' },
			v.villageId,
			{
				title: 't',
				description: 'd',
				category: 'other',
				place: '',
				affected: '',
				estimatedCostFen: null,
				funding: ''
			},
			{ submit: true, now: new Date('2026-10-01T02:00:00Z') }
		);
		expect(r.ok && r.topic.triageDue).toBe('2026-10-08');
		expect(getVillageSettings(db, v.villageId).oneShoulder).toBe(false);
	});

	describe('stricter meeting rules', () => {
		it.each([
			[{ repsNoticeDays: 2 }, 'looser_than_law'],
			[{ repsNoticeDays: 0 }, 'looser_than_law'],
			[{ repsNoticeDays: 3.5 }, 'not_integer'],
			[{ repsNoticeDays: 99 }, 'not_integer']
		])('refuses %j and keeps the law', (options, reason) => {
			const v = rosterFixture(db);
			expect(updateRuleOptions(db, v.clerkId, v.villageId, options)).toEqual({ ok: false, reason });
			expect(getRuleOptions(db, v.villageId)).toEqual({});
			expect(villageRules(db, v.villageId, '2026-12-20')).toBe(CN_2026);
			expect(villageRules(db, v.villageId, '2025-12-20')).toBe(CN_2018);
		});

		it.each([
			[{ repsNoticeDays: 3 }, 3],
			[{ repsNoticeDays: 5 }, 5],
			[{ repsPassOnTotal: true, partyAssemblyTwoThirds: true }, 3]
		])('accepts %j, and a meeting called afterwards runs by it', (options, noticeDays) => {
			const v = rosterFixture(db);
			expect(updateRuleOptions(db, v.clerkId, v.villageId, options)).toEqual({ ok: true });
			expect(getRuleOptions(db, v.villageId)).toEqual(options);
			const clerk = { userId: v.clerkId, personId: null, role: 'clerk' as const };
			const reps = createMeeting(db, clerk, v.villageId, {
				type: 'reps_meeting',
				title: '代表会议',
				meetingDate: '2026-12-20'
			});
			if (!reps.ok) throw new Error(reps.reason);
			expect(reps.meeting.rule.noticeDays).toBe(noticeDays);
			expect(reps.meeting.ruleSetId).toBe('cn-2026+village');
			const party = createMeeting(db, clerk, v.villageId, {
				type: 'party_assembly',
				title: '党员大会',
				meetingDate: '2026-12-20'
			});
			if (!party.ok) throw new Error(party.reason);
			const quorum = party.meeting.rule.quorum;
			expect(quorum.kind === 'compare' && quorum.test.id).toBe(
				'partyAssemblyTwoThirds' in options ? 'two_thirds_of_full' : 'half_of_full'
			);
		});

		it('never rewrites a meeting already called', () => {
			const v = rosterFixture(db);
			const clerk = { userId: v.clerkId, personId: null, role: 'clerk' as const };
			const before = createMeeting(db, clerk, v.villageId, {
				type: 'reps_meeting',
				title: '代表会议',
				meetingDate: '2026-12-20'
			});
			if (!before.ok) throw new Error(before.reason);
			updateRuleOptions(db, v.clerkId, v.villageId, { repsNoticeDays: 7 });
			const row = db
				.prepare('select rule_json from meetings where id = ?')
				.get(before.meeting.id) as {
				rule_json: string;
			};
			expect(JSON.parse(row.rule_json).noticeDays).toBe(3);
		});
	});

	describe('the law of the meeting day', () => {
		it.each([
			['2025-12-31', 'cn-2018', false],
			['2026-01-01', 'cn-2026', true],
			['2027-03-01', 'cn-2026', true]
		])('a reps’ meeting on %s runs by %s', (meetingDate, ruleSetId, supervisionAttends) => {
			const v = rosterFixture(db);
			const clerk = { userId: v.clerkId, personId: null, role: 'clerk' as const };
			const r = createMeeting(db, clerk, v.villageId, {
				type: 'reps_meeting',
				title: '代表会议',
				meetingDate
			});
			if (!r.ok) throw new Error(r.reason);
			expect(r.meeting.ruleSetId).toBe(ruleSetId);
			const roster = r.meeting.rule.roster;
			expect(roster.kind === 'roles' && roster.nonVoting.includes('supervision_committee')).toBe(
				supervisionAttends
			);
		});

		it('a draft moved across the amendment takes its new day’s law, and the entry says so', () => {
			const v = rosterFixture(db);
			const clerk = { userId: v.clerkId, personId: null, role: 'clerk' as const };
			const r = createMeeting(db, clerk, v.villageId, {
				type: 'reps_meeting',
				title: '代表会议',
				meetingDate: '2025-12-30'
			});
			if (!r.ok) throw new Error(r.reason);
			const moved = updateDraftMeeting(db, clerk, v.villageId, r.meeting.id, {
				title: '代表会议',
				meetingDate: '2026-01-05'
			});
			if (!moved.ok) throw new Error(moved.reason);
			expect(moved.meeting.ruleSetId).toBe('cn-2026');
			expect(moved.meeting.rule.source).toContain('2025年10月28日修正');
			const entry = db
				.prepare("select before, after from audit where action = 'meeting.updated'")
				.get() as { before: string; after: string };
			expect(JSON.parse(entry.before).ruleSetId).toBe('cn-2018');
			expect(JSON.parse(entry.after).ruleSetId).toBe('cn-2026');
		});

		it('a draft edited on the same day keeps its frozen rule', () => {
			const v = rosterFixture(db);
			const clerk = { userId: v.clerkId, personId: null, role: 'clerk' as const };
			const r = createMeeting(db, clerk, v.villageId, {
				type: 'reps_meeting',
				title: '代表会议',
				meetingDate: '2026-12-20'
			});
			if (!r.ok) throw new Error(r.reason);
			updateRuleOptions(db, v.clerkId, v.villageId, { repsNoticeDays: 7 });
			const edited = updateDraftMeeting(db, clerk, v.villageId, r.meeting.id, {
				title: '代表会议（改）',
				meetingDate: '2026-12-20'
			});
			if (!edited.ok) throw new Error(edited.reason);
			expect(edited.meeting.rule.noticeDays).toBe(3);
		});
	});
});
