// Closing a secret ballot on a real database file, then the files themselves as an attacker would
// copy them: the main file, its write-ahead log and the WAL index (-shm).
import { describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../db';
import { appendAudit } from '../audit/chain.js';
import { migrate } from '../db/migrate.js';
import { rewindTo032 } from '../db/migrations/033-rewind';
import { openDatabase } from '../db/open.js';
import { truncateWal } from '../db/wal';
import { minutesOf } from './minutes-view';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { addAgendaItem, createMeeting } from './calling';
import { castBallot } from '../votes/ballots';
import { closeMeeting, closeMotion } from '../procedure/closing';
import { createMotion } from '../votes/motions';
import { openMotion } from '../procedure/opening';
import { notifyMeeting, openMeeting } from './notice';
import { signIn } from './attendance';
import { type Choice } from './records';
import type { Actor } from '../permissions';
import { pairingsInWal, receiptRecords, tallyRecords, type Pairing } from '../votes/secret-traces';

let db: Db;
let dbPath: string;
useDemoVillageDb((d, path) => {
	db = d;
	dbPath = path;
});

const at = (date: string) => new Date(`${date}T02:00:00Z`);
const read = (suffix: string) =>
	existsSync(dbPath + suffix) ? readFileSync(dbPath + suffix) : Buffer.alloc(0);
const byPerson = (pairs: Pairing[]) => [...pairs].sort((a, b) => a.personId - b.personId);

/** A representatives' meeting with a (secret) motion, where each choice is cast online in turn. */
function heldVote(choices: Choice[], method: 'secret' | 'named' = 'secret') {
	const v = demoVillageId(db);
	const c: Actor = demoActor(db, '13800000001');
	const made = createMeeting(
		db,
		c,
		v,
		{ type: 'reps_meeting', title: '储藏库选址', meetingDate: '2026-11-20' },
		{ now: at('2026-11-02') }
	);
	if (!made.ok) throw new Error(made.reason);
	const meetingId = made.meeting.id;
	const item = addAgendaItem(db, c, v, meetingId, { title: '储藏库', materials: '' });
	if (!item.ok) throw new Error(item.reason);
	expect(notifyMeeting(db, c, v, meetingId, { now: at('2026-11-02') }).ok).toBe(true);
	expect(openMeeting(db, c, v, meetingId, { now: at('2026-11-20') }).ok).toBe(true);
	const motion = createMotion(db, c, v, item.agendaItemId, {
		text: '储藏库建在村东',
		method
	});
	if (!motion.ok) throw new Error(motion.reason);
	const motionId = motion.motion.id;
	const voters = (
		db
			.prepare(
				'select person_id from meeting_roster where meeting_id = ? and voting = 1 order by person_id'
			)
			.pluck()
			.all(meetingId) as number[]
	).slice(0, 20);
	for (const p of voters)
		expect(signIn(db, c, v, meetingId, p, { now: at('2026-11-20') }).ok).toBe(true);
	expect(openMotion(db, c, v, motionId).ok).toBe(true);
	const cast: Pairing[] = choices.map((choice, i) => ({ personId: voters[i], choice }));
	for (const { personId, choice } of cast)
		expect(
			castBallot(db, { userId: c.userId, personId, role: 'villager' }, v, motionId, choice)
		).toEqual({
			ok: true
		});
	return { v, c, meetingId, motionId, cast };
}

// Five voters, each counter raised at least once and 'yes' three times, so its stored cell grows.
const CHOICES_CAST: Choice[] = ['no', 'yes', 'abstain', 'yes', 'yes'];

describe('what the files on disk say about a secret ballot', () => {
	it('during the vote, a copy of the live WAL pairs each choice with its voter (the honest limit)', () => {
		const { motionId, cast } = heldVote(CHOICES_CAST);
		expect(byPerson(pairingsInWal(read('-wal'), motionId))).toEqual(byPerson(cast));
	});

	it('after the close, no file pairs a choice with its voter, and no counter keeps its history', () => {
		const { v, c, motionId, cast } = heldVote(CHOICES_CAST);
		const closed = closeMotion(db, c, v, motionId, { confirmed: true });
		expect(closed.ok && closed.motion.tally).toEqual({ yes: 3, no: 1, abstain: 1 });
		const wal = read('-wal');
		expect(pairingsInWal(wal, motionId)).toEqual([]);
		expect(wal.length, 'the WAL is truncated').toBe(0);
		for (const file of ['', '-shm']) {
			const bytes = read(file);
			// Only the final counts, once each: no earlier value of a counter to set beside the
			// receipts' order.
			expect(
				tallyRecords(bytes, motionId).sort((a, b) => a.choice.localeCompare(b.choice)),
				`counters in ${file || 'the main file'}`
			).toEqual(
				file
					? []
					: [
							{ choice: 'abstain', count: 1 },
							{ choice: 'no', count: 1 },
							{ choice: 'yes', count: 3 }
						]
			);
		}
		// The turnout is public: the main file holds every receipt, the index file none.
		expect(new Set(receiptRecords(read(''), motionId))).toEqual(
			new Set(cast.map((p) => p.personId))
		);
		expect(receiptRecords(read('-shm'), motionId)).toEqual([]);
	});

	it('closing the meeting with the secret motion still open erases the WAL too', () => {
		const { v, c, meetingId, motionId } = heldVote(CHOICES_CAST);
		expect(closeMeeting(db, c, v, meetingId, { confirmed: true, closeOpenMotions: true }).ok).toBe(
			true
		);
		expect(pairingsInWal(read('-wal'), motionId)).toEqual([]);
		expect(read('-wal').length).toBe(0);
	});
});

describe('a reader on an older snapshot', () => {
	it('delays the erasure, which completes once the reader is done', async () => {
		const { v, c, motionId, cast } = heldVote(CHOICES_CAST);
		// A backup or verifier in another process, midway through reading the file.
		const reader = openDatabase(dbPath);
		reader.prepare('begin').run();
		reader.prepare('select count(*) from motions').get();
		try {
			expect(closeMotion(db, c, v, motionId, { confirmed: true }).ok).toBe(true);
			expect(byPerson(pairingsInWal(read('-wal'), motionId))).toEqual(byPerson(cast));
			reader.prepare('commit').run();
			await vi.waitFor(() => expect(read('-wal').length).toBe(0), { timeout: 5000, interval: 100 });
			expect(pairingsInWal(read('-wal'), motionId)).toEqual([]);
		} finally {
			reader.close();
		}
	});

	it('never blocks the server: the checkpoint answers at once', () => {
		heldVote(CHOICES_CAST);
		const reader = openDatabase(dbPath);
		reader.prepare('begin').run();
		reader.prepare('select count(*) from motions').get();
		const started = performance.now();
		expect(truncateWal(db, 60_000)).toBe('pending');
		expect(performance.now() - started).toBeLessThan(1000);
		reader.prepare('commit').run();
		reader.close();
		expect(truncateWal(db)).toBe('truncated');
		expect(read('-wal').length).toBe(0);
	});
});

describe('a secret count of one or two ballots', () => {
	it.each([1, 2])('with %i ballot(s): refused until the clerk confirms', (n) => {
		const { v, c, meetingId, motionId } = heldVote(CHOICES_CAST.slice(0, n));
		expect(closeMotion(db, c, v, motionId)).toMatchObject({
			ok: false,
			reason: 'unconfirmed',
			check: { motionId, ballots: n, fewSecret: true }
		});
		expect(
			closeMeeting(db, c, v, meetingId, { closeOpenMotions: true }),
			'closing the meeting asks too'
		).toMatchObject({
			ok: false,
			reason: 'unconfirmed',
			open: [{ motionId, ballots: n, fewSecret: true }]
		});
		const motion = minutesOf(db, v, meetingId)!.agenda[0].motions[0];
		expect(motion).toMatchObject({ state: 'open', fewBallotsConfirmedBy: null });

		const closed = closeMotion(db, c, v, motionId, { confirmed: true });
		expect(closed.ok).toBe(true);
		const entry = db
			.prepare(
				"select after from audit where action = 'motion.closed' and subject_id = ? order by id desc"
			)
			.pluck()
			.get(String(motionId)) as string;
		expect(JSON.parse(entry)).toMatchObject({ fewBallotsConfirmed: true });
		// The minutes say the count may reveal choices, and who confirmed the close.
		expect(minutesOf(db, v, meetingId)!.agenda[0].motions[0]).toMatchObject({
			state: 'closed',
			fewBallotsConfirmedBy: '王丽'
		});
		expect(read('-wal').length).toBe(0);
	});

	it('closing the meeting confirms it too, and the minutes say so', () => {
		const { v, c, meetingId } = heldVote(['yes']);
		expect(closeMeeting(db, c, v, meetingId, { closeOpenMotions: true, confirmed: true }).ok).toBe(
			true
		);
		expect(minutesOf(db, v, meetingId)!.agenda[0].motions[0].fewBallotsConfirmedBy).toBe('王丽');
	});

	it.each([0, 3])(
		'with %i ballots: no warning of revealed choices, and the minutes say nothing',
		(n) => {
			const { v, c, meetingId, motionId } = heldVote(CHOICES_CAST.slice(0, n));
			expect(closeMotion(db, c, v, motionId)).toMatchObject({ check: { fewSecret: false } });
			expect(closeMotion(db, c, v, motionId, { confirmed: true }).ok).toBe(true);
			expect(minutesOf(db, v, meetingId)!.agenda[0].motions[0].fewBallotsConfirmedBy).toBeNull();
		}
	);

	it('reads a confirmation written under the former name motion.close', () => {
		const { v, c, meetingId, motionId } = heldVote([]);
		expect(closeMotion(db, c, v, motionId, { confirmed: true }).ok).toBe(true);
		expect(minutesOf(db, v, meetingId)!.agenda[0].motions[0].fewBallotsConfirmedBy).toBeNull();
		// An entry as a database from before the past-tense names holds it, read into the motion
		// when that database is migrated.
		rewindTo032(db);
		db.transaction(() =>
			appendAudit(db, {
				villageId: v,
				actorId: c.userId,
				action: 'motion.close',
				subjectType: 'motion',
				subjectId: motionId,
				after: { state: 'closed', fewBallotsConfirmed: true }
			})
		)();
		expect(migrate(db)).toEqual([33, 34]);
		expect(minutesOf(db, v, meetingId)!.agenda[0].motions[0].fewBallotsConfirmedBy).toBe('王丽');
	});

	it('a named vote of one ballot warns of nothing: its choices are public anyway', () => {
		const { v, c, meetingId, motionId } = heldVote(['yes'], 'named');
		expect(closeMotion(db, c, v, motionId)).toMatchObject({ check: { fewSecret: false } });
		expect(closeMotion(db, c, v, motionId, { confirmed: true }).ok).toBe(true);
		expect(minutesOf(db, v, meetingId)!.agenda[0].motions[0].fewBallotsConfirmedBy).toBeNull();
	});
});
