import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'rolldown';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { peopleCountingOn } from '../roster/counts';
import { AGENDA_MATERIALS_MAX, addAgendaItem, addGuest, createMeeting } from './calling';
import { castBallot, recordHands, recordPaperBallots, recordRollCall } from '../votes/ballots';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion, openMotion } from '../votes/motions';
import { getMotion, type Method } from './records';
import { markLeft, signIn } from './attendance';
import { notifyMeeting, openMeeting } from './notice';
import type { MeetingType } from '../votes/rules';
import { liveState, meetingView } from './view';
import { type Actor } from '../permissions';

let db: Db;
let dbPath: string;
useDemoVillageDb((d, path) => {
	db = d;
	dbPath = path;
});

const village = () => demoVillageId(db);
const actorByPhone = (phone: string): Actor => demoActor(db, phone);
const clerk = () => actorByPhone('13800000001');
// A voter acting on their own phone: the clerk's account with the voter's person, for the test.
const voter = (personId: number): Actor => ({ userId: clerk().userId, personId, role: 'villager' });
const at = (date: string) => new Date(`${date}T02:00:00Z`); // 10:00 in China

const NOTICE = '2026-11-02';
const MEETING_DAY = '2026-11-20';

/** A meeting of the demo village, notified on NOTICE, opened on MEETING_DAY, with one motion. */
function heldMeeting(type: MeetingType, method: Method, attendees?: number[]) {
	const v = village();
	const c = clerk();
	const m = createMeeting(
		db,
		c,
		v,
		{ type, title: '村道硬化方案', meetingDate: MEETING_DAY },
		{ now: at(NOTICE) }
	);
	if (!m.ok) throw new Error(m.reason);
	const item = addAgendaItem(db, c, v, m.meeting.id, {
		title: '村道硬化',
		materials: '预算 12 万元'
	});
	if (!item.ok) throw new Error(item.reason);
	const nt = notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE), attendees });
	if (!nt.ok) throw new Error(nt.reason);
	const op = openMeeting(db, c, v, m.meeting.id, { now: at(MEETING_DAY) });
	if (!op.ok) throw new Error(op.reason);
	const mo = createMotion(db, c, v, item.agendaItemId, { text: '同意村道硬化方案', method });
	if (!mo.ok) throw new Error(mo.reason);
	const roster = db
		.prepare('select person_id, voting from meeting_roster where meeting_id = ? order by person_id')
		.all(m.meeting.id) as { person_id: number; voting: number }[];
	return {
		v,
		c,
		meetingId: m.meeting.id,
		agendaItemId: item.agendaItemId,
		motionId: mo.motion.id,
		voters: roster.filter((r) => r.voting === 1).map((r) => r.person_id),
		nonVoters: roster.filter((r) => r.voting === 0).map((r) => r.person_id),
		expected: nt.expected
	};
}
function signInAll(m: { v: number; c: Actor; meetingId: number }, people: number[]) {
	for (const p of people)
		expect(signIn(db, m.c, m.v, m.meetingId, p, { now: at(MEETING_DAY) }).ok).toBe(true);
}

describe("representatives' meeting: 20 reps + 5 committee = 25 expected", () => {
	it('freezes 25 voting members at notice', () => {
		const m = heldMeeting('reps_meeting', 'named');
		expect(m.expected).toBe(25);
		expect(m.voters).toHaveLength(25);
	});

	it.each([
		{ present: 16, opens: false, formula: '3 × 16 ≥ 2 × 25' },
		{ present: 17, opens: true, formula: '3 × 17 ≥ 2 × 25' }
	])('$present present: motion opens = $opens', ({ present, opens, formula }) => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, present));
		const r = openMotion(db, m.c, m.v, m.motionId);
		expect(r.ok).toBe(opens);
		if (r.ok) expect(r.quorum.formula).toBe(formula);
		else if (r.reason === 'no_quorum') expect(r.quorum.formula).toBe(formula);
		else throw new Error(r.reason);
	});

	it.each([
		{ yes: 9, passed: true }, // 2 × 9 > 17
		{ yes: 8, passed: false } // 2 × 8 > 17 fails
	])('17 present, $yes yes: passed = $passed (2 × yes > present)', ({ yes, passed }) => {
		const m = heldMeeting('reps_meeting', 'named');
		const present = m.voters.slice(0, 17);
		signInAll(m, present);
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		present.forEach((p, i) =>
			expect(castBallot(db, voter(p), m.v, m.motionId, i < yes ? 'yes' : 'no')).toEqual({
				ok: true
			})
		);
		const closed = closeMotion(db, m.c, m.v, m.motionId);
		if (!closed.ok) throw new Error(closed.reason);
		expect(closed.motion.result).toBe(passed ? 'passed' : 'failed');
		expect(closed.motion.passEvaluation?.formula).toBe(`2 × ${yes} > 17`);
	});

	it('someone who left early is no longer present', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		expect(markLeft(db, m.c, m.v, m.meetingId, m.voters[0]).ok).toBe(true);
		expect(openMotion(db, m.c, m.v, m.motionId)).toMatchObject({ ok: false, reason: 'no_quorum' });
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toMatchObject({
			reason: 'not_open'
		});
	});
});

describe('party assembly', () => {
	it('probationary members sign in, but their ballot is refused', () => {
		const m = heldMeeting('party_assembly', 'named');
		const probationary = peopleCountingOn(db, m.v, MEETING_DAY, 'party_probationary');
		expect(probationary.length).toBe(2);
		expect(m.nonVoters).toEqual(probationary);
		signInAll(m, [...m.voters, ...probationary]);
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		for (const p of probationary)
			expect(castBallot(db, voter(p), m.v, m.motionId, 'yes')).toEqual({
				ok: false,
				reason: 'not_a_voter'
			});
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({ ok: true });
	});

	it('a person not on the roster cannot sign in', () => {
		const m = heldMeeting('party_assembly', 'named');
		const outsider = (
			db
				.prepare(
					'select id from people where village_id = ? and id not in (select person_id from meeting_roster where meeting_id = ?) limit 1'
				)
				.get(m.v, m.meetingId) as { id: number }
		).id;
		expect(signIn(db, m.c, m.v, m.meetingId, outsider)).toEqual({
			ok: false,
			reason: 'not_on_roster'
		});
	});
});

describe('notice periods', () => {
	it.each([
		{ days: 10, ok: false },
		{ days: 11, ok: true }
	])("villagers' meeting opened $days days after notice: ok = $ok", ({ days, ok }) => {
		const v = village();
		const c = clerk();
		const open = new Date(Date.parse(`${NOTICE}T02:00:00Z`) + days * 86_400_000);
		const m = createMeeting(db, c, v, {
			type: 'villagers_meeting',
			title: '村规民约修订',
			meetingDate: '2026-11-13'
		});
		if (!m.ok) throw new Error(m.reason);
		expect(addAgendaItem(db, c, v, m.meeting.id, { title: '修订' }).ok).toBe(true);
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) }).ok).toBe(true);
		const r = openMeeting(db, c, v, m.meeting.id, { now: open });
		expect(r).toEqual(
			ok
				? expect.objectContaining({ ok: true })
				: { ok: false, reason: 'too_early', earliest: '2026-11-13' }
		);
	});

	it('a meeting date inside the notice period cannot be notified', () => {
		const v = village();
		const c = clerk();
		const m = createMeeting(db, c, v, {
			type: 'villagers_meeting',
			title: '村规民约',
			meetingDate: '2026-11-12'
		});
		if (!m.ok) throw new Error(m.reason);
		addAgendaItem(db, c, v, m.meeting.id, { title: '修订' });
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) })).toEqual({
			ok: false,
			reason: 'too_late',
			earliest: '2026-11-13'
		});
	});

	it('urgent coordination opens on the notice day; named attendees, guests never vote', () => {
		const v = village();
		const c = clerk();
		const m = createMeeting(db, c, v, {
			type: 'urgent_coordination',
			title: '抢修水管',
			meetingDate: NOTICE
		});
		if (!m.ok) throw new Error(m.reason);
		addAgendaItem(db, c, v, m.meeting.id, { title: '水管' });
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) })).toEqual({
			ok: false,
			reason: 'attendees_required'
		});
		expect(notifyMeeting(db, c, v, m.meeting.id, { now: at(NOTICE), attendees: [1, 10] }).ok).toBe(
			true
		);
		expect(openMeeting(db, c, v, m.meeting.id, { now: at(NOTICE) }).ok).toBe(true);
		expect(
			addGuest(db, c, v, m.meeting.id, { kind: 'township', name: '王镇长', position: '副镇长' }).ok
		).toBe(true);
	});

	it('only staff create meetings', () => {
		expect(
			createMeeting(db, actorByPhone('13800000003'), village(), {
				type: 'reps_meeting',
				title: 'x',
				meetingDate: MEETING_DAY
			})
		).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses a place over 100 characters instead of storing it cut short', () => {
		const meetings = () => db.prepare('select count(*) as n from meetings').get();
		const before = meetings();
		const input = { type: 'reps_meeting', title: '地点太长', meetingDate: MEETING_DAY } as const;
		const clerk = actorByPhone('13800000001');
		expect(createMeeting(db, clerk, village(), { ...input, place: '村'.repeat(101) })).toEqual({
			ok: false,
			reason: 'bad_place'
		});
		expect(meetings()).toEqual(before);
		const ok = createMeeting(db, clerk, village(), { ...input, place: '村'.repeat(100) });
		expect(ok.ok && ok.meeting.place).toBe('村'.repeat(100));
	});

	it('refuses agenda materials over the limit instead of storing them cut short', () => {
		const clerk = actorByPhone('13800000001');
		const created = createMeeting(db, clerk, village(), {
			type: 'reps_meeting',
			title: '材料太长',
			meetingDate: MEETING_DAY
		});
		if (!created.ok) throw new Error('meeting not created');
		const add = (materials: string) =>
			addAgendaItem(db, clerk, village(), created.meeting.id, { title: '议程', materials });
		expect(add('料'.repeat(AGENDA_MATERIALS_MAX + 1))).toEqual({
			ok: false,
			reason: 'bad_materials'
		});
		expect(add('料'.repeat(AGENDA_MATERIALS_MAX)).ok).toBe(true);
	});
});

describe('ballots', () => {
	it('50 concurrent castBallot calls for one voter through 50 connections leave one receipt', async () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 20));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		const out = resolve('node_modules/.cache/yishiting-meetings');
		mkdirSync(out, { recursive: true });
		const file = join(out, `ballot-worker-${process.pid}.mjs`);
		await build({
			input: resolve('src/lib/server/votes/ballot-worker.ts'),
			platform: 'node',
			external: ['better-sqlite3'],
			output: { file, format: 'esm' },
			logLevel: 'silent'
		});
		const gate = new SharedArrayBuffer(4);
		const workers = Array.from(
			{ length: 50 },
			() =>
				new Worker(file, {
					workerData: {
						path: dbPath,
						villageId: m.v,
						motionId: m.motionId,
						actor: voter(m.voters[0]),
						choice: 'yes',
						gate
					}
				})
		);
		const results = workers.map(
			(w) =>
				new Promise((res, rej) => {
					w.once('message', res);
					w.once('error', rej);
				})
		);
		await new Promise((r) => setTimeout(r, 300));
		Atomics.store(new Int32Array(gate), 0, 1);
		Atomics.notify(new Int32Array(gate), 0);
		const all = (await Promise.all(results)) as { ok: boolean; reason?: string }[];
		await Promise.all(workers.map((w) => w.terminate()));
		expect(all.filter((r) => r.ok)).toHaveLength(1);
		expect(all.filter((r) => !r.ok).every((r) => r.reason === 'already_voted')).toBe(true);
		expect(
			db.prepare('select count(*) as n from ballot_receipts where motion_id = ?').get(m.motionId)
		).toEqual({ n: 1 });
		expect(
			db.prepare('select sum(count) as n from secret_tallies where motion_id = ?').get(m.motionId)
		).toEqual({ n: 1 });
		expect(verifyChain(db)).toMatchObject({ ok: true });
	}, 30_000);

	it('paper then online, and online then paper, are refused', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		const [a, b] = m.voters;
		expect(
			recordPaperBallots(db, m.c, m.v, m.motionId, {
				kind: 'named',
				ballots: [{ personId: a, choice: 'yes' }]
			})
		).toEqual({ ok: true, recorded: 1 });
		expect(castBallot(db, voter(a), m.v, m.motionId, 'no')).toEqual({
			ok: false,
			reason: 'already_voted'
		});
		expect(castBallot(db, voter(b), m.v, m.motionId, 'no')).toEqual({ ok: true });
		expect(
			recordPaperBallots(db, m.c, m.v, m.motionId, {
				kind: 'named',
				ballots: [{ personId: b, choice: 'yes' }]
			})
		).toEqual({ ok: false, reason: 'already_voted', personId: b });
		expect(
			recordRollCall(db, m.c, m.v, m.motionId, [{ personId: b, choice: 'yes' }])
		).toMatchObject({ reason: 'already_voted' });
	});

	it('secret paper ballots and online ballots share one receipt per person', () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		const [a, b, c] = m.voters;
		expect(castBallot(db, voter(a), m.v, m.motionId, 'yes')).toEqual({ ok: true });
		const paper = {
			kind: 'secret' as const,
			counts: { yes: 1, no: 1, abstain: 0 },
			counter: '王明',
			scrutineer: '李红'
		};
		expect(recordPaperBallots(db, m.c, m.v, m.motionId, { ...paper, voters: [b, a] })).toEqual({
			ok: false,
			reason: 'already_voted',
			personId: a
		});
		expect(
			recordPaperBallots(db, m.c, m.v, m.motionId, {
				...paper,
				voters: [b],
				counts: { yes: 1, no: 1, abstain: 0 }
			})
		).toEqual({ ok: false, reason: 'more_than_ballots' });
		expect(recordPaperBallots(db, m.c, m.v, m.motionId, { ...paper, voters: [b, c] })).toEqual({
			ok: true,
			recorded: 2
		});
		expect(castBallot(db, voter(b), m.v, m.motionId, 'no')).toEqual({
			ok: false,
			reason: 'already_voted'
		});
		// The box is counted once: a second batch, beside its counts, would name its voters' choices.
		const d = m.voters[3];
		expect(
			recordPaperBallots(db, m.c, m.v, m.motionId, {
				...paper,
				voters: [d],
				counts: { yes: 0, no: 0, abstain: 1 }
			})
		).toEqual({ ok: false, reason: 'paper_already_counted' });
		expect(castBallot(db, voter(d), m.v, m.motionId, 'abstain')).toEqual({ ok: true });
		const closed = closeMotion(db, m.c, m.v, m.motionId);
		expect(closed.ok && closed.motion.tally).toEqual({ yes: 2, no: 1, abstain: 1 });
	});

	it.each([
		{ name: 'bad choice', choice: 'maybe', signed: true, reason: 'bad_choice' },
		{ name: 'not signed in', choice: 'yes', signed: false, reason: 'not_signed_in' }
	])('refused: $name', ({ choice, signed, reason }) => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(1, 18));
		if (signed) signInAll(m, [m.voters[0]]);
		openMotion(db, m.c, m.v, m.motionId);
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, choice as 'yes')).toEqual({
			ok: false,
			reason
		});
	});

	it('no ballot before open or after close, and the trigger blocks direct SQL too', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 20));
		const p = m.voters[0];
		expect(castBallot(db, voter(p), m.v, m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(() =>
			db.prepare("insert into ballot_receipts values (?, ?, 'online')").run(m.motionId, p)
		).toThrow(/not open/);
		openMotion(db, m.c, m.v, m.motionId);
		castBallot(db, voter(m.voters[1]), m.v, m.motionId, 'yes');
		expect(closeMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		expect(castBallot(db, voter(p), m.v, m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(() =>
			db.prepare("insert into ballot_receipts values (?, ?, 'online')").run(m.motionId, p)
		).toThrow(/not open/);
		expect(() =>
			db.prepare("insert into named_choices values (?, ?, 'yes')").run(m.motionId, m.voters[1])
		).toThrow();
	});

	it('a closed motion cannot be changed or deleted by direct SQL', () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes');
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmFewBallots: true }).ok).toBe(true);
		for (const sql of [
			"update motions set result = 'failed' where id = ?",
			'update motions set yes = 99 where id = ?',
			"update motions set state = 'open' where id = ?",
			'update secret_tallies set count = count + 1 where motion_id = ?',
			'delete from secret_tallies where motion_id = ?',
			'delete from ballot_receipts where motion_id = ?',
			'delete from motions where id = ?'
		])
			expect(() => db.prepare(sql).run(m.motionId), sql).toThrow();
	});

	it("a secret ballot's rows hold no person id next to a choice, in any table", () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		const p = m.voters[3];
		castBallot(db, voter(p), m.v, m.motionId, 'abstain');
		const tables = db
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'topics_fts%'"
			)
			.pluck()
			.all() as string[];
		for (const t of tables) {
			const cols = db.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[];
			for (const row of db.prepare(`select * from "${t}"`).all() as Record<string, unknown>[]) {
				const text = JSON.stringify(row);
				if (!text.includes('abstain')) continue;
				// No row carrying the choice names the voter in a column, or in a JSON body.
				expect({
					t,
					hasPerson:
						cols.some((c) => c.includes('person') && row[c] === p) ||
						new RegExp(`"personId":${p}\\b`).test(text)
				}).toEqual({ t, hasPerson: false });
			}
		}
		expect(db.prepare('select count(*) as n from named_choices').get()).toEqual({ n: 0 });
	});

	it('hands: totals above present refused; the "all others yes" shortcut', () => {
		const m = heldMeeting('reps_meeting', 'hands');
		signInAll(m, m.voters.slice(0, 18));
		openMotion(db, m.c, m.v, m.motionId);
		expect(recordHands(db, m.c, m.v, m.motionId, { yes: 10, no: 8, abstain: 1 })).toEqual({
			ok: false,
			reason: 'more_than_present'
		});
		expect(recordHands(db, m.c, m.v, m.motionId, { no: 15, abstain: 5, othersYes: true })).toEqual({
			ok: false,
			reason: 'more_than_present'
		});
		expect(recordHands(db, m.c, m.v, m.motionId, { no: 3, abstain: 2, othersYes: true })).toEqual({
			ok: true,
			tally: { yes: 13, no: 3, abstain: 2 }
		});
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'wrong_method'
		});
		const closed = closeMotion(db, m.c, m.v, m.motionId);
		expect(closed.ok && closed.motion.result).toBe('passed');
	});

	it('a ballot for a motion of another village is not found', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		const other = db
			.prepare(
				"insert into villages (slug, name, created_at) values ('other', '别村', '2026-01-01')"
			)
			.run().lastInsertRowid;
		expect(castBallot(db, voter(m.voters[0]), Number(other), m.motionId, 'yes')).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(getMotion(db, Number(other), m.motionId)).toBeNull();
		expect(closeMotion(db, m.c, Number(other), m.motionId)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});

describe('closing the meeting', () => {
	it('refuses with open motions, closes them on request, stores the audit head, then freezes', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 20));
		openMotion(db, m.c, m.v, m.motionId);
		m.voters.slice(0, 12).forEach((p) => castBallot(db, voter(p), m.v, m.motionId, 'yes'));
		expect(closeMeeting(db, m.c, m.v, m.meetingId)).toEqual({
			ok: false,
			reason: 'motions_open',
			motionIds: [m.motionId]
		});
		const r = closeMeeting(db, m.c, m.v, m.meetingId, {
			closeOpenMotions: true,
			minutes: '会议纪要'
		});
		if (!r.ok) throw new Error(r.reason);
		expect(r.meeting.auditHeadHash).toBe(r.auditHead.hash);
		expect(getMotion(db, m.v, m.motionId)?.result).toBe('passed');
		expect(() =>
			db.prepare("update meetings set minutes = 'x' where id = ?").run(m.meetingId)
		).toThrow(/closed meeting/);
		expect(() =>
			db
				.prepare('update meeting_roster set left_at = signed_in_at where meeting_id = ?')
				.run(m.meetingId)
		).toThrow();
		expect(signIn(db, m.c, m.v, m.meetingId, m.voters[24])).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(verifyChain(db)).toMatchObject({ ok: true });
	});
});

describe('what the pages read (view.ts)', () => {
	it("hides a secret ballot's counts until the close, then shows counts and turnout, never choices", () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 18));
		expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
		castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes');
		castBallot(db, voter(m.voters[1]), m.v, m.motionId, 'no');
		const open = meetingView(db, m.v, m.meetingId)!.agenda[0].motions[0];
		expect(open).toMatchObject({ state: 'open', tally: null, ballotsCast: 2, turnout: null });
		expect(liveState(db, m.v, m.meetingId)!.motions[0].tally).toBeNull();
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmFewBallots: true }).ok).toBe(true);
		const closed = meetingView(db, m.v, m.meetingId)!.agenda[0].motions[0];
		expect(closed).toMatchObject({
			state: 'closed',
			result: 'failed',
			tally: { yes: 1, no: 1, abstain: 0 },
			namedChoices: null,
			fewBallotsConfirmedBy: '王丽'
		});
		expect(closed.turnout!.map((t) => t.personId).sort()).toEqual(
			[m.voters[0], m.voters[1]].sort()
		);
		expect(JSON.stringify(closed.turnout)).not.toMatch(/yes|"no"|abstain/);
	});

	it('counts a named vote live for the console, and shows who chose what after the close', () => {
		const m = heldMeeting('reps_meeting', 'named');
		signInAll(m, m.voters.slice(0, 17));
		openMotion(db, m.c, m.v, m.motionId);
		for (const p of m.voters.slice(0, 9)) castBallot(db, voter(p), m.v, m.motionId, 'yes');
		const view = meetingView(db, m.v, m.meetingId)!;
		expect(view.agenda[0].motions[0].tally).toEqual({ yes: 9, no: 0, abstain: 0 });
		// 17 of 25 present: 3 × 17 ≥ 2 × 25; 68.0% shown, never used to decide.
		expect(view.attendance).toMatchObject({
			expected: 25,
			expectedVoting: 25,
			present: 17,
			ratioPermille: 680,
			quorum: { met: true, formula: '3 × 17 ≥ 2 × 25' }
		});
		closeMotion(db, m.c, m.v, m.motionId);
		const closed = meetingView(db, m.v, m.meetingId)!.agenda[0].motions[0];
		expect(closed.result).toBe('passed');
		expect(closed.passEvaluation?.formula).toBe('2 × 9 > 17');
		expect(closed.namedChoices).toHaveLength(9);
		expect(closed.namedChoices!.every((c) => c.choice === 'yes')).toBe(true);
	});

	it("reads another village's meeting as missing", () => {
		const m = heldMeeting('reps_meeting', 'hands');
		expect(meetingView(db, m.v + 1000, m.meetingId)).toBeNull();
		expect(liveState(db, m.v + 1000, m.meetingId)).toBeNull();
	});
});
