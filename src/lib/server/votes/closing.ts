// Closing a vote (docs/domain.md §7.5): check the quorum among those present at the vote, count,
// freeze the result and publish the turnout. These run inside the command of the layer that
// closes (procedure/closing.ts), which hands in what to do with a motion that passed: votes know
// nothing of resolutions.
import type { CommandContext } from '../command';
import { freezeMeeting } from '../meetings/closing';
import {
	getMotion,
	type Choice,
	type Meeting,
	type Motion,
	type MotionResult
} from '../meetings/records';
import { evaluatePass, evaluateQuorum, type PassResult, type Tally } from './rules';
import { fixPresence, motionCounts } from './presence';

/**
 * A secret tally of one or two ballots tells each voter how the other chose (and one ballot tells
 * everyone), so the confirmation says so and the minutes name the clerk. Zero reveals nothing.
 */
export const FEW_SECRET_BALLOTS = 3;

/**
 * What the clerk sees before a vote closes (issue 15 item 2: closing is never one careless tap):
 * the voters present, the ballots registered, and whether so few secret ballots reveal choices.
 */
export interface CloseCheck {
	motionId: number;
	present: number;
	ballots: number;
	fewSecret: boolean;
}

export type CloseMotionResult =
	| { ok: true; motion: Motion }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'no_tally' }
	| { ok: false; reason: 'unconfirmed'; check: CloseCheck };

export type CloseMeetingResult =
	| { ok: true; meeting: Meeting; auditHead: { id: number; hash: string } }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'not_open' | 'bad_minutes' }
	| { ok: false; reason: 'motions_open'; motionIds: number[] }
	| { ok: false; reason: 'no_tally'; motionId: number }
	| { ok: false; reason: 'unconfirmed'; open: CloseCheck[]; minutesEmpty: boolean };

/**
 * What the closing layer does with a motion that passed, in the same transaction: the number of
 * the resolution it adopted, which the close's audit entry records, or null.
 */
export type OnPassed = (ctx: CommandContext, motion: Motion, meeting: Meeting) => string | null;

export interface CloseMotionOptions {
	/** The clerk saw the close's numbers (closeCheck) and still closes: the second post. */
	confirmed?: boolean;
	onPassed?: OnPassed;
}

/** The numbers a close is confirmed on; a show of hands counts the hands entered. */
export function closeCheck(
	ctx: CommandContext,
	motion: Motion,
	meeting: Meeting,
	tally: Tally | null
): CloseCheck {
	const ballots =
		motion.method === 'hands'
			? tally
				? tally.yes + tally.no + tally.abstain
				: 0
			: (ctx.db
					.prepare('select count(*) from ballot_receipts where motion_id = ?')
					.pluck()
					.get(motion.id) as number);
	return {
		motionId: motion.id,
		// Those present at the vote, or in the hall now if it has not been taken yet (presence.ts).
		present: meeting.rule.voters
			? (motionCounts(ctx.db, meeting, motion)[meeting.rule.voters.present] ?? 0)
			: 0,
		ballots,
		fewSecret: motion.method === 'secret' && ballots > 0 && ballots < FEW_SECRET_BALLOTS
	};
}

/**
 * The rule for closing a meeting: it asks first while a vote is still open (its numbers are shown)
 * or while nobody has written the minutes (they can still be written after the close).
 */
export const meetingCloseNeedsConfirmation = (openMotions: number, minutes: string) =>
	openMotions > 0 || minutes.trim() === '';

function tallyOf(ctx: CommandContext, motion: Motion): Tally | null {
	if (motion.method === 'hands') return motion.tally;
	const rows = ctx.db
		.prepare(
			motion.method === 'secret'
				? 'select choice, count as n from secret_tallies where motion_id = ?'
				: 'select choice, count(*) as n from named_choices where motion_id = ? group by choice'
		)
		.all(motion.id) as { choice: Choice; n: number }[];
	const t: Tally = { yes: 0, no: 0, abstain: 0 };
	for (const r of rows) t[r.choice] = r.n;
	return t;
}

/** Inside a closing command: re-checks the quorum, computes the result, freezes the motion. */
export function closeMotionIn(
	ctx: CommandContext,
	motion: Motion,
	meeting: Meeting,
	options: CloseMotionOptions = {}
): CloseMotionResult {
	const { db } = ctx;
	if (motion.state !== 'open') return { ok: false, reason: 'not_open' };
	const tally = tallyOf(ctx, motion);
	if (!tally) return { ok: false, reason: 'no_tally' };
	const check = closeCheck(ctx, motion, meeting, tally);
	if (!options.confirmed) return { ok: false, reason: 'unconfirmed', check };
	// A vote closed before any ballot or count is taken at its close.
	fixPresence(ctx, motion);
	const counts = motionCounts(db, meeting, motion);
	const quorum = evaluateQuorum(meeting.rule, counts);
	let result: MotionResult = 'no_quorum';
	let pass: PassResult | null = null;
	if (quorum.met) {
		pass = evaluatePass(meeting.rule, tally, counts);
		result = pass.passed ? 'passed' : 'failed';
	}
	db.prepare(
		`update motions set state = 'closed', closed_at = ?, quorum_at_close = ?, pass_evaluation = ?, result = ?,
		   yes = ?, no = ?, abstain = ?, few_ballots_confirmed_by = ? where id = ?`
	).run(
		ctx.now.toISOString(),
		JSON.stringify(quorum),
		pass && JSON.stringify(pass),
		result,
		tally.yes,
		tally.no,
		tally.abstain,
		// The minutes name the clerk who closed a count that may reveal choices.
		check.fewSecret ? (ctx.actor?.userId ?? null) : null,
		motion.id
	);
	const resolution =
		result === 'passed' && options.onPassed ? options.onPassed(ctx, motion, meeting) : null;
	// Turnout (who voted, never how) is published at close (docs/domain.md §7.5).
	const turnout = db
		.prepare('select person_id from ballot_receipts where motion_id = ? order by person_id')
		.pluck()
		.all(motion.id);
	ctx.audit({
		action: 'motion.closed',
		subjectType: 'motion',
		subjectId: motion.id,
		before: { state: 'open' },
		after: {
			state: 'closed',
			result,
			tally,
			quorum,
			pass,
			turnout,
			resolution,
			// The minutes name the clerk who closed a count that may reveal choices.
			...(check.fewSecret && { fewBallotsConfirmed: true })
		}
	});
	return { ok: true, motion: getMotion(db, meeting.villageId, motion.id)! };
}

/**
 * Inside a closing command: closes the meeting and freezes its record. Unless `confirmed`, a close
 * over open votes or empty minutes only answers with what the clerk must see first. Open motions
 * are refused unless `closeOpenMotions`, which closes each first; a show of hands never entered
 * keeps the meeting open. The audit head stored is the chain's head after every motion close.
 */
export function closeMeetingIn(
	ctx: CommandContext,
	meeting: Meeting,
	options: CloseMotionOptions & { minutes?: string; closeOpenMotions?: boolean }
): CloseMeetingResult | (Extract<CloseMeetingResult, { ok: true }> & { closedSecret: boolean }) {
	if (meeting.state !== 'open') return { ok: false, reason: 'not_open' };
	const open = ctx.db
		.prepare("select id from motions where meeting_id = ? and state = 'open' order by id")
		.pluck()
		.all(meeting.id) as number[];
	const minutes = options.minutes ?? meeting.minutes;
	if (!options.confirmed && meetingCloseNeedsConfirmation(open.length, minutes)) {
		const checks = open.map((id) => {
			const motion = getMotion(ctx.db, meeting.villageId, id)!;
			return closeCheck(ctx, motion, meeting, tallyOf(ctx, motion));
		});
		return { ok: false, reason: 'unconfirmed', open: checks, minutesEmpty: !minutes.trim() };
	}
	if (open.length && !options.closeOpenMotions)
		return { ok: false, reason: 'motions_open', motionIds: open };
	let closedSecret = false;
	for (const motionId of open) {
		const motion = getMotion(ctx.db, meeting.villageId, motionId)!;
		const r = closeMotionIn(ctx, motion, meeting, { ...options, confirmed: true });
		if (!r.ok) return { ok: false, reason: 'no_tally', motionId };
		closedSecret ||= motion.method === 'secret';
	}
	return { ok: true, ...freezeMeeting(ctx, meeting, options.minutes, open), closedSecret };
}
