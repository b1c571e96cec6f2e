import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '.';
import { openDatabase } from './open.js';
import { GroupCommit, groupCommit } from './group-commit';
import { m } from '$lib/paraglide/messages';
import { verifyChain } from '../audit/chain.js';
import { useDemoVillageDb } from '../seed/demo-test-db';
import { castBallot, type CastBallotResult } from '../votes/ballots';
import { closeMotion } from '../procedure/closing';
import { openMotion } from '../procedure/opening';
import { meetingTestKit } from '../votes/test-helpers';
import { attendeeRefusalMessage } from '../meetings/attendee-pages';

let db: Db;
let dbPath: string;
useDemoVillageDb((d, path) => {
	db = d;
	dbPath = path;
});
const { voter, heldMeeting, signInAll } = meetingTestKit(() => db);

// A second connection, as another process (a backup, the auditor) would see the file.
let other: Db | undefined;
const second = () => (other ??= openDatabase(dbPath, { readonly: true }));
afterEach(() => {
	other?.close();
	other = undefined;
});

const VILLAGE = "(select id from villages where slug = 'xinyang')";
const receiptsOf = (conn: Db, motionId: number) =>
	conn
		.prepare(
			`select r.person_id from ballot_receipts r join motions mo on mo.id = r.motion_id
			 join meetings me on me.id = mo.meeting_id
			 where r.motion_id = ? and me.village_id = ${VILLAGE} order by r.person_id`
		)
		.pluck()
		.all(motionId) as number[];
const ballotEntries = (motionId: number) =>
	db
		.prepare(
			`select count(*) from audit where action = 'ballot.cast' and subject_id = ?
			 and village_id = ${VILLAGE}`
		)
		.pluck()
		.get(String(motionId)) as number;

/** A named motion open for voting, with a quorum signed in and the last voter not. */
function openNamedMotion() {
	const mt = heldMeeting('reps_meeting', 'named');
	signInAll(mt, mt.voters.slice(0, 20));
	expect(openMotion(db, mt.c, mt.v, mt.motionId).ok).toBe(true);
	return mt;
}

describe('group commit of ballots', () => {
	// Each row: the ballots of one batch, by index into the meeting's voters (or a non-voter),
	// and which of them is refused, with the reason the voter is told.
	const refusals: {
		name: string;
		who: (mt: ReturnType<typeof openNamedMotion>) => number[];
		refused: number;
		reason: CastBallotResult & { ok: false };
		message: string;
	}[] = [
		{
			name: 'a second ballot of the same voter in the batch',
			who: (mt) => [mt.voters[0], mt.voters[1], mt.voters[0], mt.voters[2]],
			refused: 2,
			reason: { ok: false, reason: 'already_voted' },
			message: m.meeting_refused_already_voted()
		},
		{
			name: 'someone not on the roll',
			who: (mt) => [mt.voters[0], mt.nonVoters[0], mt.voters[1]],
			refused: 1,
			reason: { ok: false, reason: 'not_a_voter' },
			message: m.mtg_attendee_refused_not_a_voter()
		},
		{
			name: 'a voter not signed in',
			who: (mt) => [mt.voters[0], mt.voters[1], mt.voters.at(-1)!],
			refused: 2,
			reason: { ok: false, reason: 'not_signed_in' },
			message: m.mtg_attendee_refused_not_signed_in()
		}
	];

	it.each(refusals)(
		'one commit stores every ballot but $name, refused alone with its message',
		async ({ who, refused, reason, message }) => {
			const mt = openNamedMotion();
			const people = who(mt);
			const g = new GroupCommit(db);
			const answers = await Promise.all(
				people.map((p) => g.run(() => castBallot(db, voter(p), mt.v, mt.motionId, 'yes')))
			);
			expect(g.stats).toEqual({ commits: 1, commands: people.length });
			expect(answers[refused]).toEqual(reason);
			expect(attendeeRefusalMessage(reason.reason)).toBe(message);
			expect(message).not.toBe('');
			const stored = [...new Set(people.filter((_, i) => i !== refused))].sort((a, b) => a - b);
			expect(receiptsOf(second(), mt.motionId)).toEqual(stored);
			expect(ballotEntries(mt.motionId)).toBe(stored.length);
			expect(verifyChain(db)).toMatchObject({ ok: true });
		}
	);

	it('a close commits the ballots queued before it first, and counts them', async () => {
		const mt = openNamedMotion();
		const [a, b, c] = mt.voters;
		const g = groupCommit(db);
		const before = [a, b].map((p) =>
			g.run(() => castBallot(db, voter(p), mt.v, mt.motionId, 'no'))
		);
		const close = closeMotion(db, mt.c, mt.v, mt.motionId, { confirmed: true });
		expect(close).toMatchObject({ ok: true });
		const after = g.run(() => castBallot(db, voter(c), mt.v, mt.motionId, 'yes'));
		expect(await Promise.all(before)).toEqual([{ ok: true }, { ok: true }]);
		expect(await after).toEqual({ ok: false, reason: 'not_open' });
		expect(attendeeRefusalMessage('not_open')).toBe(m.meeting_refused_motion_not_open());
		expect(receiptsOf(second(), mt.motionId)).toEqual([a, b].sort((x, y) => x - y));
		expect(db.prepare('select yes, no from motions where id = ?').get(mt.motionId)).toEqual({
			yes: 0,
			no: 2
		});
	});

	it('a command that throws mid-batch rolls back alone: its ballot and audit entry are gone', async () => {
		const mt = openNamedMotion();
		const [a, b, c] = mt.voters;
		const g = new GroupCommit(db);
		const ok1 = g.run(() => castBallot(db, voter(a), mt.v, mt.motionId, 'yes'));
		const broken = g.run(() => {
			// Its ballot (and audit entry) is written, then the command fails.
			expect(castBallot(db, voter(b), mt.v, mt.motionId, 'yes')).toEqual({ ok: true });
			throw new Error('broken after writing');
		});
		const ok2 = g.run(() => castBallot(db, voter(c), mt.v, mt.motionId, 'no'));
		await expect(broken).rejects.toThrow('broken after writing');
		expect(await ok1).toEqual({ ok: true });
		expect(await ok2).toEqual({ ok: true });
		expect(g.stats.commits).toBe(1);
		expect(receiptsOf(second(), mt.motionId)).toEqual([a, c].sort((x, y) => x - y));
		expect(ballotEntries(mt.motionId)).toBe(2);
		expect(verifyChain(db)).toMatchObject({ ok: true });
		// Nothing is left open: the voter whose command failed can vote again.
		expect(db.inTransaction).toBe(false);
		expect(await g.run(() => castBallot(db, voter(b), mt.v, mt.motionId, 'yes'))).toEqual({
			ok: true
		});
	});

	it('a refusal answered by the command rolls back what the command wrote before it', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db);
		const answer = await g.run(() => {
			castBallot(db, voter(mt.voters[0]), mt.v, mt.motionId, 'yes');
			return { ok: false as const, reason: 'bad_choice' as const };
		});
		expect(answer).toEqual({ ok: false, reason: 'bad_choice' });
		expect(receiptsOf(second(), mt.motionId)).toEqual([]);
		expect(ballotEntries(mt.motionId)).toBe(0);
	});

	it('acknowledges a ballot only once another connection can read it', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db);
		const seenWhenAnswered: number[][] = [];
		const seenWhileRunning: number[][] = [];
		await Promise.all(
			mt.voters.slice(0, 6).map((p) =>
				g
					.run(() => {
						const r = castBallot(db, voter(p), mt.v, mt.motionId, 'yes');
						// Written, not committed: invisible outside this connection.
						seenWhileRunning.push(receiptsOf(second(), mt.motionId));
						return r;
					})
					.then((r) => {
						expect(r).toEqual({ ok: true });
						seenWhenAnswered.push(receiptsOf(second(), mt.motionId).filter((x) => x === p));
					})
			)
		);
		expect(seenWhileRunning).toEqual(mt.voters.slice(0, 6).map(() => []));
		expect(seenWhenAnswered).toEqual(mt.voters.slice(0, 6).map((p) => [p]));
		expect(g.stats.commits).toBe(1);
	});

	it('counts a double submit once, in one batch and across batches', async () => {
		const mt = openNamedMotion();
		const [a] = mt.voters;
		const g = new GroupCommit(db);
		const tap = () => g.run(() => castBallot(db, voter(a), mt.v, mt.motionId, 'yes'));
		const together = await Promise.all([tap(), tap()]);
		const later = await tap();
		expect(together).toEqual([{ ok: true }, { ok: false, reason: 'already_voted' }]);
		expect(later).toEqual({ ok: false, reason: 'already_voted' });
		expect(receiptsOf(second(), mt.motionId)).toEqual([a]);
		expect(
			db.prepare('select count(*) from named_choices where motion_id = ?').pluck().get(mt.motionId)
		).toBe(1);
		expect(g.stats.commits).toBe(2);
	});

	it('a commit that fails stores nothing of its batch and acknowledges none of it', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db);
		const good = g.run(() => castBallot(db, voter(mt.voters[0]), mt.v, mt.motionId, 'yes'));
		// A foreign key checked at COMMIT (deferred) makes the COMMIT itself fail.
		const dangling = g.run(() => {
			db.pragma('defer_foreign_keys = ON');
			db.prepare("insert into sessions values ('dangling', -1, 0, 0)").run();
			return { ok: true };
		});
		const answers = await Promise.allSettled([good, dangling]);
		expect(answers).toMatchObject([
			{ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } },
			{ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } }
		]);
		expect(
			second().prepare("select count(*) from sessions where id = 'dangling'").pluck().get()
		).toBe(0);
		expect(db.inTransaction).toBe(false);
		expect(receiptsOf(second(), mt.motionId)).toEqual([]);
		expect(ballotEntries(mt.motionId)).toBe(0);
		expect(g.stats.commits).toBe(0);
	});

	it('an error that ends the whole transaction rejects every command of the batch', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db);
		const good = g.run(() => castBallot(db, voter(mt.voters[0]), mt.v, mt.motionId, 'yes'));
		const ender = g.run(() => db.exec('rollback'));
		const after = g.run(() => castBallot(db, voter(mt.voters[1]), mt.v, mt.motionId, 'yes'));
		for (const p of [good, ender, after]) await expect(p).rejects.toThrow();
		expect(db.inTransaction).toBe(false);
		expect(receiptsOf(second(), mt.motionId)).toEqual([]);
	});
});

describe('when a batch commits', () => {
	it('at once when nobody waits for a turn', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db, { busy: () => false });
		await g.run(() => castBallot(db, voter(mt.voters[0]), mt.v, mt.motionId, 'yes'));
		await g.run(() => castBallot(db, voter(mt.voters[1]), mt.v, mt.motionId, 'yes'));
		expect(g.stats).toEqual({ commits: 2, commands: 2 });
	});

	it('while requests wait, it gathers commands until maxWaitMs', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db, { busy: () => true, maxWaitMs: 30 });
		const started = performance.now();
		const first = g.run(() => castBallot(db, voter(mt.voters[0]), mt.v, mt.motionId, 'yes'));
		await new Promise((r) => setTimeout(r, 5));
		const second = g.run(() => castBallot(db, voter(mt.voters[1]), mt.v, mt.motionId, 'yes'));
		await Promise.all([first, second]);
		expect(performance.now() - started).toBeGreaterThanOrEqual(29);
		expect(g.stats).toEqual({ commits: 1, commands: 2 });
	});

	it('at maxCommands without waiting', async () => {
		const mt = openNamedMotion();
		const g = new GroupCommit(db, { busy: () => true, maxWaitMs: 60_000, maxCommands: 2 });
		const both = [0, 1].map((i) =>
			g.run(() => castBallot(db, voter(mt.voters[i]), mt.v, mt.motionId, 'yes'))
		);
		expect(g.stats).toEqual({ commits: 1, commands: 2 });
		expect(await Promise.all(both)).toEqual([{ ok: true }, { ok: true }]);
	});

	it('one group commit per connection', () => {
		expect(groupCommit(db)).toBe(groupCommit(db));
		expect(groupCommit(db)).not.toBe(groupCommit(second()));
	});
});
