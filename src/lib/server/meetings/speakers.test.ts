import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import type { Actor } from '../permissions';
import { verifyChain } from '../audit/chain.js';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { createVillage } from '../villages/villages';
import { addAgendaItem, createMeeting } from './calling';
import { notifyMeeting, openMeeting } from './notice';
import { markLeft, signIn } from './attendance';
import { closeMeeting } from '../procedure/closing';
import {
	askForFloor,
	currentAgendaItem,
	endSpeech,
	setSpeakerLimit,
	startDiscussion,
	startSpeech,
	withdrawFloorRequest
} from './speakers';
import { myFloor, speakerQueue, spokenByItem } from './speaker-queue';

// The queue rules (docs/domain.md §5.6): who may ask, in what order the floor is given, one open
// request per person and item, one speaker at a time, the time limit, and nothing outside an open
// meeting or from another village.

let db: Db;
useDemoVillageDb((d) => (db = d));

const day = '2026-11-20';
const at = (time: string) => new Date(`${day}T${time}Z`);
const clerk = () => demoActor(db, '13800000001');
/** 刘志强, a village representative with a login. */
const rep = () => demoActor(db, '13800000005');
/** 张秀英, a villager with a login who is not on a representatives' meeting's roster. */
const villager = () => demoActor(db, '13800000003');

/** The clerk of 东山村, created on first use in a test. */
function otherVillageClerk(): { actor: Actor; villageId: number } {
	const made = db
		.prepare(
			"select u.id, v.id as village from users u join villages v on v.id = u.village_id where v.slug = 'dongshan'"
		)
		.get() as { id: number; village: number } | undefined;
	if (made)
		return { actor: { userId: made.id, personId: null, role: 'clerk' }, villageId: made.village };
	const r = createVillage(db, null, {
		slug: 'dongshan',
		name: '东山村',
		township: '',
		district: '',
		city: '',
		province: '',
		oneShoulder: false,
		clerk: { name: '陈明', phone: '13700000001' }
	});
	if (!r.ok) throw new Error(r.reason);
	return { actor: { userId: r.clerkId, personId: null, role: 'clerk' }, villageId: r.village.id };
}

/** An open representatives' meeting with two items; `present` reps signed in (刘志强 first). */
function hall(options: { open?: boolean; discuss?: boolean; present?: number } = {}) {
	const v = demoVillageId(db);
	const c = clerk();
	const m = createMeeting(
		db,
		c,
		v,
		{ type: 'reps_meeting', title: '村道硬化方案', meetingDate: day },
		{ now: new Date('2026-11-02T02:00:00Z') }
	);
	if (!m.ok) throw new Error(m.reason);
	const meetingId = m.meeting.id;
	const items = ['村道硬化', '路灯维修'].map((title) => {
		const r = addAgendaItem(db, c, v, meetingId, { title });
		if (!r.ok) throw new Error(r.reason);
		return r.agendaItemId;
	});
	if (!notifyMeeting(db, c, v, meetingId, { now: new Date('2026-11-02T02:00:00Z') }).ok)
		throw new Error('notify');
	const others = (
		db
			.prepare('select person_id from meeting_roster where meeting_id = ? and voting = 1')
			.pluck()
			.all(meetingId) as number[]
	).filter((p) => p !== rep().personId);
	const reps = [rep().personId!, ...others];
	if (options.open !== false) {
		if (!openMeeting(db, c, v, meetingId, { now: at('01:00:00') }).ok) throw new Error('open');
		for (const p of reps.slice(0, options.present ?? 4)) signIn(db, c, v, meetingId, p);
		if (options.discuss !== false)
			expect(startDiscussion(db, c, v, meetingId, items[0], { now: at('01:05:00') })).toEqual({
				ok: true,
				changed: true
			});
	}
	return { v, c, meetingId, items, reps };
}

const stateOf = (id: number) =>
	db.prepare('select state from speaker_requests where id = ?').pluck().get(id);
const auditNames = () =>
	db
		.prepare("select action from audit where action like 'meeting.%' order by id")
		.pluck()
		.all() as string[];

describe('who may ask for the floor', () => {
	type Case = [
		string,
		(w: ReturnType<typeof hall>) => { actor: Actor; villageId?: number; personId: number },
		Parameters<typeof hall>[0],
		string
	];
	const cases: Case[] = [
		[
			'a representative in the hall, for themselves',
			(w) => ({ actor: rep(), personId: w.reps[0] }),
			{},
			'self'
		],
		[
			'the clerk, for someone in the hall',
			(w) => ({ actor: clerk(), personId: w.reps[1] }),
			{},
			'clerk'
		],
		[
			'someone not signed in',
			(w) => ({ actor: rep(), personId: w.reps[0] }),
			{ present: 0 },
			'not_present'
		],
		[
			'the clerk, for someone absent',
			(w) => ({ actor: clerk(), personId: w.reps[5] }),
			{},
			'not_present'
		],
		[
			'a villager not called to the meeting',
			() => ({ actor: villager(), personId: villager().personId! }),
			{},
			'not_present'
		],
		[
			'a villager, for someone else',
			(w) => ({ actor: villager(), personId: w.reps[0] }),
			{},
			'forbidden'
		],
		[
			'before any item is under discussion',
			(w) => ({ actor: rep(), personId: w.reps[0] }),
			{ discuss: false },
			'no_item'
		],
		[
			'before the meeting opens',
			(w) => ({ actor: clerk(), personId: w.reps[0] }),
			{ open: false },
			'not_open'
		],
		[
			'another village’s clerk, here',
			(w) => ({ actor: otherVillageClerk().actor, personId: w.reps[0] }),
			{},
			'forbidden'
		],
		[
			'another village’s clerk, from their own village',
			(w) => {
				const o = otherVillageClerk();
				return { actor: o.actor, villageId: o.villageId, personId: w.reps[0] };
			},
			{},
			'not_found'
		]
	];
	it.each(cases)('%s', (_name, who, setup, expected) => {
		const w = hall(setup);
		const { actor, villageId, personId } = who(w);
		const r = askForFloor(db, actor, villageId ?? w.v, w.meetingId, personId, {
			now: at('01:06:00')
		});
		const rows = db.prepare('select requested_by from speaker_requests').pluck().all();
		if (expected === 'self' || expected === 'clerk') {
			expect(r).toMatchObject({ ok: true, already: false });
			expect(rows).toEqual([expected]);
		} else {
			expect(r).toEqual({ ok: false, reason: expected });
			expect(rows).toEqual([]);
		}
	});

	it('someone who left the hall may no longer ask', () => {
		const w = hall();
		expect(markLeft(db, w.c, w.v, w.meetingId, w.reps[0]).ok).toBe(true);
		expect(askForFloor(db, rep(), w.v, w.meetingId, w.reps[0])).toEqual({
			ok: false,
			reason: 'not_present'
		});
	});

	it('asking twice (a double tap, or the clerk adding someone who asked) keeps one request', () => {
		const w = hall();
		const first = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		const again = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		const byClerk = askForFloor(db, clerk(), w.v, w.meetingId, w.reps[0]);
		if (!first.ok) throw new Error(first.reason);
		expect(again).toEqual({ ok: true, requestId: first.requestId, already: true });
		expect(byClerk).toEqual({ ok: true, requestId: first.requestId, already: true });
		expect(db.prepare('select count(*) from speaker_requests').pluck().get()).toBe(1);
		expect(auditNames().filter((a) => a === 'meeting.floor_requested')).toHaveLength(1);
	});

	it('after speaking on the item, the same person may ask again; on another item too', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		if (!a.ok) throw new Error(a.reason);
		expect(startSpeech(db, clerk(), w.v, a.requestId).ok).toBe(true);
		expect(endSpeech(db, clerk(), w.v, a.requestId, '').ok).toBe(true);
		expect(askForFloor(db, rep(), w.v, w.meetingId, w.reps[0])).toMatchObject({ already: false });
	});
});

describe('the order of speakers', () => {
	it('gives the floor in the order asked, one speaker at a time, and records each duration', () => {
		const w = hall();
		const ids = [w.reps[2], w.reps[0], w.reps[1]].map((p, i) => {
			const r = askForFloor(db, clerk(), w.v, w.meetingId, p, { now: at(`01:1${i}:00`) });
			if (!r.ok) throw new Error(r.reason);
			return r.requestId;
		});
		expect(speakerQueue(db, w.meetingId).waiting.map((x) => x.personId)).toEqual([
			w.reps[2],
			w.reps[0],
			w.reps[1]
		]);
		expect(myFloor(db, w.meetingId, w.reps[1]).request).toMatchObject({
			state: 'waiting',
			ahead: 2
		});

		expect(startSpeech(db, clerk(), w.v, ids[0], { now: at('01:20:00') })).toEqual({
			ok: true,
			startedAt: at('01:20:00').toISOString(),
			limitSeconds: 180
		});
		expect(startSpeech(db, clerk(), w.v, ids[1])).toEqual({
			ok: false,
			reason: 'someone_speaking'
		});
		expect(endSpeech(db, clerk(), w.v, ids[1], '')).toEqual({ ok: false, reason: 'not_speaking' });
		expect(
			endSpeech(db, clerk(), w.v, ids[0], '  同意硬化，\n 建议加宽  ', { now: at('01:22:05') })
		).toEqual({
			ok: true,
			durationSeconds: 125
		});
		expect(myFloor(db, w.meetingId, w.reps[1]).request).toMatchObject({ ahead: 1 });
		expect(startSpeech(db, clerk(), w.v, ids[0])).toEqual({ ok: false, reason: 'not_waiting' });
		expect(startSpeech(db, clerk(), w.v, ids[1], { now: at('01:23:00') }).ok).toBe(true);
		expect(speakerQueue(db, w.meetingId).speaking?.personId).toBe(w.reps[0]);

		const spoken = spokenByItem(db, w.meetingId).get(w.items[0]);
		expect(spoken).toEqual([
			expect.objectContaining({
				startedAt: at('01:20:00').toISOString(),
				durationSeconds: 125,
				limitSeconds: 180,
				summary: '同意硬化， 建议加宽'
			})
		]);
	});

	it('refuses a summary over 200 characters and keeps the speech going', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		if (!a.ok) throw new Error(a.reason);
		startSpeech(db, clerk(), w.v, a.requestId);
		expect(endSpeech(db, clerk(), w.v, a.requestId, '长'.repeat(201))).toEqual({
			ok: false,
			reason: 'bad_summary'
		});
		expect(stateOf(a.requestId)).toBe('speaking');
	});

	it('gives the floor only on the item under discussion, and moves on only once nobody speaks', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		const b = askForFloor(db, clerk(), w.v, w.meetingId, w.reps[1]);
		if (!a.ok || !b.ok) throw new Error();
		startSpeech(db, clerk(), w.v, a.requestId);
		expect(startDiscussion(db, clerk(), w.v, w.meetingId, w.items[1])).toEqual({
			ok: false,
			reason: 'someone_speaking'
		});
		endSpeech(db, clerk(), w.v, a.requestId, '');
		expect(startDiscussion(db, clerk(), w.v, w.meetingId, w.items[1])).toEqual({
			ok: true,
			changed: true
		});
		expect(currentAgendaItem(db, w.meetingId)?.id).toBe(w.items[1]);
		expect(startSpeech(db, clerk(), w.v, b.requestId)).toEqual({
			ok: false,
			reason: 'not_current_item'
		});
		expect(speakerQueue(db, w.meetingId).waiting).toEqual([]);
	});

	it('does not give the floor to someone who has left', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		if (!a.ok) throw new Error(a.reason);
		markLeft(db, clerk(), w.v, w.meetingId, w.reps[0]);
		expect(startSpeech(db, clerk(), w.v, a.requestId)).toEqual({
			ok: false,
			reason: 'not_present'
		});
	});
});

describe('leaving the queue', () => {
	it.each([
		['the asker withdraws', () => rep(), { ok: true }, 'withdrawn'],
		['the clerk removes (skips) them', () => clerk(), { ok: true }, 'removed'],
		[
			'another attendee cannot',
			() => demoActor(db, '13800000006'),
			{ ok: false, reason: 'forbidden' },
			'waiting'
		],
		[
			'another village’s clerk cannot',
			() => otherVillageClerk().actor,
			{ ok: false, reason: 'forbidden' },
			'waiting'
		]
	] as const)('%s', (_name, who, result, state) => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		if (!a.ok) throw new Error(a.reason);
		expect(withdrawFloorRequest(db, who(), w.v, a.requestId)).toEqual(result);
		expect(stateOf(a.requestId)).toBe(state);
	});

	it('a speech under way cannot be withdrawn, only ended', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		if (!a.ok) throw new Error(a.reason);
		startSpeech(db, clerk(), w.v, a.requestId);
		expect(withdrawFloorRequest(db, rep(), w.v, a.requestId)).toEqual({
			ok: false,
			reason: 'not_waiting'
		});
	});
});

describe('the time limit', () => {
	it.each([
		[120, { ok: true }],
		[30, { ok: true }],
		[3600, { ok: true }],
		[29, { ok: false, reason: 'bad_limit' }],
		[3601, { ok: false, reason: 'bad_limit' }],
		[90.5, { ok: false, reason: 'bad_limit' }],
		[Number.NaN, { ok: false, reason: 'bad_limit' }]
	])('%s seconds → %o', (seconds, result) => {
		const w = hall();
		expect(setSpeakerLimit(db, clerk(), w.v, w.meetingId, seconds)).toEqual(result);
		expect(speakerQueue(db, w.meetingId).limitSeconds).toBe(result.ok ? seconds : 180);
	});

	it('a speech keeps the limit it began with; the next one gets the new limit', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		const b = askForFloor(db, clerk(), w.v, w.meetingId, w.reps[1]);
		if (!a.ok || !b.ok) throw new Error();
		startSpeech(db, clerk(), w.v, a.requestId);
		expect(setSpeakerLimit(db, clerk(), w.v, w.meetingId, 120)).toEqual({ ok: true });
		expect(speakerQueue(db, w.meetingId).speaking?.limitSeconds).toBe(180);
		endSpeech(db, clerk(), w.v, a.requestId, '');
		expect(startSpeech(db, clerk(), w.v, b.requestId)).toMatchObject({ limitSeconds: 120 });
	});

	it.each([
		['a villager', () => villager(), 'forbidden'],
		['a representative', () => rep(), 'forbidden'],
		['another village’s clerk', () => otherVillageClerk().actor, 'forbidden']
	])('%s may not set it, start or end a speech, or choose the item', (_name, who, reason) => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		if (!a.ok) throw new Error(a.reason);
		const refused = { ok: false, reason };
		expect(setSpeakerLimit(db, who(), w.v, w.meetingId, 60)).toEqual(refused);
		expect(startSpeech(db, who(), w.v, a.requestId)).toEqual(refused);
		expect(startDiscussion(db, who(), w.v, w.meetingId, w.items[1])).toEqual(refused);
		startSpeech(db, clerk(), w.v, a.requestId);
		expect(endSpeech(db, who(), w.v, a.requestId, '')).toEqual(refused);
		expect(stateOf(a.requestId)).toBe('speaking');
	});
});

describe('only while the meeting is open', () => {
	it('the item and the limit wait for the opening', () => {
		const w = hall({ open: false });
		expect(startDiscussion(db, clerk(), w.v, w.meetingId, w.items[0])).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(setSpeakerLimit(db, clerk(), w.v, w.meetingId, 60)).toEqual({
			ok: false,
			reason: 'not_open'
		});
	});

	it('an item of another meeting is not found', () => {
		const w = hall();
		const other = hall();
		expect(startDiscussion(db, clerk(), w.v, w.meetingId, other.items[0])).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('the close ends the speech under way and lapses the waiting; then nothing changes', () => {
		const w = hall();
		const a = askForFloor(db, rep(), w.v, w.meetingId, w.reps[0]);
		const b = askForFloor(db, clerk(), w.v, w.meetingId, w.reps[1]);
		if (!a.ok || !b.ok) throw new Error();
		startSpeech(db, clerk(), w.v, a.requestId, { now: at('02:00:00') });
		const closed = closeMeeting(db, clerk(), w.v, w.meetingId, {
			confirmed: true,
			minutes: '记录',
			now: at('02:01:30')
		});
		expect(closed.ok).toBe(true);
		expect([stateOf(a.requestId), stateOf(b.requestId)]).toEqual(['done', 'lapsed']);
		expect(spokenByItem(db, w.meetingId).get(w.items[0])?.[0].durationSeconds).toBe(90);
		expect(askForFloor(db, rep(), w.v, w.meetingId, w.reps[0])).toEqual({
			ok: false,
			reason: 'not_open'
		});
		expect(() =>
			db.prepare("update speaker_requests set summary = '改' where id = ?").run(a.requestId)
		).toThrow(/never changes/);
		expect(() =>
			db.prepare('update meetings set speaker_limit_seconds = 60 where id = ?').run(w.meetingId)
		).toThrow(/never changes/);
		// The queue's last entries come before the close, so the head printed in the minutes covers them.
		const names = auditNames();
		expect(names.slice(-3)).toEqual([
			'meeting.speech_ended',
			'meeting.floor_requests_lapsed',
			'meeting.closed'
		]);
		expect(verifyChain(db).ok).toBe(true);
	});
});
