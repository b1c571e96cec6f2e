import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'rolldown';
import type { Db } from '../db';
import { verifyChain } from '../audit/chain.js';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { getMotion } from '../meetings/records';
import { closeMotion } from '../procedure/closing';
import { castBallot, recordHands, recordPaperBallots, recordRollCall } from './ballots';
import { openMotion } from '../procedure/opening';
import { meetingTestKit } from './test-helpers';

let db: Db;
let dbPath: string;
useDemoVillageDb((d, path) => {
	db = d;
	dbPath = path;
});
const { voter, heldMeeting, signInAll } = meetingTestKit(() => db);

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
		).toEqual({
			ok: false,
			reason: 'already_voted',
			personId: b,
			refusals: [{ personId: b, reason: 'already_voted' }]
		});
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
			personId: a,
			refusals: [{ personId: a, reason: 'already_voted' }]
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
		const closed = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
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
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmed: true }).ok).toBe(true);
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
		expect(closeMotion(db, m.c, m.v, m.motionId, { confirmed: true }).ok).toBe(true);
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
		const closed = closeMotion(db, m.c, m.v, m.motionId, { confirmed: true });
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
		expect(closeMotion(db, m.c, Number(other), m.motionId, { confirmed: true })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});
