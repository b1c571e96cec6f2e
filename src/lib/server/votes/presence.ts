// Presence at a vote (docs/domain.md §7.7): who counts as present for one motion is fixed when its
// vote is taken — the first ballot or count — and the quorum and pass arithmetic at close read that
// record, less the recused members (§7.8), so a departure afterwards changes nothing.
import type { Db } from '../db';
import type { CommandContext } from '../command';
import {
	countRoster,
	presenceAtVote,
	votingRoster,
	type Meeting,
	type Motion,
	type VotingRosterRow
} from '../meetings/records';
import { countsWithRecusals, type CountName, type MeetingCounts, COUNT_NAMES } from './rules';

/**
 * Takes the vote's presence, once: the voting members signed in and not gone now. Later calls keep
 * the first record, so a corrected count or a second batch is checked against the same people.
 */
export function fixPresence(ctx: CommandContext, motion: Motion): void {
	const { db } = ctx;
	const fixed = db
		.prepare('select presence_fixed_at from motions where id = ?')
		.pluck()
		.get(motion.id);
	if (fixed !== null) return;
	const here = votingRoster(db, motion.meetingId, motion.id)
		.filter((r) => r.here)
		.map((r) => r.person_id);
	const add = db.prepare('insert into motion_presence (motion_id, person_id) values (?, ?)');
	for (const p of here) add.run(motion.id, p);
	db.prepare('update motions set presence_fixed_at = ? where id = ?').run(
		ctx.now.toISOString(),
		motion.id
	);
	ctx.audit({
		action: 'motion.presence_fixed',
		subjectType: 'motion',
		subjectId: motion.id,
		after: { present: here }
	});
}

/** Was this person recorded present when the motion's vote was taken? */
export function presentAtVote(db: Db, motionId: number, personId: number): boolean {
	return !!db
		.prepare('select 1 from motion_presence where motion_id = ? and person_id = ?')
		.get(motionId, personId);
}

/** Is this person recused from the motion? */
export function isRecused(db: Db, motionId: number, personId: number): boolean {
	return !!db
		.prepare('select 1 from motion_recusals where motion_id = ? and person_id = ?')
		.get(motionId, personId);
}

/** The voting members recused from this motion. */
export function recusedOf(db: Db, motionId: number): Set<number> {
	return new Set(
		db
			.prepare('select person_id from motion_recusals where motion_id = ?')
			.pluck()
			.all(motionId) as number[]
	);
}

function difference(all: MeetingCounts, rest: MeetingCounts): MeetingCounts {
	const out: MeetingCounts = {};
	for (const name of COUNT_NAMES as readonly CountName[])
		out[name] = (all[name] ?? 0) - (rest[name] ?? 0);
	return out;
}

/**
 * The counts the motion is decided on: those present at its vote (or in the hall now, before it is
 * taken), with the recused members counted as the meeting's rule says.
 */
export function motionCounts(db: Db, meeting: Meeting, motion: Motion): MeetingCounts {
	const roster = votingRoster(db, meeting.id, motion.id);
	const present =
		presenceAtVote(db, motion.id) ?? new Set(roster.filter((r) => r.here).map((r) => r.person_id));
	const recused = recusedOf(db, motion.id);
	const all = countRoster(meeting, roster, present);
	const others = countRoster(
		meeting,
		roster.filter((r: VotingRosterRow) => !recused.has(r.person_id)),
		present
	);
	// The recused members' share, households they alone represent included.
	return countsWithRecusals(meeting.rule, all, difference(all, others));
}

/**
 * The number a show of hands may not exceed: those present at the vote who may vote on it. A
 * recused member counted present still raises no hand.
 */
export function eligibleVoters(db: Db, motion: Motion): number {
	const present = presenceAtVote(db, motion.id) ?? new Set<number>();
	const recused = recusedOf(db, motion.id);
	return [...present].filter((p) => !recused.has(p)).length;
}
