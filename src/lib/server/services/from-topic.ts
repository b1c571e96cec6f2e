// The links between cases and topics: a topic triaged to 直接办理 opens a service case (one path
// for every service), a case that needs deliberation becomes a topic, and a case opened from a
// topic ends that topic when the case closes.
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { createTopic } from '../topics/filing';
import { endTopic, findTopic, type Topic } from '../topics/records';
import type { Category, OnBehalfChannel } from '../topics/rules';
import { triageTopic, type TriageDecision, type TriageResult } from '../topics/triage';
import { findCategory, serviceCategories } from './categories';
import { insertCase } from './filing';
import { FROM, caseCommand, updateCase, type CaseResult } from './moves';
import {
	CASE_CHANNELS,
	CASE_TEXT_MAX,
	findCase,
	recordStep,
	type CaseChannel,
	type ServiceCase
} from './records';

// A case's category as a topic's: disputes stay disputes; other services are livelihood matters.
const TOPIC_CATEGORY: Record<string, Category> = {
	certificate: 'livelihood',
	household_registration: 'livelihood',
	social_insurance: 'livelihood',
	assistance: 'livelihood',
	farming: 'livelihood',
	repair: 'livelihood',
	dispute: 'dispute',
	other: 'other'
};

// A request the villager filed online reaches the topic list through the service window, which is
// the hall's window.
const topicChannel = (c: CaseChannel): OnBehalfChannel => (c === 'online' ? 'hall_window' : c);

export type CaseToTopicResult =
	| { ok: true; serviceCase: ServiceCase; topic: Topic }
	| Exclude<CaseResult<'from_topic' | 'not_your_villager'>, { ok: true }>;

/**
 * Staff turn an open case into a topic for deliberation, filed for the same villager with the
 * case's consent, and link the two both ways (the case's topic_id; the topic page finds the case).
 */
export function caseToTopic(
	db: Db,
	actor: Actor,
	villageId: number,
	caseId: number,
	options: { now?: Date } = {}
): CaseToTopicResult {
	return caseCommand(db, {
		actor,
		villageId,
		caseId,
		now: options.now,
		staffOnly: true,
		from: FROM.toTopic,
		run: (c, ctx) => {
			// A case opened from a topic already has its deliberation path: that topic.
			if (c.topicId !== null) return { ok: false, reason: 'from_topic' };
			const filed = createTopic(
				db,
				actor,
				villageId,
				{
					title: c.title,
					description: c.description,
					category: TOPIC_CATEGORY[c.category] ?? 'other',
					place: '',
					affected: '',
					estimatedCostFen: null,
					funding: ''
				},
				{
					submit: true,
					now: ctx.now,
					onBehalf: {
						personId: c.personId,
						channel: topicChannel(c.channel),
						consentKind: c.consentKind,
						consentAt: c.consentAt
					}
				}
			);
			// The mapped category is always a topic's, so only a villager gone from the roster refuses.
			if (!filed.ok) return { ok: false, reason: 'not_your_villager' };
			const after = updateCase(ctx, c, {
				state: 'became_topic',
				topic_id: filed.topic.id,
				step_due_on: null
			});
			recordStep(ctx, c, 'became_topic', 'service_case.became_topic', {
				note: filed.topic.number,
				after: { state: after.state, topicId: filed.topic.id }
			});
			return { ok: true, serviceCase: after, topic: filed.topic };
		}
	}) as CaseToTopicResult;
}

/** The service category a directly handled topic is filed under: the nearest the village keeps. */
function categoryForTopic(db: Db, villageId: number, t: Topic) {
	const wanted = t.category === 'dispute' ? 'dispute' : 'other';
	const found = findCategory(db, villageId, wanted);
	return found?.active ? found : serviceCategories(db, villageId).find((c) => c.active);
}

const CASE_CHANNEL_SET: readonly string[] = CASE_CHANNELS;

export type TriageToServiceResult =
	| { ok: true; topic: Topic; serviceCase: ServiceCase | null }
	| Exclude<TriageResult, { ok: true }>
	| { ok: false; reason: 'not_a_villager' };

/**
 * The clerk's triage, in one transaction with what follows it: a topic sent to 直接办理 opens a
 * service case for its proposer, linked to the topic, which then runs the case's steps and ends
 * when the case closes. Every other route is the triage alone.
 */
export function triageToService(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	decision: TriageDecision,
	options: { now?: Date } = {}
): TriageToServiceResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): TriageToServiceResult => {
			const triaged = triageTopic(db, actor, villageId, topicId, decision, { now: ctx.now });
			if (!triaged.ok) return triaged;
			const t = triaged.topic;
			if (decision.route !== 'direct') return { ok: true, topic: t, serviceCase: null };
			if (t.proposerPersonId === null) return { ok: false, reason: 'not_a_villager' };
			const category = categoryForTopic(db, villageId, t);
			if (!category) return { ok: false, reason: 'bad_category' };
			const serviceCase = insertCase(ctx, villageId, {
				category: category.key,
				limitDays: category.limitDays,
				title: t.title,
				// The topic keeps a longer description whole; the case page links to it.
				description: [...t.description].length <= CASE_TEXT_MAX ? t.description : '',
				urgent: false,
				personId: t.proposerPersonId,
				channel: CASE_CHANNEL_SET.includes(t.channel) ? (t.channel as CaseChannel) : 'hall_window',
				consentKind: t.consentKind,
				consentAt: t.consentAt,
				topicId: t.id,
				audit: { fromTopic: t.number }
			});
			return { ok: true, topic: t, serviceCase };
		}
	}) as TriageToServiceResult;
}

/**
 * Ends the topic a case was opened from (直接办理) with the case's result (or, for a referral, why
 * and where it went), in the transaction of the step that closes the case. A topic the case became
 * is left to its own track.
 */
export function endTopicOfCase(
	ctx: CommandContext,
	c: ServiceCase,
	outcome = c.result ?? ''
): void {
	if (c.topicId === null || c.state === 'became_topic') return;
	const t = findTopic(ctx.db, c.villageId, c.topicId);
	if (t?.state === 'direct') endTopic(ctx, t, 'complete', 'topic.completed', { outcome });
}

/** The case linked to a topic, either way (opened from it, or become it), if any. */
export function caseOfTopic(db: Db, villageId: number, topicId: number): ServiceCase | undefined {
	const id = db
		.prepare(
			'select id from service_cases where village_id = ? and topic_id = ? order by id limit 1'
		)
		.pluck()
		.get(villageId, topicId) as number | undefined;
	return id === undefined ? undefined : findCase(db, villageId, id);
}
