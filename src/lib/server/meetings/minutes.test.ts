import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { seedDemoClosedMeeting } from '../seed/demo-closed-meeting';
import { addAgendaItem, createMeeting } from './calling';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { listRoster } from './records';
import { notifyMeeting, openMeeting } from './notice';
import { recordPaperBallots } from '../votes/ballots';
import { signIn } from './attendance';
import {
	appendCorrection,
	attestSignedSheet,
	confirmMinutes,
	setMinutesText,
	type StoredSheet
} from './minutes';
import { findAttestation, minutesOf, minutesStanding } from './minutes-view';
import { type Actor } from '../permissions';

let db: Db;
useDemoVillageDb((d) => (db = d));

const village = () => demoVillageId(db);
const clerk = () => demoActor(db, '13800000001');
const secretary = () => demoActor(db, '13800000002');
const villager = () => demoActor(db, '13800000003');
// An attendee on their own phone: the clerk's account with the attendee's person, for the test.
const person = (personId: number): Actor => ({
	userId: clerk().userId,
	personId,
	role: 'villager'
});
const at = (date: string) => new Date(`${date}T02:00:00Z`);
const NOTICE = '2026-11-02';
const MEETING_DAY = '2026-11-20';

const SHEET: StoredSheet = {
	kind: 'image',
	storedName: '0d9a2a4e-6c1f-4a55-9b8e-3f0f5c1d2e3a.jpg',
	originalName: '签字记录.jpg',
	mime: 'image/jpeg',
	size: 1234
};

const auditCount = (action: string) =>
	(db.prepare('select count(*) as n from audit where action = ?').get(action) as { n: number }).n;

/** A party assembly brought to `state` (opened on MEETING_DAY), with one agenda item. */
function meetingIn(state: 'draft' | 'notified' | 'open' | 'closed') {
	const v = village();
	const c = clerk();
	const created = createMeeting(
		db,
		c,
		v,
		{ type: 'party_assembly', title: '村道硬化方案', meetingDate: MEETING_DAY },
		{ now: at(NOTICE) }
	);
	if (!created.ok) throw new Error(created.reason);
	const id = created.meeting.id;
	const item = addAgendaItem(db, c, v, id, { title: '村道硬化' });
	if (!item.ok) throw new Error(item.reason);
	if (state !== 'draft') expect(notifyMeeting(db, c, v, id, { now: at(NOTICE) }).ok).toBe(true);
	if (state === 'open' || state === 'closed')
		expect(openMeeting(db, c, v, id, { now: at(MEETING_DAY) }).ok).toBe(true);
	if (state === 'closed')
		expect(closeMeeting(db, c, v, id, { confirmed: true, now: at(MEETING_DAY) }).ok).toBe(true);
	return { v, id, itemId: item.agendaItemId };
}

describe('setMinutesText', () => {
	it.each([
		{ state: 'draft', expected: { ok: true } },
		{ state: 'notified', expected: { ok: true } },
		{ state: 'open', expected: { ok: true } },
		// Issue 15: the recorder may finish the text after the close, until it is confirmed.
		{ state: 'closed', expected: { ok: true } }
	] as const)('while the meeting is $state: $expected', ({ state, expected }) => {
		const m = meetingIn(state);
		const before = auditCount('meeting.minutes_text_saved');
		expect(setMinutesText(db, clerk(), m.v, m.id, '  会议由李建国主持。\n ')).toEqual(expected);
		const text = minutesOf(db, m.v, m.id)!.meeting.minutes;
		expect(text).toBe(expected.ok ? '会议由李建国主持。' : '');
		expect(auditCount('meeting.minutes_text_saved')).toBe(before + (expected.ok ? 1 : 0));
	});

	it.each([
		{ who: 'the secretary', actor: () => secretary(), text: '记录', reason: null },
		{ who: 'a villager', actor: () => villager(), text: '记录', reason: 'forbidden' },
		{ who: 'the clerk', actor: () => clerk(), text: '字'.repeat(20000), reason: null },
		{ who: 'the clerk', actor: () => clerk(), text: '字'.repeat(20001), reason: 'bad_text' }
	])('$who, $text.length chars: refused $reason', ({ actor, text, reason }) => {
		const m = meetingIn('open');
		const r = setMinutesText(db, actor(), m.v, m.id, text);
		expect(r).toEqual(reason ? { ok: false, reason } : { ok: true });
	});

	it('a clerk of another village is refused; a missing meeting is not found', () => {
		const m = meetingIn('open');
		expect(setMinutesText(db, clerk(), m.v + 1, m.id, '记录')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(setMinutesText(db, clerk(), m.v, m.id + 1000, '记录')).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('the demo closed assembly', () => {
	it('prints time, place, people, the vote with its arithmetic and the audit head, names only', () => {
		const v = village();
		const id = seedDemoClosedMeeting(db, v);
		const minutes = minutesOf(db, v, id)!;
		expect(minutes.meeting).toMatchObject({
			type: 'party_assembly',
			state: 'closed',
			meetingDate: '2026-10-15',
			startsAt: '09:00',
			noticeDate: '2026-10-08',
			place: '村党员活动室'
		});
		expect(minutes.chairName).toBe('李建国');
		expect(minutes.recorderName).toBe('王丽');
		expect(minutes.openedAt).not.toBeNull();
		expect(minutes.closedAt).not.toBeNull();
		expect(minutes.attendees).toHaveLength(28);
		expect(minutes.attendees.filter((a) => a.leftAt !== null)).toHaveLength(1);
		expect(minutes.attendees.map((a) => a.name)).toContain('李建国');
		expect(minutes.nonVoting).toHaveLength(1);
		expect(minutes.absentees).toHaveLength(33 - 28 + 1);
		expect(minutes.attendance).toMatchObject({ expected: 35, expectedVoting: 33 });
		const [item] = minutes.agenda;
		expect(item.speeches).toHaveLength(1);
		expect(item.opinions).toHaveLength(1);
		const [motion] = item.motions;
		expect(motion).toMatchObject({
			method: 'hands',
			state: 'closed',
			result: 'passed',
			tally: { yes: 25, no: 1, abstain: 2 },
			passRule: '2 × yes > fullTotal'
		});
		expect(motion.quorumAtOpen?.formula).toBe('2 × 28 ≥ 33');
		expect(motion.passEvaluation?.formula).toBe('2 × 25 > 33');
		const head = db
			.prepare('select audit_head_id, audit_head_hash from meetings where id = ?')
			.get(id) as { audit_head_id: number; audit_head_hash: string };
		expect(minutes.meeting.auditHeadHash).toBe(head.audit_head_hash);
		expect(minutes.meeting.auditHeadHash).toMatch(/^[0-9a-f]{64}$/);
		expect(minutes.confirmations).toHaveLength(20);
		expect(minutes.mayConfirm).toBe(29);
		// Names only: no phone number, no ID digits, no person ids.
		// (The hex hash may hold a run of digits like a phone number: it is checked above.)
		const json = JSON.stringify({
			...minutes,
			meeting: { ...minutes.meeting, auditHeadHash: '' }
		});
		expect(json).not.toMatch(/1[3-9]\d{9}/);
		expect(json).not.toContain('personId');
		expect(verifyChain(db).ok).toBe(true);
	});
});

describe('confirmMinutes', () => {
	const rosterOf = (id: number) => listRoster(db, id);

	it.each([
		{ who: 'an attendee who signed in', pick: 'attendee', expected: { ok: true } },
		{ who: 'someone on the roster who never came', pick: 'absent', reason: 'not_attendee' },
		{ who: 'someone not on the roster', pick: 'outsider', reason: 'not_attendee' },
		{ who: 'an account without a person', pick: 'nobody', reason: 'not_attendee' }
	])('$who', ({ pick, reason }) => {
		const v = village();
		const id = seedDemoClosedMeeting(db, v);
		const roster = rosterOf(id);
		const personId =
			pick === 'attendee'
				? secretary().personId
				: pick === 'absent'
					? roster.find((r) => r.signedInAt === null)!.personId
					: pick === 'outsider'
						? villager().personId
						: null;
		expect(roster.some((r) => r.personId === villager().personId && r.signedInAt)).toBe(false);
		const before = auditCount('meeting.minutes_confirmed');
		const r = confirmMinutes(db, { ...person(0), personId }, v, id);
		if (reason) {
			expect(r).toEqual({ ok: false, reason });
			expect(auditCount('meeting.minutes_confirmed')).toBe(before);
		} else {
			expect(r).toMatchObject({ ok: true, alreadyConfirmed: false });
			expect(auditCount('meeting.minutes_confirmed')).toBe(before + 1);
			expect(minutesStanding(db, id, personId)).toMatchObject({ attendee: true });
			expect(minutesStanding(db, id, personId).confirmedAt).not.toBeNull();
		}
	});

	it('a second confirmation is a no-op that says so', () => {
		const v = village();
		const id = seedDemoClosedMeeting(db, v);
		const me = person(secretary().personId!);
		const first = confirmMinutes(db, me, v, id, { now: at('2026-10-16') });
		const before = auditCount('meeting.minutes_confirmed');
		const second = confirmMinutes(db, me, v, id, { now: at('2026-10-17') });
		expect(first).toMatchObject({ ok: true, alreadyConfirmed: false });
		expect(second).toEqual({
			ok: true,
			alreadyConfirmed: true,
			confirmedAt: at('2026-10-16').toISOString()
		});
		expect(auditCount('meeting.minutes_confirmed')).toBe(before);
		expect(minutesOf(db, v, id)!.confirmations).toHaveLength(21);
	});

	it('is refused before the close, and for another village', () => {
		const m = meetingIn('open');
		const attendee = rosterOf(m.id)[0].personId;
		expect(signIn(db, clerk(), m.v, m.id, attendee).ok).toBe(true);
		expect(confirmMinutes(db, person(attendee), m.v, m.id)).toEqual({
			ok: false,
			reason: 'not_closed'
		});
		expect(confirmMinutes(db, person(attendee), m.v + 1, m.id)).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});
});

describe('attestSignedSheet', () => {
	it.each([
		{ who: 'clerk', state: 'closed', expected: 'ok' },
		{ who: 'secretary', state: 'closed', expected: 'ok' },
		{ who: 'villager', state: 'closed', expected: 'forbidden' },
		{ who: 'clerk', state: 'open', expected: 'not_closed' }
	] as const)('$who while $state: $expected', ({ who, state, expected }) => {
		const m = meetingIn(state);
		const actor = { clerk, secretary, villager }[who]();
		const r = attestSignedSheet(db, actor, m.v, m.id, SHEET, { now: at('2026-11-21') });
		if (expected !== 'ok') {
			expect(r).toEqual({ ok: false, reason: expected });
			expect(minutesOf(db, m.v, m.id)!.attestations).toEqual([]);
			return;
		}
		if (!r.ok) throw new Error(r.reason);
		expect(findAttestation(db, m.v, m.id, r.attestationId)).toEqual(SHEET);
		expect(findAttestation(db, m.v + 1, m.id, r.attestationId)).toBeNull();
		expect(findAttestation(db, m.v, m.id + 1, r.attestationId)).toBeNull();
		expect(minutesOf(db, m.v, m.id)!.attestations).toEqual([
			{
				id: r.attestationId,
				kind: 'image',
				originalName: '签字记录.jpg',
				size: 1234,
				attestedBy: who === 'clerk' ? '王丽' : '李建国',
				createdAt: at('2026-11-21').toISOString()
			}
		]);
		expect(auditCount('meeting.minutes_attested')).toBe(1);
	});
});

describe('appendCorrection', () => {
	it.each([
		{ text: '第二段“两委联席会议”应为“两委联席会议（扩大）”。', reason: '记录人笔误', ok: true },
		{ text: '  ', reason: '笔误', refused: 'bad_correction' },
		{ text: '字'.repeat(5001), reason: '笔误', refused: 'bad_correction' },
		{ text: '更正', reason: '', refused: 'bad_reason' },
		{ text: '更正', reason: '因'.repeat(501), refused: 'bad_reason' }
	])('text $text.length chars, reason $reason.length chars', ({ text, reason, refused }) => {
		const v = village();
		const id = seedDemoClosedMeeting(db, v);
		const original = minutesOf(db, v, id)!.meeting.minutes;
		const r = appendCorrection(db, clerk(), v, id, { text, reason }, { now: at('2026-10-20') });
		const minutes = minutesOf(db, v, id)!;
		expect(minutes.meeting.minutes).toBe(original);
		if (refused) {
			expect(r).toEqual({ ok: false, reason: refused });
			expect(minutes.corrections).toEqual([]);
		} else {
			expect(r.ok).toBe(true);
			expect(minutes.corrections).toEqual([
				{
					id: expect.any(Number),
					text,
					reason,
					by: '王丽',
					createdAt: at('2026-10-20').toISOString()
				}
			]);
			expect(auditCount('meeting.minutes_corrected')).toBe(1);
		}
	});

	it.each([
		{ state: 'open', actor: 'clerk', reason: 'not_closed' },
		{ state: 'closed', actor: 'villager', reason: 'forbidden' }
	] as const)('refused $reason ($actor, meeting $state)', ({ state, actor, reason }) => {
		const m = meetingIn(state);
		const who = actor === 'clerk' ? clerk() : villager();
		expect(appendCorrection(db, who, m.v, m.id, { text: '更正', reason: '笔误' })).toEqual({
			ok: false,
			reason
		});
	});
});

describe('secret paper ballots in the minutes', () => {
	it('hide the counts while open; then show counts, counter, scrutineer and turnout, never choices', () => {
		const m = meetingIn('open');
		const c = clerk();
		const voters = listRoster(db, m.id)
			.filter((r) => r.voting)
			.slice(0, 20)
			.map((r) => r.personId);
		for (const p of voters) expect(signIn(db, c, m.v, m.id, p).ok).toBe(true);
		const mo = createMotion(db, c, m.v, m.itemId, { text: '同意村道硬化', method: 'secret' });
		if (!mo.ok) throw new Error(mo.reason);
		expect(openMotion(db, c, m.v, mo.motion.id).ok).toBe(true);
		expect(
			recordPaperBallots(db, c, m.v, mo.motion.id, {
				kind: 'secret',
				voters,
				counts: { yes: 18, no: 1, abstain: 1 },
				counter: '刘志强',
				scrutineer: '陈淑珍'
			}).ok
		).toBe(true);
		const open = minutesOf(db, m.v, m.id)!.agenda[0].motions[0];
		expect(open.tally).toBeNull();
		expect(open.turnout).toBeNull();
		expect(closeMotion(db, c, m.v, mo.motion.id, { confirmed: true }).ok).toBe(true);
		const closed = minutesOf(db, m.v, m.id)!.agenda[0].motions[0];
		expect(closed).toMatchObject({
			tally: { yes: 18, no: 1, abstain: 1 },
			counterName: '刘志强',
			scrutineerName: '陈淑珍',
			namedChoices: null
		});
		expect(closed.turnout).toHaveLength(20);
		expect(Object.keys(closed.turnout![0]).sort()).toEqual(['channel', 'name']);
	});
});
