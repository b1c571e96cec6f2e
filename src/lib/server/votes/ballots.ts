// Ballots (docs/domain.md §7.3–§7.4): online by the voter, called out by the clerk, on paper, and
// the counts of a show of hands. The receipt's primary key (motion, person) is the one-ballot rule
// across every channel; a secret choice only raises its counter, so nothing ties it to the receipt.
import type { Db } from '../db';
import { command, type CommandContext } from '../command';
import type { Actor } from '../permissions';
import {
	byStaff,
	CHOICES,
	getMotion,
	representedPresent,
	type Choice,
	type Method,
	type Motion
} from '../meetings/records';
import { validateTally, type Tally } from './rules';
import { eligibleVoters, fixPresence, isRecused, presentAtVote } from './presence';

export type BallotRefusal =
	| 'forbidden'
	| 'not_found'
	| 'not_open'
	| 'wrong_method'
	| 'not_on_roster'
	| 'not_a_voter'
	| 'not_signed_in'
	| 'left'
	| 'not_present_at_vote'
	| 'recused'
	| 'already_voted'
	| 'bad_choice';

export type CastBallotResult = { ok: true } | { ok: false; reason: BallotRefusal };

const isChoice = (c: unknown): c is Choice => (CHOICES as readonly unknown[]).includes(c);

/** The database is the last word on one ballot per person: a race lands here. */
function isPrimaryKeyConflict(e: unknown): boolean {
	return (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * May this person's ballot on this open motion be stored? Only someone counted present when the
 * vote was taken, and not recused. Online, the voter must still be in the hall; a ballot the clerk
 * enters was given while they were, so a departure since does not void it.
 */
function voterCheck(
	db: Db,
	motion: Motion,
	personId: number,
	by: 'voter' | 'staff'
): BallotRefusal | null {
	const entry = db
		.prepare(
			'select voting, signed_in_at, left_at from meeting_roster where meeting_id = ? and person_id = ?'
		)
		.get(motion.meetingId, personId) as
		{ voting: number; signed_in_at: string | null; left_at: string | null } | undefined;
	if (!entry) return 'not_on_roster';
	if (entry.voting !== 1) return 'not_a_voter';
	if (isRecused(db, motion.id, personId)) return 'recused';
	// A member whose written proxy is in the hall votes through the proxy (集体经济组织法 第二十七条).
	// Only someone not signed in needs the entrustments read: every ballot passes here.
	if (!entry.signed_in_at && !representedPresent(db, motion.meetingId).includes(personId))
		return 'not_signed_in';
	if (!presentAtVote(db, motion.id, personId))
		return entry.left_at ? 'left' : 'not_present_at_vote';
	if (entry.left_at && by === 'voter') return 'left';
	if (
		db
			.prepare('select 1 from ballot_receipts where motion_id = ? and person_id = ?')
			.get(motion.id, personId)
	)
		return 'already_voted';
	return null;
}

/** Stores one ballot: its receipt, and its choice beside the voter or only in the secret count. */
function storeBallot(
	db: Db,
	motion: Motion,
	personId: number,
	choice: Choice,
	channel: 'online' | 'paper' | 'clerk'
) {
	db.prepare('insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, ?)').run(
		motion.id,
		personId,
		channel
	);
	if (motion.method === 'secret')
		db.prepare(
			'update secret_tallies set count = count + 1 where motion_id = ? and choice = ?'
		).run(motion.id, choice);
	else
		db.prepare('insert into named_choices (motion_id, person_id, choice) values (?, ?, ?)').run(
			motion.id,
			personId,
			choice
		);
}

/** An online ballot (named or secret), cast by the voter on their phone in the meeting. */
export function castBallot(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	choice: Choice,
	options: { now?: Date } = {}
): CastBallotResult {
	if (!isChoice(choice)) return { ok: false, reason: 'bad_choice' };
	if (actor.personId === null) return { ok: false, reason: 'forbidden' };
	const personId = actor.personId;
	try {
		return command(db, {
			actor,
			villageId,
			now: options.now,
			load: () => getMotion(db, villageId, motionId),
			run: (motion, ctx): CastBallotResult => {
				if (motion.state !== 'open') return { ok: false, reason: 'not_open' };
				if (motion.method !== 'named' && motion.method !== 'secret')
					return { ok: false, reason: 'wrong_method' };
				// The first ballot takes the vote: whoever is in the hall now is its presence.
				fixPresence(ctx, motion);
				const refusal = voterCheck(db, motion, personId, 'voter');
				if (refusal) return { ok: false, reason: refusal };
				storeBallot(db, motion, personId, choice, 'online');
				// The vote page's copy of the time the audit entry below records (migration 033).
				db.prepare('insert into ballot_times (motion_id, person_id, cast_at) values (?, ?, ?)').run(
					motionId,
					personId,
					ctx.now.toISOString()
				);
				ctx.audit({
					action: 'ballot.cast',
					subjectType: 'motion',
					subjectId: motionId,
					// A secret ballot's entry records the receipt (who voted), never the choice.
					after:
						motion.method === 'secret'
							? { personId, channel: 'online' }
							: { personId, channel: 'online', choice }
				});
				return { ok: true };
			}
		});
	} catch (e) {
		if (isPrimaryKeyConflict(e)) return { ok: false, reason: 'already_voted' };
		throw e;
	}
}

/** One row of a staff batch that may not be stored, and why. */
export interface RowRefusal {
	personId: number;
	reason: BallotRefusal;
}

export type RecordBallotsResult =
	| { ok: true; recorded: number }
	/**
	 * A batch with a refused row stores nothing: `refusals` names every such row, `personId` and
	 * `reason` the first, so the clerk corrects them all at once and the paper tally is never
	 * half-written.
	 */
	| { ok: false; reason: BallotRefusal; personId: number; refusals: RowRefusal[] }
	| { ok: false; reason: BallotRefusal }
	| {
			ok: false;
			reason:
				| 'more_than_present'
				| 'more_than_ballots'
				| 'bad_tally'
				| 'bad_names'
				| 'paper_already_counted';
	  };

/**
 * Every row of a staff batch that may not be stored, checked before any is: a person named twice
 * in one batch is refused as already voted, as the second ballot would be.
 */
function refusedRows(
	db: Db,
	motion: Motion,
	personIds: readonly number[],
	rowCheck: (index: number) => BallotRefusal | null
): Extract<RecordBallotsResult, { refusals: RowRefusal[] }> | null {
	const seen = new Set<number>();
	const refusals: RowRefusal[] = [];
	personIds.forEach((personId, i) => {
		const reason =
			rowCheck(i) ??
			(seen.has(personId) ? 'already_voted' : voterCheck(db, motion, personId, 'staff'));
		seen.add(personId);
		if (reason) refusals.push({ personId, reason });
	});
	return refusals.length ? { ok: false, ...refusals[0], refusals } : null;
}

/**
 * Runs a staff batch on an open motion counted by one of `methods`. A refusal part-way rolls back
 * the ballots of the batch already stored: all or nothing.
 */
function batch<R>(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	methods: readonly Method[],
	now: Date | undefined,
	run: (motion: Motion, ctx: CommandContext) => R
): R | { ok: false; reason: BallotRefusal } {
	try {
		return command(db, {
			actor,
			villageId,
			now,
			may: byStaff,
			load: () => getMotion(db, villageId, motionId),
			run: (motion, ctx): R | { ok: false; reason: BallotRefusal } => {
				if (motion.state !== 'open') return { ok: false, reason: 'not_open' };
				if (!methods.includes(motion.method)) return { ok: false, reason: 'wrong_method' };
				return run(motion, ctx);
			}
		});
	} catch (e) {
		if (isPrimaryKeyConflict(e)) return { ok: false, reason: 'already_voted' };
		throw e;
	}
}

function recordNamed(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	ballots: { personId: number; choice: Choice }[],
	channel: 'paper' | 'clerk',
	methods: readonly Method[],
	now: Date | undefined
): RecordBallotsResult {
	return batch(db, actor, villageId, motionId, methods, now, (motion, ctx): RecordBallotsResult => {
		fixPresence(ctx, motion);
		const refused = refusedRows(
			db,
			motion,
			ballots.map((b) => b.personId),
			(i) => (isChoice(ballots[i].choice) ? null : 'bad_choice')
		);
		if (refused) return refused;
		for (const b of ballots) storeBallot(db, motion, b.personId, b.choice, channel);
		ctx.audit({
			action: channel === 'paper' ? 'ballot.paper_counted' : 'ballot.roll_call_recorded',
			subjectType: 'motion',
			subjectId: motionId,
			after: { channel, ballots }
		});
		return { ok: true, recorded: ballots.length };
	});
}

/** 唱票/点名表决: the clerk records each voter's choice as called (roll call or named). */
export function recordRollCall(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	ballots: { personId: number; choice: Choice }[],
	options: { now?: Date } = {}
): RecordBallotsResult {
	return recordNamed(
		db,
		actor,
		villageId,
		motionId,
		ballots,
		'clerk',
		['roll_call', 'named'],
		options.now
	);
}

export type PaperBallots =
	| { kind: 'named'; ballots: { personId: number; choice: Choice }[] }
	/**
	 * Secret paper ballots: who handed one in (receipts), and the counts read out by the counter
	 * (计票人) under the scrutineer (监票人). Blank or spoiled papers make the counts smaller.
	 */
	| { kind: 'secret'; voters: number[]; counts: Tally; counter: string; scrutineer: string };

export function recordPaperBallots(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	paper: PaperBallots,
	options: { now?: Date } = {}
): RecordBallotsResult {
	if (paper.kind === 'named')
		return recordNamed(
			db,
			actor,
			villageId,
			motionId,
			paper.ballots,
			'paper',
			['named'],
			options.now
		);
	const counter = paper.counter.trim();
	const scrutineer = paper.scrutineer.trim();
	if (!counter || !scrutineer || counter.length > 32 || scrutineer.length > 32)
		return { ok: false, reason: 'bad_names' };
	if (validateTally(paper.counts, paper.voters.length) === 'more_than_present')
		return { ok: false, reason: 'more_than_ballots' };
	if (validateTally(paper.counts, paper.voters.length) !== 'ok')
		return { ok: false, reason: 'bad_tally' };
	return batch(
		db,
		actor,
		villageId,
		motionId,
		['secret'],
		options.now,
		(motion, ctx): RecordBallotsResult => {
			fixPresence(ctx, motion);
			const refused = refusedRows(db, motion, paper.voters, () => null);
			if (refused) return refused;
			// The box is opened and counted once: batches entered one by one would let their
			// counts, beside their voters, say who chose what.
			if (motion.counterName !== null) return { ok: false, reason: 'paper_already_counted' };
			for (const personId of paper.voters) {
				db.prepare(
					"insert into ballot_receipts (motion_id, person_id, channel) values (?, ?, 'paper')"
				).run(motionId, personId);
			}
			const add = db.prepare(
				'update secret_tallies set count = count + ? where motion_id = ? and choice = ?'
			);
			for (const c of CHOICES) add.run(paper.counts[c], motionId, c);
			db.prepare('update motions set counter_name = ?, scrutineer_name = ? where id = ?').run(
				counter,
				scrutineer,
				motionId
			);
			ctx.audit({
				action: 'ballot.paper_counted',
				subjectType: 'motion',
				subjectId: motionId,
				// Turnout and the counted totals of the batch; no choice stands beside a voter.
				after: {
					channel: 'paper',
					voters: [...paper.voters].sort((a, b) => a - b),
					counts: paper.counts,
					counter,
					scrutineer
				}
			});
			return { ok: true, recorded: paper.voters.length };
		}
	);
}

/**
 * 举手: the clerk enters the counts. `{ no, abstain, othersYes: true }` is the "all others in
 * favour" shortcut: yes = voters present − no − abstain. The first entry fixes who is present;
 * entering again corrects the count against the same people while the motion is open; every entry
 * is audited.
 */
export function recordHands(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	tally: Tally | { no: number; abstain: number; othersYes: true },
	options: { now?: Date } = {}
):
	| { ok: true; tally: Tally }
	| { ok: false; reason: BallotRefusal | 'more_than_present' | 'bad_tally' } {
	return batch(db, actor, villageId, motionId, ['hands'], options.now, (motion, ctx) => {
		fixPresence(ctx, motion);
		const present = eligibleVoters(db, motion);
		const full: Tally =
			'othersYes' in tally
				? { yes: present - tally.no - tally.abstain, no: tally.no, abstain: tally.abstain }
				: { yes: tally.yes, no: tally.no, abstain: tally.abstain };
		const check = validateTally(full, present);
		if (check === 'more_than_present' || full.yes < 0)
			return { ok: false as const, reason: 'more_than_present' as const };
		if (check !== 'ok') return { ok: false as const, reason: 'bad_tally' as const };
		db.prepare('update motions set yes = ?, no = ?, abstain = ? where id = ?').run(
			full.yes,
			full.no,
			full.abstain,
			motionId
		);
		ctx.audit({
			action: 'motion.hands_counted',
			subjectType: 'motion',
			subjectId: motionId,
			before: motion.tally,
			after: { tally: full, present }
		});
		return { ok: true as const, tally: full };
	});
}
