// A contact's visit to a household (上门, 电话 or 微信) and its one-tap follow-up: a service
// request or a topic for a person of that household, filed on their behalf with the visit as the
// read-back record, linked to the visit in the same transaction.
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import { isValidDate, todayInChina } from '../calendar/dates';
import type { Actor } from '../permissions/actor';
import { createTopic } from '../topics/filing';
import { fileServiceRequest } from '../services/filing';
import {
	HEARD_MAX,
	VISIT_MEANS,
	currentContact,
	findVisit,
	type HouseholdVisit,
	type VisitMeans
} from './records';

export interface VisitInput {
	householdId: number;
	visitedOn: string;
	means: string;
	heard: string;
}

export type LogVisitResult =
	| { ok: true; visit: HouseholdVisit }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_your_household'
				| 'bad_date'
				| 'visit_in_future'
				| 'visit_before_assignment'
				| 'bad_means'
				| 'heard_too_long';
	  };

const chars = (s: string) => [...s].length;

/** Logs a visit by the household's current contact, on a day of their assignment up to today. */
export function logHouseholdVisit(
	db: Db,
	actor: Actor,
	villageId: number,
	input: VisitInput,
	options: { now?: Date } = {}
): LogVisitResult {
	if (!isValidDate(input.visitedOn)) return { ok: false, reason: 'bad_date' };
	if (!(VISIT_MEANS as readonly string[]).includes(input.means))
		return { ok: false, reason: 'bad_means' };
	const heard = input.heard.trim();
	if (chars(heard) > HEARD_MAX) return { ok: false, reason: 'heard_too_long' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		run: (_, ctx): LogVisitResult => {
			const contact = currentContact(db, villageId, input.householdId);
			if (!contact || actor.personId === null || contact.personId !== actor.personId)
				return { ok: false, reason: 'not_your_household' };
			if (input.visitedOn > todayInChina(ctx.now)) return { ok: false, reason: 'visit_in_future' };
			if (input.visitedOn < contact.startDate)
				return { ok: false, reason: 'visit_before_assignment' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into household_visits (village_id, household_id, person_id, visited_on, means, heard,
					   recorded_by_user_id, recorded_at)
					 values (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					input.householdId,
					actor.personId,
					input.visitedOn,
					input.means as VisitMeans,
					heard,
					actor.userId,
					ctx.now.toISOString()
				);
			const visit = findVisit(db, villageId, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'household.visit_logged',
				subjectType: 'household',
				subjectId: input.householdId,
				after: visit
			});
			return { ok: true, visit };
		}
	}) as LogVisitResult;
}

export interface FollowUpInput {
	visitId: number;
	kind: 'service' | 'topic';
	/** The person of the household the request or topic is for. */
	personId: number;
	title: string;
	/** A service category key; topics from a visit are 民生诉求. */
	category: string;
}

export type FollowUpResult =
	| { ok: true; kind: 'service'; number: string; visit: HouseholdVisit }
	| { ok: true; kind: 'topic'; number: string; visit: HouseholdVisit }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_your_household'
				| 'already_followed_up'
				| 'not_of_household'
				| 'title_required'
				| 'title_too_long'
				| 'not_a_villager'
				| 'not_your_villager'
				| 'bad_category'
				| 'description_too_long'
				| 'consent_in_future';
	  };

// Both a case's and a topic's title hold 80 characters (migrations 003 and 020).
const FOLLOW_UP_TITLE_MAX = 80;

/**
 * Turns a visit into a service request (转为办事) or a topic (转为议题) for a person of the
 * household. What was heard is the description; the villager agreed to it as it was read back at
 * the visit, so the visit's time is the consent's. The filing joins this transaction: a refused
 * filing leaves the visit unlinked and nothing filed.
 */
export function followUpVisit(
	db: Db,
	actor: Actor,
	villageId: number,
	input: FollowUpInput,
	options: { now?: Date } = {}
): FollowUpResult {
	const title = input.title.trim();
	if (title === '') return { ok: false, reason: 'title_required' };
	if (chars(title) > FOLLOW_UP_TITLE_MAX) return { ok: false, reason: 'title_too_long' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => findVisit(db, villageId, input.visitId),
		allowed: (visit) =>
			actor.personId !== null &&
			visit.personId === actor.personId &&
			currentContact(db, villageId, visit.householdId)?.personId === actor.personId,
		run: (visit, ctx): FollowUpResult => {
			if (visit.serviceCaseId !== null || visit.topicId !== null)
				return { ok: false, reason: 'already_followed_up' };
			const ofHousehold = db
				.prepare(
					"select 1 from people where id = ? and household_id = ? and village_id = ? and status = 'resident'"
				)
				.get(input.personId, visit.householdId, villageId);
			if (!ofHousehold) return { ok: false, reason: 'not_of_household' };
			const onBehalf = {
				personId: input.personId,
				channel: 'household_visit' as const,
				consentKind: 'read_back' as const,
				consentAt: visit.recordedAt
			};
			if (input.kind === 'service') {
				const filed = fileServiceRequest(
					db,
					actor,
					villageId,
					{ category: input.category, title, description: visit.heard, urgent: false },
					{ onBehalf, now: ctx.now }
				);
				if (!filed.ok) return filed;
				db.prepare('update household_visits set service_case_id = ? where id = ?').run(
					filed.serviceCase.id,
					visit.id
				);
				return {
					ok: true,
					kind: 'service',
					number: filed.serviceCase.number,
					visit: linked(ctx, visit)
				};
			}
			const created = createTopic(
				db,
				actor,
				villageId,
				{
					title,
					description: visit.heard,
					category: 'livelihood',
					place: '',
					affected: '',
					estimatedCostFen: null,
					funding: ''
				},
				{ submit: true, onBehalf, now: ctx.now }
			);
			if (!created.ok) return created;
			db.prepare('update household_visits set topic_id = ? where id = ?').run(
				created.topic.id,
				visit.id
			);
			return { ok: true, kind: 'topic', number: created.topic.number, visit: linked(ctx, visit) };
		}
	}) as FollowUpResult;
}

function linked(ctx: CommandContext, before: HouseholdVisit) {
	const after = findVisit(ctx.db, ctx.villageId!, before.id)!;
	ctx.audit({
		action: 'household.visit_followed_up',
		subjectType: 'household',
		subjectId: before.householdId,
		before,
		after
	});
	return after;
}
