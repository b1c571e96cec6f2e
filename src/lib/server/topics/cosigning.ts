// Co-signing (附议): adding and withdrawing a co-signature, the count against the statutory
// thresholds, and the obligation to convene a meeting recorded the moment one is reached.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { adultsAndRepresentativesOn } from '../roster/counts';
import { adultBornOnOrBefore, todayInChina } from '../calendar/dates';
import { findTopic } from './records';
import { COSIGN_STATES, cosignThresholds, type CosignThreshold } from './rules';

export interface CosignStatus {
	signers: number;
	representativeSigners: number;
	adults: number;
	representatives: number;
	date: string;
	thresholds: CosignThreshold[];
	obligations: { kind: 'villagers_meeting' | 'reps_meeting'; reachedOn: string }[];
}

function countSigners(db: Db, villageId: number, topicId: number, date: string) {
	return db
		.prepare(
			`select count(*) as signers,
			   coalesce(sum(exists (select 1 from roles r where r.person_id = c.person_id and r.village_id = @village
			     and r.role = 'village_rep' and r.start_date <= @date and (r.end_date is null or r.end_date >= @date))), 0) as reps
			 from topic_cosigns c join people p on p.id = c.person_id
			 where c.topic_id = @topic and (p.status = 'resident' or p.status_date > @date)`
		)
		.get({ village: villageId, topic: topicId, date }) as { signers: number; reps: number };
}

export function cosignStatus(
	db: Db,
	villageId: number,
	topicId: number,
	date = todayInChina()
): CosignStatus {
	const { signers, reps } = countSigners(db, villageId, topicId, date);
	const counts = adultsAndRepresentativesOn(db, villageId, date);
	return {
		signers,
		representativeSigners: reps,
		adults: counts.adults,
		representatives: counts.representatives,
		date,
		thresholds: cosignThresholds(signers, reps, counts.adults, counts.representatives),
		obligations: db
			.prepare(
				'select kind, reached_on as reachedOn from topic_obligations where topic_id = ? order by kind'
			)
			.all(topicId) as {
			kind: 'villagers_meeting' | 'reps_meeting';
			reachedOn: string;
		}[]
	};
}

export function hasCosigned(db: Db, topicId: number, personId: number | null): boolean {
	return (
		personId !== null &&
		!!db
			.prepare('select 1 from topic_cosigns where topic_id = ? and person_id = ?')
			.get(topicId, personId)
	);
}

export type CosignResult =
	| { ok: true; status: CosignStatus; newObligations: string[] }
	| {
			ok: false;
			reason:
				| 'not_found'
				| 'not_a_villager'
				| 'not_adult'
				| 'own_topic'
				| 'wrong_state'
				| 'already_cosigned'
				| 'not_cosigned';
	  };

/**
 * Adds the actor's co-signature. The primary key (topic, person) makes a second one impossible
 * even when two requests race; reaching a statutory threshold records the obligation at once.
 */
export function cosign(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	now = new Date()
): CosignResult {
	const today = todayInChina(now);
	return command(db, {
		actor,
		villageId,
		now,
		load: () => findTopic(db, villageId, topicId),
		run: (t, ctx): CosignResult => {
			if (actor.personId === null) return { ok: false, reason: 'not_a_villager' };
			const person = db
				.prepare(
					"select birth_date from people where id = ? and village_id = ? and status = 'resident'"
				)
				.get(actor.personId, villageId) as { birth_date: string } | undefined;
			if (!person) return { ok: false, reason: 'not_a_villager' };
			if (person.birth_date > adultBornOnOrBefore(today)) return { ok: false, reason: 'not_adult' };
			// A co-signature is someone else's support (附议): the proposer counting for their own
			// topic would bring it one name closer to a statutory threshold on their word alone.
			if (t.proposerPersonId === actor.personId) return { ok: false, reason: 'own_topic' };
			if (!COSIGN_STATES.includes(t.state)) return { ok: false, reason: 'wrong_state' };
			const inserted = db
				.prepare(
					'insert into topic_cosigns (topic_id, person_id, user_id, created_at) values (?, ?, ?, ?) on conflict do nothing'
				)
				.run(topicId, actor.personId, actor.userId, now.toISOString());
			if (inserted.changes === 0) return { ok: false, reason: 'already_cosigned' };
			ctx.audit({
				action: 'topic.cosigned',
				subjectType: 'topic',
				subjectId: topicId,
				after: { personId: actor.personId }
			});
			const status = cosignStatus(db, villageId, topicId, today);
			const newObligations: string[] = [];
			for (const th of status.thresholds.filter((x) => x.met)) {
				const added = db
					.prepare(
						'insert into topic_obligations (topic_id, kind, reached_on, basis) values (?, ?, ?, ?) on conflict do nothing'
					)
					.run(topicId, th.obligation, today, JSON.stringify(th));
				if (added.changes > 0) {
					newObligations.push(th.obligation);
					ctx.audit({
						action: 'topic.obligation_reached',
						subjectType: 'topic',
						subjectId: topicId,
						after: {
							obligation: th.obligation,
							rule: th.rule,
							left: th.left,
							right: th.right,
							reachedOn: today
						}
					});
				}
			}
			return { ok: true, status: cosignStatus(db, villageId, topicId, today), newObligations };
		}
	}) as CosignResult;
}

/** Withdraws the actor's co-signature; allowed only before triage. A reached obligation stays. */
export function withdrawCosign(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number
): CosignResult {
	return command(db, {
		actor,
		villageId,
		load: () => findTopic(db, villageId, topicId),
		run: (t, ctx): CosignResult => {
			if (actor.personId === null) return { ok: false, reason: 'not_a_villager' };
			if (t.state !== 'submitted') return { ok: false, reason: 'wrong_state' };
			const removed = db
				.prepare('delete from topic_cosigns where topic_id = ? and person_id = ?')
				.run(topicId, actor.personId);
			if (removed.changes === 0) return { ok: false, reason: 'not_cosigned' };
			ctx.audit({
				action: 'topic.cosign_withdrawn',
				subjectType: 'topic',
				subjectId: topicId,
				before: { personId: actor.personId }
			});
			return { ok: true, status: cosignStatus(db, villageId, topicId), newObligations: [] };
		}
	}) as CosignResult;
}
