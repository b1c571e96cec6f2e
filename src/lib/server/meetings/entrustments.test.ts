import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { rosterFixture } from '../roster/test-fixture';
import { addCollectiveMember } from '../roster/collective';
import { evaluatePass, evaluateQuorum } from '../votes/rules';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { recordRollCall } from '../votes/ballots';
import { addAgendaItem, createMeeting } from './calling';
import { notifyMeeting, openMeeting } from './notice';
import { markLeft, signIn } from './attendance';
import { getMeeting, meetingCounts, representedPresent } from './records';
import { listEntrustments, recordEntrustment, type EntrustmentInput } from './entrustments';

// A members' meeting on 2026-03-20 of six members: the 张 household (father, mother, son and his
// wife) and the 李 household (two). The 张 household also has a daughter of 17 and a grandfather who
// died on 2026-03-10, both on the register, and an aunt who is not a member.
let db: Db;
let cleanup: () => void;
let clerk: Actor;
let v = 0;
let meetingId = 0;
const p = {} as Record<
	'father' | 'mother' | 'son' | 'sonsWife' | 'daughter' | 'grandfather' | 'aunt' | 'li1' | 'li2',
	number
>;
const at = (date: string) => new Date(`${date}T02:00:00Z`);

beforeEach(() => {
	({ db, cleanup } = createTestDb());
	const f = rosterFixture(db);
	v = f.villageId;
	clerk = { userId: f.clerkId, personId: null, role: 'clerk' };
	const [zhang, li] = [f.household('张'), f.household('李')];
	Object.assign(p, {
		father: f.person(zhang, '1965-01-01'),
		mother: f.person(zhang, '1967-01-01', { gender: 'f' }),
		son: f.person(zhang, '1990-01-01'),
		sonsWife: f.person(zhang, '1991-01-01', { gender: 'f' }),
		daughter: f.person(zhang, '2008-06-01', { gender: 'f' }),
		grandfather: f.person(zhang, '1940-01-01', { status: 'deceased', statusDate: '2026-03-10' }),
		aunt: f.person(zhang, '1970-01-01', { gender: 'f' }),
		li1: f.person(li, '1970-01-01'),
		li2: f.person(li, '1972-01-01', { gender: 'f' })
	});
	const members = ['father', 'mother', 'son', 'sonsWife', 'daughter', 'grandfather', 'li1', 'li2'];
	for (const k of members as (keyof typeof p)[])
		addCollectiveMember(db, clerk, v, { personId: p[k], since: '2025-06-01' });
	const m = createMeeting(
		db,
		clerk,
		v,
		{ type: 'collective_members', title: '集体资产出租方案', meetingDate: '2026-03-20' },
		{ now: at('2026-03-01') }
	);
	if (!m.ok) throw new Error(m.reason);
	meetingId = m.meeting.id;
	if (!addAgendaItem(db, clerk, v, meetingId, { title: '出租方案' }).ok) throw new Error();
	const notified = notifyMeeting(db, clerk, v, meetingId, { now: at('2026-03-01') });
	if (!notified.ok) throw new Error(notified.reason);
});
afterEach(() => cleanup());

const entrust = (principal: keyof typeof p, proxy: keyof typeof p, extra = {}) =>
	recordEntrustment(
		db,
		clerk,
		v,
		meetingId,
		{ principalId: p[principal], proxyId: p[proxy], entrustedOn: '2026-03-05', ...extra },
		{ now: at('2026-03-06') }
	);

describe('a written entrustment', () => {
	it('the roster has the six adult living members', () => {
		expect(getMeeting(db, v, meetingId)!.rule.quorum).toMatchObject({ kind: 'compare' });
		expect(meetingCounts(db, getMeeting(db, v, meetingId)!).membersTotal).toBe(6);
	});

	it('is recorded with its date and note and listed with the household', () => {
		expect(entrust('mother', 'father', { note: '原件存村委会' })).toMatchObject({ ok: true });
		expect(listEntrustments(db, meetingId)).toEqual([
			expect.objectContaining({
				principalId: p.mother,
				proxyId: p.father,
				householdKey: '张',
				entrustedOn: '2026-03-05',
				note: '原件存村委会'
			})
		]);
	});

	it('lets one proxy carry two members of the household', () => {
		expect(entrust('mother', 'father').ok).toBe(true);
		expect(entrust('son', 'father').ok).toBe(true);
	});

	const auditCount = () => db.prepare('select count(*) from audit').pluck().get() as number;
	it.each([
		['a proxy of another household', [['li1', 'father']], 'other_household'],
		['a minor proxy', [['mother', 'daughter']], 'proxy_minor'],
		['a proxy who died before the meeting', [['mother', 'grandfather']], 'proxy_deceased'],
		['a household member who is not a member', [['mother', 'aunt']], 'proxy_not_member'],
		['a principal who is not a member', [['aunt', 'father']], 'principal_not_member'],
		['oneself as proxy', [['mother', 'mother']], 'same_person'],
		[
			'a second proxy in the household',
			[
				['mother', 'father'],
				['sonsWife', 'son']
			],
			'second_proxy'
		],
		[
			'a proxy who is a principal',
			[
				['mother', 'father'],
				['son', 'mother']
			],
			'proxy_is_principal'
		],
		[
			'a principal who is a proxy',
			[
				['mother', 'father'],
				['father', 'son']
			],
			'principal_is_proxy'
		],
		[
			'a second entrustment of one principal',
			[
				['mother', 'father'],
				['mother', 'son']
			],
			'already_entrusted'
		]
	] as const)('refuses %s, changing nothing', (_name, steps, reason) => {
		for (const [principal, proxy] of steps.slice(0, -1))
			expect(entrust(principal, proxy).ok).toBe(true);
		const [principal, proxy] = steps.at(-1)!;
		const [audits, listed] = [auditCount(), listEntrustments(db, meetingId)];
		expect(entrust(principal, proxy)).toEqual({ ok: false, reason });
		expect(auditCount()).toBe(audits);
		expect(listEntrustments(db, meetingId)).toEqual(listed);
	});

	it.each([
		['a date after today', { entrustedOn: '2026-03-07' }, 'bad_date'],
		['a date that is not a date', { entrustedOn: '2026-02-30' }, 'bad_date'],
		['a note too long', { note: '注'.repeat(201) }, 'bad_note']
	])('refuses %s', (_name, extra, reason) => {
		expect(entrust('mother', 'father', extra)).toEqual({ ok: false, reason });
	});

	it('is refused for a meeting of another kind or another village', () => {
		const reps = createMeeting(
			db,
			clerk,
			v,
			{ type: 'villagers_meeting', title: '村民会议', meetingDate: '2026-03-20' },
			{ now: at('2026-03-01') }
		);
		if (!reps.ok) throw new Error(reps.reason);
		const input: EntrustmentInput = {
			principalId: p.mother,
			proxyId: p.father,
			entrustedOn: '2026-03-05'
		};
		expect(recordEntrustment(db, clerk, v, reps.meeting.id, input)).toEqual({
			ok: false,
			reason: 'wrong_meeting'
		});
		expect(recordEntrustment(db, clerk, v + 1, meetingId, input)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		const villager: Actor = { userId: 99999, personId: p.mother, role: 'villager' };
		expect(recordEntrustment(db, villager, v, meetingId, input)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});

describe('presence through a proxy, on the two-thirds boundary', () => {
	// Six members: 3 × present ≥ 2 × 6 asks four present; passing asks 3 × yes ≥ 12, four yes.
	const open = () => {
		expect(openMeeting(db, clerk, v, meetingId, { now: at('2026-03-20') }).ok).toBe(true);
		for (const k of ['father', 'li1', 'son'] as const)
			expect(signIn(db, clerk, v, meetingId, p[k], { now: at('2026-03-20') }).ok).toBe(true);
	};
	const counts = () => meetingCounts(db, getMeeting(db, v, meetingId)!);
	const quorum = () => evaluateQuorum(getMeeting(db, v, meetingId)!.rule, counts());

	it('three in the hall fall one short', () => {
		open();
		expect(counts().present).toBe(3);
		expect(quorum()).toMatchObject({ met: false, formula: '3 × 3 ≥ 2 × 6' });
	});

	it('the mother entrusted to the father makes four: the meeting may vote', () => {
		expect(entrust('mother', 'father').ok).toBe(true);
		open();
		expect(representedPresent(db, meetingId)).toEqual([p.mother]);
		expect(quorum()).toMatchObject({ met: true, formula: '3 × 4 ≥ 2 × 6' });
	});

	it('an entrustment counts no one while its proxy is away, or after the proxy leaves', () => {
		expect(entrust('mother', 'father').ok).toBe(true);
		expect(representedPresent(db, meetingId)).toEqual([]);
		open();
		expect(markLeft(db, clerk, v, meetingId, p.father, { now: at('2026-03-20') }).ok).toBe(true);
		expect(representedPresent(db, meetingId)).toEqual([]);
		expect(counts().present).toBe(2);
	});

	it('a principal who also comes in person is counted once', () => {
		expect(entrust('mother', 'father').ok).toBe(true);
		open();
		signIn(db, clerk, v, meetingId, p.mother, { now: at('2026-03-20') });
		expect(counts().present).toBe(4);
	});

	it('the clerk enters the principal’s choice beside the proxy’s, and it passes on four yes', () => {
		expect(entrust('mother', 'father').ok).toBe(true);
		open();
		const item = db
			.prepare('select id from agenda_items where meeting_id = ?')
			.pluck()
			.get(meetingId) as number;
		const motion = createMotion(db, clerk, v, item, { text: '同意出租方案', method: 'roll_call' });
		if (!motion.ok) throw new Error(motion.reason);
		expect(openMotion(db, clerk, v, motion.motion.id).ok).toBe(true);
		const yes = (k: keyof typeof p) => ({ personId: p[k], choice: 'yes' as const });
		// 李's wife is neither here nor entrusted: refused.
		expect(recordRollCall(db, clerk, v, motion.motion.id, [yes('li2')])).toMatchObject({
			ok: false,
			reason: 'not_signed_in'
		});
		expect(
			recordRollCall(db, clerk, v, motion.motion.id, [
				yes('father'),
				yes('mother'),
				yes('li1'),
				yes('son')
			])
		).toEqual({ ok: true, recorded: 4 });
		const meeting = getMeeting(db, v, meetingId)!;
		const c = meetingCounts(db, meeting, motion.motion.id);
		expect(evaluatePass(meeting.rule, { yes: 4, no: 0, abstain: 0 }, c)).toMatchObject({
			passed: true,
			formula: '3 × 4 ≥ 2 × 6'
		});
		expect(evaluatePass(meeting.rule, { yes: 3, no: 1, abstain: 0 }, c).passed).toBe(false);
	});
});
