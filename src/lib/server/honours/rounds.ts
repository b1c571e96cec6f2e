// A round's life as the committee runs it: open it with its categories and dates, close the
// nominations, open the vote once every nomination is reviewed, or cancel it. Staff only.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { isValidDate, todayInChina } from '../calendar/dates';
import {
	findRound,
	type HonourRound,
	type RoundState,
	type Subject,
	type VoteMode
} from './records';

export const ROUND_TITLE_MAX = 100;
export const CATEGORY_NAME_MAX = 30;
export const SEATS_MAX = 50;
export const CATEGORIES_MAX = 10;

export interface CategoryInput {
	name: string;
	subject: string;
	seats: number;
}

export interface OpenRoundInput {
	title: string;
	categories: CategoryInput[];
	nominationsFrom: string;
	nominationsUntil: string;
	voteMode: string;
	/** Online only: the days the villagers vote, after the nominations close. */
	votingFrom?: string | null;
	votingUntil?: string | null;
}

export type OpenRoundRefusal =
	| 'bad_title'
	| 'no_categories'
	| 'bad_category'
	| 'duplicate_category'
	| 'bad_nomination_dates'
	| 'bad_vote_mode'
	| 'bad_voting_dates';

export type OpenRoundResult =
	| { ok: true; round: HonourRound }
	| { ok: false; reason: 'forbidden' | 'not_found' | OpenRoundRefusal };

const length = (s: string) => [...s].length;

/** The checks of a new round that need no database, in the order the form shows them. */
export function openRoundRefusal(input: OpenRoundInput): OpenRoundRefusal | null {
	const title = input.title.trim();
	if (length(title) < 1 || length(title) > ROUND_TITLE_MAX) return 'bad_title';
	if (input.categories.length < 1 || input.categories.length > CATEGORIES_MAX)
		return 'no_categories';
	for (const c of input.categories) {
		const name = c.name.trim();
		if (length(name) < 1 || length(name) > CATEGORY_NAME_MAX) return 'bad_category';
		if (c.subject !== 'person' && c.subject !== 'household') return 'bad_category';
		if (!Number.isInteger(c.seats) || c.seats < 1 || c.seats > SEATS_MAX) return 'bad_category';
	}
	if (new Set(input.categories.map((c) => c.name.trim())).size !== input.categories.length)
		return 'duplicate_category';
	if (
		!isValidDate(input.nominationsFrom) ||
		!isValidDate(input.nominationsUntil) ||
		input.nominationsUntil < input.nominationsFrom
	)
		return 'bad_nomination_dates';
	if (input.voteMode !== 'online' && input.voteMode !== 'meeting') return 'bad_vote_mode';
	if (input.voteMode === 'online') {
		const { votingFrom: from, votingUntil: until } = input;
		// The vote starts after the nominations close, so the committee can review them in between.
		if (!from || !until || !isValidDate(from) || !isValidDate(until)) return 'bad_voting_dates';
		if (until < from || from <= input.nominationsUntil) return 'bad_voting_dates';
	}
	return null;
}

/** Opens a round (开展评选): its categories, the nomination days and how the honourees are chosen. */
export function openHonourRound(
	db: Db,
	actor: Actor,
	villageId: number,
	input: OpenRoundInput,
	options: { now?: Date } = {}
): OpenRoundResult {
	const refusal = openRoundRefusal(input);
	if (refusal) return { ok: false, reason: refusal };
	const online = input.voteMode === 'online';
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): OpenRoundResult => {
			const at = ctx.now.toISOString();
			const id = Number(
				db
					.prepare(
						`insert into honour_rounds (village_id, title, nominations_from, nominations_until,
						   vote_mode, voting_from, voting_until, created_by, created_at, updated_at)
						 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						villageId,
						input.title.trim(),
						input.nominationsFrom,
						input.nominationsUntil,
						input.voteMode,
						online ? input.votingFrom : null,
						online ? input.votingUntil : null,
						actor.userId,
						at,
						at
					).lastInsertRowid
			);
			const insert = db.prepare(
				`insert into honour_categories (round_id, name, subject, seats, position) values (?, ?, ?, ?, ?)`
			);
			input.categories.forEach((c, i) =>
				insert.run(id, c.name.trim(), c.subject as Subject, c.seats, i + 1)
			);
			ctx.audit({
				action: 'honour_round.opened',
				subjectType: 'honour_round',
				subjectId: id,
				after: {
					title: input.title.trim(),
					categories: input.categories.map((c) => ({ name: c.name.trim(), seats: c.seats })),
					voteMode: input.voteMode as VoteMode
				}
			});
			return { ok: true, round: findRound(db, villageId, id)! };
		}
	});
}

export type StepResult =
	| { ok: true; round: HonourRound }
	| {
			ok: false;
			reason: 'forbidden' | 'not_found' | 'wrong_state' | 'pending_reviews' | 'nothing_to_vote';
	  };

/** One staff step of a round from one state to the next, audited; `check` may refuse it. */
function step(
	db: Db,
	actor: Actor,
	villageId: number,
	roundId: number,
	from: RoundState[],
	to: RoundState,
	action:
		'honour_round.nominations_closed' | 'honour_round.voting_opened' | 'honour_round.cancelled',
	now: Date | undefined,
	check?: (round: HonourRound) => StepResult | null
): StepResult {
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRound(db, villageId, roundId),
		run: (round, ctx): StepResult => {
			if (!from.includes(round.state)) return { ok: false, reason: 'wrong_state' };
			const refused = check?.(round);
			if (refused) return refused;
			db.prepare('update honour_rounds set state = ?, updated_at = ? where id = ?').run(
				to,
				ctx.now.toISOString(),
				round.id
			);
			ctx.audit({
				action,
				subjectType: 'honour_round',
				subjectId: round.id,
				before: { state: round.state },
				after: { state: to }
			});
			return { ok: true, round: findRound(db, villageId, round.id)! };
		}
	});
}

/**
 * Closes the nominations for review (资格审查). The committee may close before the last day it
 * announced: the step is audited, and a nomination filed after it is refused.
 */
export function closeNominations(
	db: Db,
	actor: Actor,
	villageId: number,
	roundId: number,
	options: { now?: Date } = {}
): StepResult {
	return step(
		db,
		actor,
		villageId,
		roundId,
		['nominating'],
		'reviewing',
		'honour_round.nominations_closed',
		options.now
	);
}

/**
 * Puts the accepted nominations to the vote: only once every nomination has been reviewed, so no
 * nominee is left off the ballot by oversight, and only with someone on it.
 */
export function openVoting(
	db: Db,
	actor: Actor,
	villageId: number,
	roundId: number,
	options: { now?: Date } = {}
): StepResult {
	return step(
		db,
		actor,
		villageId,
		roundId,
		['reviewing'],
		'voting',
		'honour_round.voting_opened',
		options.now,
		(round) => {
			const counts = db
				.prepare(
					`select sum(n.review = 'pending') as pending, sum(n.review = 'accepted') as accepted
				 from honour_nominations n join honour_categories c on c.id = n.category_id where c.round_id = ?`
				)
				.get(round.id) as { pending: number | null; accepted: number | null };
			if ((counts.pending ?? 0) > 0) return { ok: false, reason: 'pending_reviews' };
			if ((counts.accepted ?? 0) === 0) return { ok: false, reason: 'nothing_to_vote' };
			return null;
		}
	);
}

/** Cancels a round not yet published; its ballots stay as cast, and nothing is posted. */
export function cancelRound(
	db: Db,
	actor: Actor,
	villageId: number,
	roundId: number,
	options: { now?: Date } = {}
): StepResult {
	return step(
		db,
		actor,
		villageId,
		roundId,
		['nominating', 'reviewing', 'voting', 'counted'],
		'cancelled',
		'honour_round.cancelled',
		options.now
	);
}

/** Whether today is inside the round's nomination days. */
export const nominationsOpenOn = (round: HonourRound, now: Date) => {
	const today = todayInChina(now);
	return (
		round.state === 'nominating' &&
		round.nominationsFrom <= today &&
		today <= round.nominationsUntil
	);
};

/** Whether today is inside the round's online voting days. */
export const votingOpenOn = (round: HonourRound, now: Date) => {
	const today = todayInChina(now);
	return (
		round.state === 'voting' &&
		round.voteMode === 'online' &&
		round.votingFrom !== null &&
		round.votingUntil !== null &&
		round.votingFrom <= today &&
		today <= round.votingUntil
	);
};
