// The outcome of an urgent coordination meeting (紧急协调会, docs/domain.md §4.9): what was agreed
// and who acts, and, once they have, the record that ends the topic it settled. The meeting type never decides (mayDecide: false), so this is never a resolution,
// and it cannot settle a topic that touches an art. 24 matter — only the 4+2 procedure can.
import { command } from '../command';
import type { Db } from '../db';
import { isValidDate, todayInChina } from '../calendar/dates';
import { endTopic, findTopic, type Topic } from '../topics/records';
import { OUTCOME_MAX, transition } from '../topics/rules';
import { isStaffOf } from '../permissions/village';
import { type Actor } from '../permissions';

export const MAX_TASKS = 20;

/**
 * An art. 24 matter is decided only through the 4+2 procedure (docs/domain.md §3.5), and village
 * rules only by the villagers' meeting (组织法 2018 art. 27, 2026 art. 31).
 */
export const coordinationMaySettle = (
	topic: Pick<Topic, 'art24Items' | 'state' | 'category'>
): boolean =>
	topic.art24Items.length === 0 &&
	topic.state !== 'four_plus_two' &&
	topic.category !== 'village_rules';

/** The open topics an urgent coordination meeting may settle, newest first, for the clerk's form. */
export function topicsCoordinationMaySettle(
	db: Db,
	villageId: number
): { id: number; number: string; title: string }[] {
	const ids = db
		.prepare(
			`select id from topics where village_id = ? and state in ('direct', 'consultation', 'submitted')
			 order by id desc limit 200`
		)
		.pluck()
		.all(villageId) as number[];
	return ids
		.map((id) => findTopic(db, villageId, id)!)
		.filter(coordinationMaySettle)
		.slice(0, 50)
		.map(({ id, number, title }) => ({ id, number, title }));
}

export interface CoordinationTask {
	personId: number | null;
	name: string;
	task: string;
}

export interface CoordinationOutcome {
	id: number;
	meetingId: number;
	agreed: string;
	topic: { id: number; number: string; title: string } | null;
	tasks: CoordinationTask[];
	createdAt: string;
}

export function coordinationOutcomeOf(
	db: Db,
	villageId: number,
	meetingId: number
): CoordinationOutcome | null {
	const r = db
		.prepare(
			`select o.* from coordination_outcomes o join meetings m on m.id = o.meeting_id
			 where o.meeting_id = ? and m.village_id = ?`
		)
		.get(meetingId, villageId) as
		| {
				id: number;
				meeting_id: number;
				agreed: string;
				topic_id: number | null;
				created_at: string;
		  }
		| undefined;
	if (!r) return null;
	const t = r.topic_id ? findTopic(db, villageId, r.topic_id) : null;
	return {
		id: r.id,
		meetingId: r.meeting_id,
		agreed: r.agreed,
		topic: t ? { id: t.id, number: t.number, title: t.title } : null,
		tasks: (
			db
				.prepare(
					'select person_id, name, task from coordination_tasks where outcome_id = ? order by id'
				)
				.all(r.id) as { person_id: number | null; name: string; task: string }[]
		).map((k) => ({ personId: k.person_id, name: k.name, task: k.task })),
		createdAt: r.created_at
	};
}

export type CoordinationResult =
	| { ok: true; outcomeId: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_urgent'
				| 'not_closed'
				| 'already_recorded'
				| 'bad_text'
				| 'bad_tasks'
				| 'bad_person'
				| 'bad_topic'
				| 'art24_topic'
				| 'village_rules_topic';
	  };

export function recordCoordinationOutcome(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: {
		agreed: string;
		tasks: { personId?: number | null; name?: string; task: string }[];
		topicId?: number | null;
	},
	options: { now?: Date } = {}
): CoordinationResult {
	const agreed = input.agreed.trim();
	if (!agreed || agreed.length > 5000) return { ok: false, reason: 'bad_text' };
	if (
		input.tasks.length === 0 ||
		input.tasks.length > MAX_TASKS ||
		input.tasks.some((t) => !t.task.trim() || t.task.trim().length > 500)
	)
		return { ok: false, reason: 'bad_tasks' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () =>
			db
				.prepare('select type, state from meetings where id = ? and village_id = ?')
				.get(meetingId, villageId) as { type: string; state: string } | undefined,
		run: (meeting, ctx): CoordinationResult => {
			if (meeting.type !== 'urgent_coordination') return { ok: false, reason: 'not_urgent' };
			if (meeting.state !== 'closed') return { ok: false, reason: 'not_closed' };
			if (db.prepare('select 1 from coordination_outcomes where meeting_id = ?').get(meetingId))
				return { ok: false, reason: 'already_recorded' };
			if (input.topicId != null) {
				const topic = findTopic(db, villageId, input.topicId);
				// A draft is its writer's alone, hidden even from staff; members read the outcome.
				if (!topic || topic.state === 'draft') return { ok: false, reason: 'bad_topic' };
				if (topic.category === 'village_rules') return { ok: false, reason: 'village_rules_topic' };
				if (!coordinationMaySettle(topic)) return { ok: false, reason: 'art24_topic' };
			}
			const tasks: CoordinationTask[] = [];
			for (const t of input.tasks) {
				let name = (t.name ?? '').trim();
				if (t.personId != null) {
					const p = db
						.prepare('select name from people where id = ? and village_id = ?')
						.get(t.personId, villageId) as { name: string } | undefined;
					if (!p) return { ok: false, reason: 'bad_person' };
					name = p.name;
				}
				if (!name || name.length > 32) return { ok: false, reason: 'bad_tasks' };
				tasks.push({ personId: t.personId ?? null, name, task: t.task.trim() });
			}
			const { lastInsertRowid } = db
				.prepare(
					'insert into coordination_outcomes (meeting_id, agreed, topic_id, recorded_by, created_at) values (?, ?, ?, ?, ?)'
				)
				.run(meetingId, agreed, input.topicId ?? null, actor.userId, ctx.now.toISOString());
			const id = Number(lastInsertRowid);
			const ins = db.prepare(
				'insert into coordination_tasks (outcome_id, person_id, name, task) values (?, ?, ?, ?)'
			);
			for (const t of tasks) ins.run(id, t.personId, t.name, t.task);
			ctx.audit({
				action: 'coordination.outcome_recorded',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { outcomeId: id, agreed, topicId: input.topicId ?? null, tasks }
			});
			return { ok: true, outcomeId: id };
		}
	});
}

export const DONE_NOTE_MAX = 500;

export type CoordinationDoneResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_urgent'
				| 'no_outcome'
				| 'done_already'
				| 'bad_done_date'
				| 'future_done_date'
				| 'bad_note';
	  };

/** When the agreed actions of an urgent coordination were recorded done; null while they are not. */
export function coordinationDoneOf(
	db: Db,
	outcomeId: number
): { doneOn: string; note: string } | null {
	return (
		(db
			.prepare('select done_on as doneOn, note from coordination_done where outcome_id = ?')
			.get(outcomeId) as { doneOn: string; note: string } | undefined) ?? null
	);
}

/**
 * The agreed actions of an urgent coordination are done: recorded once, on a day between the
 * meeting and today. The topic it settled ends there (办结) in the same transaction, which is the
 * urgent track's end; a topic that has since taken another track is left to it.
 */
export function recordCoordinationDone(
	db: Db,
	actor: Actor,
	villageId: number,
	meetingId: number,
	input: { doneOn: string; note: string },
	options: { now?: Date } = {}
): CoordinationDoneResult {
	const note = input.note.trim();
	if ([...note].length > DONE_NOTE_MAX) return { ok: false, reason: 'bad_note' };
	if (!isValidDate(input.doneOn)) return { ok: false, reason: 'bad_done_date' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		load: () =>
			db
				.prepare('select type, meeting_date from meetings where id = ? and village_id = ?')
				.get(meetingId, villageId) as { type: string; meeting_date: string } | undefined,
		run: (meeting, ctx): CoordinationDoneResult => {
			if (meeting.type !== 'urgent_coordination') return { ok: false, reason: 'not_urgent' };
			const outcome = coordinationOutcomeOf(db, villageId, meetingId);
			if (!outcome) return { ok: false, reason: 'no_outcome' };
			if (coordinationDoneOf(db, outcome.id)) return { ok: false, reason: 'done_already' };
			if (input.doneOn < meeting.meeting_date) return { ok: false, reason: 'bad_done_date' };
			if (input.doneOn > todayInChina(ctx.now)) return { ok: false, reason: 'future_done_date' };
			db.prepare(
				'insert into coordination_done (outcome_id, done_on, note, recorded_by, created_at) values (?, ?, ?, ?, ?)'
			).run(outcome.id, input.doneOn, note, actor.userId, ctx.now.toISOString());
			ctx.audit({
				action: 'coordination.actions_done',
				subjectType: 'meeting',
				subjectId: meetingId,
				after: { outcomeId: outcome.id, doneOn: input.doneOn, note }
			});
			const topic = outcome.topic ? findTopic(db, villageId, outcome.topic.id) : null;
			if (topic && transition(topic.state, 'coordination_done')) {
				// Settled without a triage decision: the coordination was its acceptance.
				const accepted =
					topic.triagedAt === null
						? { triaged_at: ctx.now.toISOString(), triaged_by: actor.userId }
						: {};
				endTopic(ctx, topic, 'coordination_done', 'topic.coordination_done', {
					...accepted,
					outcome: note || outcome.agreed.slice(0, OUTCOME_MAX)
				});
			}
			return { ok: true };
		}
	});
}
