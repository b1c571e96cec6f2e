// Nominating (推荐) and the committee's review (资格审查). A villager nominates a neighbour, or their
// own household for a household title; a grid head may file for a villager of their grid, with the
// villager's consent recorded as for a topic. Only accepted nominations reach the ballot.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { mayFileFor } from '../permissions/filing';
import { isMemberNow, isStaffOf } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import {
	categoriesOf,
	findNomination,
	findRound,
	type HonourNomination,
	type HonourRound
} from './records';
import { nominationsOpenOn } from './rounds';

export const REASON_MAX = 500;
export const REVIEW_NOTE_MAX = 500;

export interface NominateInput {
	roundId: number;
	categoryId: number;
	/** The nominee: a person for a person title, a household for a household title. */
	nomineeId: number;
	reason: string;
	/** Filed for a villager (代提): who, and how they agreed. */
	onBehalf?: { personId: number; consentKind: 'signed_note' | 'read_back'; consentAt: string };
}

export type NominateResult =
	| { ok: true; nomination: HonourNomination }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_reason'
				| 'nominations_closed'
				| 'no_category'
				| 'no_person'
				| 'not_your_villager'
				| 'no_nominee'
				| 'self_nomination'
				| 'already_nominated';
	  };

/**
 * Files a nomination. Nominating oneself for a personal title is refused: the honour is the
 * neighbours' recognition (群众推荐), not a claim; a household may put itself forward (户申报),
 * as the 文明户 rounds do.
 */
export function nominate(
	db: Db,
	actor: Actor,
	villageId: number,
	input: NominateInput,
	options: { now?: Date } = {}
): NominateResult {
	const reason = input.reason.trim();
	if ([...reason].length < 1 || [...reason].length > REASON_MAX)
		return { ok: false, reason: 'bad_reason' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isMemberNow(db, actor, villageId),
		load: () => findRound(db, villageId, input.roundId),
		run: (round, ctx): NominateResult => {
			if (!nominationsOpenOn(round, ctx.now)) return { ok: false, reason: 'nominations_closed' };
			const category = categoriesOf(db, round.id).find((c) => c.id === input.categoryId);
			if (!category) return { ok: false, reason: 'no_category' };
			const today = todayInChina(ctx.now);
			const nominator = input.onBehalf ? input.onBehalf.personId : actor.personId;
			if (nominator === null) return { ok: false, reason: 'no_person' };
			if (input.onBehalf && !mayFileFor(db, villageId, actor, nominator, today))
				return { ok: false, reason: 'not_your_villager' };
			const self = db
				.prepare(
					`select household_id as householdId from people
					 where id = ? and village_id = ? and status = 'resident'`
				)
				.get(nominator, villageId) as { householdId: number } | undefined;
			if (!self) return { ok: false, reason: 'no_person' };
			const person = category.subject === 'person';
			const nominee = person
				? db
						.prepare(`select 1 from people where id = ? and village_id = ? and status = 'resident'`)
						.get(input.nomineeId, villageId)
				: db
						.prepare(
							`select 1 from households h where h.id = ? and h.village_id = ? and exists
							   (select 1 from people p where p.household_id = h.id and p.status = 'resident')`
						)
						.get(input.nomineeId, villageId);
			if (!nominee) return { ok: false, reason: 'no_nominee' };
			if (person && input.nomineeId === nominator) return { ok: false, reason: 'self_nomination' };
			const column = person ? 'nominee_person_id' : 'nominee_household_id';
			if (
				db
					.prepare(`select 1 from honour_nominations where category_id = ? and ${column} = ?`)
					.get(category.id, input.nomineeId)
			)
				return { ok: false, reason: 'already_nominated' };
			const id = Number(
				db
					.prepare(
						`insert into honour_nominations (category_id, nominee_person_id, nominee_household_id,
						   reason, nominated_by_person_id, filed_by_user_id, consent_kind, consent_at, created_at)
						 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						category.id,
						person ? input.nomineeId : null,
						person ? null : input.nomineeId,
						reason,
						nominator,
						actor.userId,
						input.onBehalf?.consentKind ?? null,
						input.onBehalf?.consentAt ?? null,
						ctx.now.toISOString()
					).lastInsertRowid
			);
			ctx.audit({
				action: 'honour_nomination.filed',
				subjectType: 'honour_nomination',
				subjectId: id,
				after: {
					roundId: round.id,
					categoryId: category.id,
					onBehalf: input.onBehalf ? input.onBehalf.consentKind : null
				}
			});
			return { ok: true, nomination: findNomination(db, round.id, id)! };
		}
	});
}

export type ReviewResult =
	| { ok: true; nomination: HonourNomination }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'bad_decision'
				| 'note_required'
				| 'note_too_long'
				| 'wrong_state';
	  };

/**
 * The committee accepts or rejects a nomination before the vote; a rejection gives its reason,
 * which the nominator reads. It may change its mind until the vote opens.
 */
export function reviewNomination(
	db: Db,
	actor: Actor,
	villageId: number,
	input: { roundId: number; nominationId: number; decision: string; note: string },
	options: { now?: Date } = {}
): ReviewResult {
	if (input.decision !== 'accepted' && input.decision !== 'rejected')
		return { ok: false, reason: 'bad_decision' };
	const note = input.note.trim();
	if ([...note].length > REVIEW_NOTE_MAX) return { ok: false, reason: 'note_too_long' };
	if (input.decision === 'rejected' && note.length === 0)
		return { ok: false, reason: 'note_required' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => {
			const round = findRound(db, villageId, input.roundId);
			const nomination = round && findNomination(db, round.id, input.nominationId);
			return round && nomination ? { round, nomination } : null;
		},
		run: ({ round, nomination }: { round: HonourRound; nomination: HonourNomination }, ctx) => {
			if (round.state !== 'nominating' && round.state !== 'reviewing')
				return { ok: false, reason: 'wrong_state' } as ReviewResult;
			db.prepare(
				`update honour_nominations set review = ?, review_note = ?, reviewed_by = ?, reviewed_at = ?
				 where id = ?`
			).run(input.decision, note, actor.userId, ctx.now.toISOString(), nomination.id);
			ctx.audit({
				action: 'honour_nomination.reviewed',
				subjectType: 'honour_nomination',
				subjectId: nomination.id,
				before: { review: nomination.review },
				after: { review: input.decision, note }
			});
			return { ok: true, nomination: findNomination(db, round.id, nomination.id)! } as ReviewResult;
		}
	});
}
