// The vote: online, one ballot per resident adult villager per category, kept apart from what it
// chose (honour_voters / honour_choices); or in a villagers' meeting, whose count the clerk enters.
import { randomInt } from 'node:crypto';
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isMemberNow, isStaffOf } from '../permissions/village';
import { isAdultOn, todayInChina } from '../calendar/dates';
import { categoriesOf, findRound, nominationsOf } from './records';
import { votingOpenOn } from './rounds';

/**
 * Stores one choice of a ballot under a random row id: ids in insertion order would line the
 * choices up with the voters' times in honour_voters, and so tell who chose whom.
 */
export function storeChoice(db: Db, categoryId: number, nominationId: number): number {
	const insert = db.prepare(
		'insert into honour_choices (id, category_id, nomination_id) values (?, ?, ?) on conflict do nothing'
	);
	for (;;) {
		const id = randomInt(1, 2 ** 47);
		if (insert.run(id, categoryId, nominationId).changes === 1) return id;
	}
}

export type CastBallotResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_voting_time'
				| 'no_category'
				| 'not_eligible'
				| 'no_choice'
				| 'too_many'
				| 'bad_choice'
				| 'already_voted';
	  };

/**
 * Casts one villager's ballot in one category: up to `seats` of its accepted nominations. A
 * second ballot in the category is refused by the voters' primary key, so a double tap counts once.
 */
export function castHonourBallot(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { roundId: number; categoryId: number; nominationIds: number[] },
	options: { now?: Date } = {}
): CastBallotResult {
	const chosen = [...new Set(input.nominationIds)];
	if (chosen.length === 0) return { ok: false, reason: 'no_choice' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isMemberNow(db, actor, villageId),
		load: () => findRound(db, villageId, input.roundId),
		run: (round, ctx): CastBallotResult => {
			if (!votingOpenOn(round, ctx.now)) return { ok: false, reason: 'not_voting_time' };
			const category = categoriesOf(db, round.id).find((c) => c.id === input.categoryId);
			if (!category) return { ok: false, reason: 'no_category' };
			const today = todayInChina(ctx.now);
			const voter = db
				.prepare(
					`select birth_date as birthDate from people where id = ? and village_id = ? and status = 'resident'`
				)
				.get(actor.personId, villageId) as { birthDate: string } | undefined;
			if (!voter || !isAdultOn(voter.birthDate, today))
				return { ok: false, reason: 'not_eligible' };
			if (chosen.length > category.seats) return { ok: false, reason: 'too_many' };
			const onBallot = new Set(
				nominationsOf(db, round.id)
					.filter((n) => n.categoryId === category.id && n.review === 'accepted')
					.map((n) => n.id)
			);
			if (!chosen.every((id) => onBallot.has(id))) return { ok: false, reason: 'bad_choice' };
			const voted = db
				.prepare(
					`insert into honour_voters (category_id, person_id, voted_at) values (?, ?, ?)
					 on conflict do nothing`
				)
				.run(category.id, actor.personId, ctx.now.toISOString());
			if (voted.changes === 0) return { ok: false, reason: 'already_voted' };
			for (const id of chosen) storeChoice(db, category.id, id);
			// The entry says that a ballot was cast in the category, never for whom.
			ctx.audit({
				action: 'honour_ballot.cast',
				subjectType: 'honour_round',
				subjectId: round.id,
				after: { categoryId: category.id }
			});
			return { ok: true };
		}
	});
}

export type MeetingCountResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'wrong_state'
				| 'no_meeting'
				| 'meeting_not_closed'
				| 'bad_count';
	  };

/**
 * Enters a villagers' meeting's count (meeting mode): the votes of every accepted nomination, from
 * a closed meeting of the village. It may be entered again, corrected, until the round is counted.
 */
export function recordMeetingCount(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { roundId: number; meetingId: number; votes: Record<number, number> },
	options: { now?: Date } = {}
): MeetingCountResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findRound(db, villageId, input.roundId),
		run: (round, ctx): MeetingCountResult => {
			if (round.state !== 'voting' || round.voteMode !== 'meeting')
				return { ok: false, reason: 'wrong_state' };
			const meeting = db
				.prepare('select state from meetings where id = ? and village_id = ?')
				.get(input.meetingId, villageId) as { state: string } | undefined;
			if (!meeting) return { ok: false, reason: 'no_meeting' };
			if (meeting.state !== 'closed') return { ok: false, reason: 'meeting_not_closed' };
			const accepted = nominationsOf(db, round.id).filter((n) => n.review === 'accepted');
			const counts = accepted.map((n) => input.votes[n.id]);
			if (!counts.every((v) => Number.isInteger(v) && v >= 0 && v <= 100_000))
				return { ok: false, reason: 'bad_count' };
			const set = db.prepare('update honour_nominations set votes = ? where id = ?');
			accepted.forEach((n, i) => set.run(counts[i], n.id));
			db.prepare('update honour_rounds set meeting_id = ?, updated_at = ? where id = ?').run(
				input.meetingId,
				ctx.now.toISOString(),
				round.id
			);
			ctx.audit({
				action: 'honour_round.meeting_count_recorded',
				subjectType: 'honour_round',
				subjectId: round.id,
				before: Object.fromEntries(accepted.map((n) => [n.id, n.votes])),
				after: {
					meetingId: input.meetingId,
					votes: Object.fromEntries(accepted.map((n, i) => [n.id, counts[i]]))
				}
			});
			return { ok: true };
		}
	});
}
