// The 4+2 matter of a topic in the database: gathers the facts the pure rules (./rules.ts) read,
// and appends the events they allow, each with its audit entry in the same transaction.
import type { AuditAction } from '../audit/actions';
import { command, type CommandContext } from '../command';
import type { Db } from '../db';
import type { Refusal } from '../result';
import { isValidDate } from '../calendar/dates';
import { isStaffOf } from '../permissions/village';
import { endTopic, findTopic, type Topic } from '../topics/records';
import { ART24_ITEMS, CATEGORIES, onFourPlusTwoTrack, decidingBody } from '../topics/rules';
import type { MeetingType } from '../votes/rules';
import {
	afterFailedVote,
	positionOf,
	stepByMotion,
	type FailedVoteRefusal,
	type MatterFacts,
	type MotionFacts,
	type Position,
	type ProcedureEvent,
	type Step,
	type StepRefusal
} from './rules';
import { type Actor } from '../permissions';
import { authorizationFor } from './authorizations';

export interface MatterEvent {
	id: number;
	event: ProcedureEvent;
	motionId: number | null;
	reason: string;
	createdAt: string;
}

export interface Matter {
	topic: Topic;
	position: Position;
	events: MatterEvent[];
}

function eventsOf(db: Db, topicId: number): MatterEvent[] {
	return (
		db
			.prepare(
				'select id, kind, steps, motion_id, reason, created_at from procedure_events where topic_id = ? order by id'
			)
			.all(topicId) as {
			id: number;
			kind: ProcedureEvent['kind'];
			steps: string;
			motion_id: number | null;
			reason: string;
			created_at: string;
		}[]
	).map((r) => ({
		id: r.id,
		event:
			r.kind === 'steps'
				? { kind: 'steps', steps: JSON.parse(r.steps) as Step[] }
				: ({ kind: r.kind } as ProcedureEvent),
		motionId: r.motion_id,
		reason: r.reason,
		createdAt: r.created_at
	}));
}

/** The matter of a topic on the 4+2 track of this village, archived or not; null for any other. */
export function matterOf(db: Db, villageId: number, topicId: number): Matter | null {
	const topic = findTopic(db, villageId, topicId);
	if (!topic || !onFourPlusTwoTrack(topic)) return null;
	const events = eventsOf(db, topicId);
	return { topic, position: positionOf(events.map((e) => e.event)), events };
}

/**
 * The matter as this meeting found it: without the steps its own motions recorded. A decision
 * meeting often votes several motions on one item (the project, its site, its funding); the first
 * to pass records the step as it closes, and the others belong to the same step, not to the next.
 */
export function matterAsMeetingFound(
	db: Db,
	villageId: number,
	topicId: number,
	meetingId: number
): Matter | null {
	const matter = matterOf(db, villageId, topicId);
	if (!matter) return null;
	const own = new Set(
		db.prepare('select id from motions where meeting_id = ?').pluck().all(meetingId) as number[]
	);
	const ownStep = (e: MatterEvent) =>
		e.event.kind === 'steps' && e.motionId !== null && own.has(e.motionId);
	if (!matter.events.some(ownStep)) return matter;
	const events = matter.events.filter((e) => !ownStep(e));
	return { ...matter, position: positionOf(events.map((e) => e.event)), events };
}

/** The facts of a motion of this village as the rules read them, or null when it is not ours. */
function motionFacts(
	db: Db,
	villageId: number,
	motionId: number,
	topicId: number
): MotionFacts | null {
	const r = db
		.prepare(
			`select m.type, m.state as meeting_state, m.meeting_date, mo.result, a.topic_id
			 from motions mo join meetings m on m.id = mo.meeting_id join agenda_items a on a.id = mo.agenda_item_id
			 where mo.id = ? and m.village_id = ?`
		)
		.get(motionId, villageId) as
		| {
				type: MeetingType;
				meeting_state: string;
				meeting_date: string;
				result: MotionFacts['result'];
				topic_id: number | null;
		  }
		| undefined;
	if (!r) return null;
	return {
		sameTopic: r.topic_id === topicId,
		meetingType: r.type,
		meetingClosed: r.meeting_state === 'closed',
		result: r.result,
		meetingDate: r.meeting_date
	};
}

/** The topic a motion's agenda item is about, or null for an item of the meeting's own. */
export function topicOfMotion(db: Db, motionId: number): number | null {
	return db
		.prepare(
			'select a.topic_id from motions mo join agenda_items a on a.id = mo.agenda_item_id where mo.id = ?'
		)
		.pluck()
		.get(motionId) as number | null;
}

/** Has a villagers' meeting authorised the representatives' meeting for this matter on that date? */
export function repsAuthorizedFor(db: Db, villageId: number, topic: Topic, date: string): boolean {
	return authorizationFor(db, villageId, topic, date) !== null;
}

/** The latest meeting date among the motions recorded on the matter, failed votes included. */
function lastMeetingDate(db: Db, topicId: number): string | null {
	return db
		.prepare(
			`select max(m.meeting_date) from procedure_events e join motions mo on mo.id = e.motion_id
			 join meetings m on m.id = mo.meeting_id where e.topic_id = ?`
		)
		.pluck()
		.get(topicId) as string | null;
}

/** What the pure rules read of the matter and the village, for a meeting held on `meetingDate`. */
export function matterFacts(
	db: Db,
	villageId: number,
	topic: Topic,
	meetingDate: string
): MatterFacts {
	const village = db.prepare('select one_shoulder from villages where id = ?').get(villageId) as {
		one_shoulder: number;
	};
	return {
		oneShoulder: village.one_shoulder === 1,
		category: topic.category,
		repsAuthorized: repsAuthorizedFor(db, villageId, topic, meetingDate),
		collectiveMatter: decidingBody(topic.art24Items, meetingDate) === 'collective',
		lastMeetingDate: lastMeetingDate(db, topic.id)
	};
}

const EVENT_ACTION = {
	steps: 'procedure.steps_recorded',
	sent_back: 'procedure.sent_back',
	ended: 'procedure.ended',
	archived: 'procedure.archived'
} as const satisfies Record<ProcedureEvent['kind'], AuditAction>;

/** Appends a procedure event and its audit entry, inside the calling command. */
export function appendProcedureEvent(
	ctx: CommandContext,
	topicId: number,
	event: ProcedureEvent,
	extra: { motionId?: number; reason?: string; before: Position }
): Position {
	const { db, actor, now } = ctx;
	db.prepare(
		'insert into procedure_events (topic_id, kind, steps, motion_id, reason, recorded_by, created_at) values (?, ?, ?, ?, ?, ?, ?)'
	).run(
		topicId,
		event.kind,
		JSON.stringify(event.kind === 'steps' ? event.steps : []),
		extra.motionId ?? null,
		extra.reason ?? '',
		actor?.userId ?? null,
		now.toISOString()
	);
	const after = positionOf(eventsOf(db, topicId).map((e) => e.event));
	ctx.audit({
		action: EVENT_ACTION[event.kind],
		subjectType: 'topic',
		subjectId: topicId,
		before: extra.before,
		after: { ...after, motionId: extra.motionId ?? null, reason: extra.reason ?? '' }
	});
	return after;
}

export type RecordStepResult =
	| { ok: true; position: Position }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'motion_not_found' }
	| { ok: false; reason: StepRefusal; step?: Step; expected?: readonly MeetingType[] };

/**
 * Steps 1–4: a passed motion on the topic, in a closed meeting of the step's type held no earlier
 * than the matter's last recorded meeting.
 */
export function recordStep(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	motionId: number,
	options: { now?: Date } = {}
): RecordStepResult {
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => matterOf(db, villageId, topicId),
		run: (matter, ctx): RecordStepResult => {
			const facts = motionFacts(db, villageId, motionId, topicId);
			if (!facts) return { ok: false, reason: 'motion_not_found' };
			// A passed motion's step is recorded as its vote closes (./closing.ts): already done.
			if (matter.events.some((e) => e.motionId === motionId && e.event.kind === 'steps'))
				return { ok: true, position: matter.position };
			const r = stepByMotion(
				matter.position,
				facts,
				matterFacts(db, villageId, matter.topic, facts.meetingDate)
			);
			if (!r.ok) return r;
			const position = appendProcedureEvent(ctx, topicId, r.event, {
				motionId,
				before: matter.position
			});
			return { ok: true, position };
		}
	});
}

export type FailedVoteResult =
	| { ok: true; position: Position }
	| { ok: false; reason: 'forbidden' | 'not_found' | 'motion_not_found' | 'reason_required' }
	| { ok: false; reason: FailedVoteRefusal; step?: Step };

/** After a failed vote at step 3 or 4: back to step 2, or the end, with the clerk's reason. */
export function recordFailedVote(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	motionId: number,
	input: { choice: 'send_back' | 'end'; reason: string },
	options: { now?: Date } = {}
): FailedVoteResult {
	const reason = input.reason.trim();
	if (!reason || reason.length > 500) return { ok: false, reason: 'reason_required' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => matterOf(db, villageId, topicId),
		run: (matter, ctx): FailedVoteResult => {
			const facts = motionFacts(db, villageId, motionId, topicId);
			if (!facts) return { ok: false, reason: 'motion_not_found' };
			const r = afterFailedVote(matter.position, facts, input.choice);
			if (!r.ok) return r;
			const position = appendProcedureEvent(ctx, topicId, r.event, {
				motionId,
				reason,
				before: matter.position
			});
			// The matter stops, and so does its topic: the proposer sees where it ended.
			if (r.event.kind === 'ended') {
				const ended = endTopic(
					ctx,
					matter.topic,
					'end_after_failed_vote',
					'topic.ended_after_failed_vote',
					{ outcome: reason }
				);
				if (!ended.ok) return { ok: false, reason: 'ended' };
			}
			return { ok: true, position };
		}
	});
}

export type AuthorizeResult =
	| { ok: true; authorizationId: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'motion_not_found'
				| 'not_a_villagers_meeting'
				| 'not_passed'
				| 'bad_scope'
				| 'bad_period'
				| 'before_adoption'
				| 'already_recorded';
	  };

export type AuthorizationRefusal = Refusal<AuthorizeResult>;

/**
 * Records that a villagers' meeting authorised the representatives' meeting (组织法 2018 art. 24
 * para. 2, 2026 art. 28 para. 2) for
 * kinds of matters (categories, and the art. 24 items it covers) over a period.
 */
export function authorizeReps(
	db: Db,
	actor: Actor,
	villageId: number,
	motionId: number,
	scope: { categories: string[]; art24Items: string[]; validFrom: string; validTo: string },
	options: { now?: Date } = {}
): AuthorizeResult {
	const now = options.now ?? new Date();
	const categories = [...new Set(scope.categories)];
	const items = [...new Set(scope.art24Items)];
	// Village rules and the charter are never delegated (组织法 2018 art. 27, 2026 art. 31).
	if (
		categories.length === 0 ||
		categories.includes('village_rules') ||
		!categories.every((c) => (CATEGORIES as readonly string[]).includes(c)) ||
		!items.every((i) => (ART24_ITEMS as readonly string[]).includes(i))
	)
		return { ok: false, reason: 'bad_scope' };
	if (
		!isValidDate(scope.validFrom) ||
		!isValidDate(scope.validTo) ||
		scope.validFrom > scope.validTo
	)
		return { ok: false, reason: 'bad_period' };
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): AuthorizeResult => {
			const m = db
				.prepare(
					`select m.type, m.state, m.meeting_date, mo.result from motions mo join meetings m on m.id = mo.meeting_id
					 where mo.id = ? and m.village_id = ?`
				)
				.get(motionId, villageId) as
				| { type: MeetingType; state: string; meeting_date: string; result: string | null }
				| undefined;
			if (!m) return { ok: false, reason: 'motion_not_found' };
			if (m.type !== 'villagers_meeting') return { ok: false, reason: 'not_a_villagers_meeting' };
			if (m.state !== 'closed' || m.result !== 'passed') return { ok: false, reason: 'not_passed' };
			// No back-dating: an authorisation holds from the day the villagers' meeting gave it.
			if (scope.validFrom < m.meeting_date) return { ok: false, reason: 'before_adoption' };
			if (db.prepare('select 1 from reps_authorizations where motion_id = ?').get(motionId))
				return { ok: false, reason: 'already_recorded' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into reps_authorizations (village_id, motion_id, categories, art24_items, valid_from, valid_to, created_by, created_at)
					 values (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					motionId,
					JSON.stringify(categories),
					JSON.stringify(items),
					scope.validFrom,
					scope.validTo,
					actor.userId,
					now.toISOString()
				);
			const id = Number(lastInsertRowid);
			ctx.audit({
				action: 'procedure.reps_authorized',
				subjectType: 'reps_authorization',
				subjectId: id,
				after: {
					motionId,
					categories,
					art24Items: items,
					validFrom: scope.validFrom,
					validTo: scope.validTo
				}
			});
			return { ok: true, authorizationId: id };
		}
	}) as AuthorizeResult;
}
