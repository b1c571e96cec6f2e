// The clerk's paper and roll-call batches (issue 15 item 1): a row the law refuses names its person,
// every such row is named at once, and a batch with one refused row stores nothing.
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { useDemoVillageDb } from '../seed/demo-test-db';
import type { Choice, Method } from '../meetings/records';
import { openMotion } from '../procedure/opening';
import { castBallot, recordPaperBallots, recordRollCall } from './ballots';
import { markRecusal } from './recusals';
import { meetingTestKit } from './test-helpers';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});
const { heldMeeting, signInAll, voter } = meetingTestKit(() => db);

/**
 * A representatives' meeting mid-vote: voter 0 voted on the phone, voter 1 stood aside, voter 19
 * never came; voters 2–17 are in the hall and have not voted.
 */
function midVote(method: Method) {
	const m = heldMeeting('reps_meeting', method);
	signInAll(m, m.voters.slice(0, 18));
	expect(
		markRecusal(db, m.c, m.v, m.motionId, { personId: m.voters[1], reason: '亲属承包' }).ok
	).toBe(true);
	expect(openMotion(db, m.c, m.v, m.motionId).ok).toBe(true);
	if (method === 'named')
		expect(castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes')).toEqual({ ok: true });
	return m;
}

const rows = (db: Db, motionId: number) => ({
	receipts: db
		.prepare(
			'select person_id, channel from ballot_receipts where motion_id = ? order by person_id'
		)
		.all(motionId),
	choices: db
		.prepare('select person_id, choice from named_choices where motion_id = ? order by person_id')
		.all(motionId),
	audit: db.prepare('select count(*) from audit').pluck().get()
});

// Rows name voters by their index in the meeting's voter list.
type Row = [number, string];

describe('a paper or roll-call batch', () => {
	it.each<{ case: string; method: Method; batch: Row[]; refused: [number, string][] }>([
		{
			case: 'the phone voter',
			method: 'named',
			batch: [
				[2, 'yes'],
				[0, 'no']
			],
			refused: [[0, 'already_voted']]
		},
		{
			case: 'the recused member and the one who never came, both named',
			method: 'named',
			batch: [
				[1, 'yes'],
				[3, 'no'],
				[19, 'yes']
			],
			refused: [
				[1, 'recused'],
				[19, 'not_signed_in']
			]
		},
		{
			case: 'one person twice in one batch',
			method: 'roll_call',
			batch: [
				[4, 'yes'],
				[4, 'no']
			],
			refused: [[4, 'already_voted']]
		},
		{
			case: 'a made-up choice',
			method: 'roll_call',
			batch: [
				[2, 'yes'],
				[5, 'maybe']
			],
			refused: [[5, 'bad_choice']]
		}
	])('refuses $case, names each row, and stores nothing', ({ method, batch, refused }) => {
		const m = midVote(method);
		const before = rows(db, m.motionId);
		const ballots = batch.map(([i, choice]) => ({
			personId: m.voters[i],
			choice: choice as Choice
		}));
		const r =
			method === 'named'
				? recordPaperBallots(db, m.c, m.v, m.motionId, { kind: 'named', ballots })
				: recordRollCall(db, m.c, m.v, m.motionId, ballots);
		const named = refused.map(([i, reason]) => ({ personId: m.voters[i], reason }));
		expect(r).toEqual({ ok: false, ...named[0], refusals: named });
		expect(rows(db, m.motionId)).toEqual(before);
	});

	it('stores exactly the rows entered: a voter left at 不登记 is simply not in the batch', () => {
		const m = midVote('named');
		const r = recordPaperBallots(db, m.c, m.v, m.motionId, {
			kind: 'named',
			ballots: [
				{ personId: m.voters[2], choice: 'yes' },
				{ personId: m.voters[3], choice: 'abstain' }
			]
		});
		expect(r).toEqual({ ok: true, recorded: 2 });
		const after = rows(db, m.motionId);
		expect(after.receipts).toEqual([
			{ person_id: m.voters[0], channel: 'online' },
			{ person_id: m.voters[2], channel: 'paper' },
			{ person_id: m.voters[3], channel: 'paper' }
		]);
		expect(after.choices).toEqual([
			{ person_id: m.voters[0], choice: 'yes' },
			{ person_id: m.voters[2], choice: 'yes' },
			{ person_id: m.voters[3], choice: 'abstain' }
		]);
		// Those left unrecorded may still vote on their phones.
		expect(castBallot(db, voter(m.voters[4]), m.v, m.motionId, 'no')).toEqual({ ok: true });
	});

	it('a secret paper batch naming the phone voter stores no receipt and no count', () => {
		const m = heldMeeting('reps_meeting', 'secret');
		signInAll(m, m.voters.slice(0, 18));
		openMotion(db, m.c, m.v, m.motionId);
		castBallot(db, voter(m.voters[0]), m.v, m.motionId, 'yes');
		const before = rows(db, m.motionId);
		const tallies = () =>
			db
				.prepare('select sum(count) from secret_tallies where motion_id = ?')
				.pluck()
				.get(m.motionId);
		expect(tallies()).toBe(1);
		const r = recordPaperBallots(db, m.c, m.v, m.motionId, {
			kind: 'secret',
			voters: [m.voters[2], m.voters[0], m.voters[19]],
			counts: { yes: 1, no: 1, abstain: 1 },
			counter: '王明',
			scrutineer: '李红'
		});
		expect(r).toMatchObject({
			ok: false,
			refusals: [
				{ personId: m.voters[0], reason: 'already_voted' },
				{ personId: m.voters[19], reason: 'not_signed_in' }
			]
		});
		expect(rows(db, m.motionId)).toEqual(before);
		expect(tallies()).toBe(1);
	});
});
