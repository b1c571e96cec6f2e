// Carrying out a decided matter: starting it (responsible person, plan, budget), dated progress
// that only goes forward, and the completion. Each is one command with its audit entry.
import { command } from '../command';
import type { Db } from '../db';
import { isValidDate, todayInChina } from '../calendar/dates';
import { findTopic, type StoredAttachment } from '../topics/records';
import type { Actor } from '../permissions/actor';
import { isStaffOf, mayReportProgress } from '../permissions/village';
import {
	BUDGET_SOURCE_MAX,
	MAX_BUDGET_LINES,
	MAX_FEN,
	MAX_PROGRESS_PHOTOS,
	NOTE_MAX,
	PLAN_MAX,
	SUMMARY_MAX,
	decisionOf,
	implementationOf,
	type BudgetLine
} from './implementation';

export type StartResult =
	| { ok: true; implementationId: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_decided'
				| 'already_started'
				| 'bad_person'
				| 'bad_plan'
				| 'bad_budget';
	  };

export function startImplementation(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { responsiblePersonId: number | null; plan: string; budget: BudgetLine[] },
	options: { now?: Date } = {}
): StartResult {
	const now = options.now ?? new Date();
	const plan = input.plan.trim();
	if (!plan || plan.length > PLAN_MAX) return { ok: false, reason: 'bad_plan' };
	const budget = input.budget.map((b) => ({ source: b.source.trim(), amountFen: b.amountFen }));
	if (
		budget.length === 0 ||
		budget.length > MAX_BUDGET_LINES ||
		budget.some(
			(b) =>
				!b.source ||
				b.source.length > BUDGET_SOURCE_MAX ||
				!Number.isSafeInteger(b.amountFen) ||
				b.amountFen <= 0 ||
				b.amountFen > MAX_FEN
		)
	)
		return { ok: false, reason: 'bad_budget' };
	return command(db, {
		actor,
		villageId,
		now,
		may: () => isStaffOf(db, actor, villageId),
		load: () => findTopic(db, villageId, topicId),
		run: (_, ctx): StartResult => {
			if (input.responsiblePersonId == null) return { ok: false, reason: 'bad_person' };
			const person = db
				.prepare('select 1 from people where id = ? and village_id = ?')
				.get(input.responsiblePersonId, villageId);
			if (!person) return { ok: false, reason: 'bad_person' };
			if (db.prepare('select 1 from implementations where topic_id = ?').get(topicId))
				return { ok: false, reason: 'already_started' };
			const decision = decisionOf(db, villageId, topicId);
			if (!decision.ok) return { ok: false, reason: 'not_decided' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into implementations (village_id, topic_id, resolution_id, responsible_person_id, plan, created_by, created_at)
					 values (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					topicId,
					decision.resolutionId,
					input.responsiblePersonId,
					plan,
					actor.userId,
					now.toISOString()
				);
			const id = Number(lastInsertRowid);
			const line = db.prepare(
				'insert into implementation_budget_lines (implementation_id, source, amount_fen) values (?, ?, ?)'
			);
			for (const b of budget) line.run(id, b.source, b.amountFen);
			ctx.audit({
				action: 'implementation.started',
				subjectType: 'implementation',
				subjectId: id,
				after: {
					topicId,
					resolutionId: decision.resolutionId,
					responsiblePersonId: input.responsiblePersonId,
					plan,
					budget
				}
			});
			return { ok: true, implementationId: id };
		}
	});
}

export type ProgressResult =
	| { ok: true; progressId: number; overBudget: boolean }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'completed'
				| 'bad_date'
				| 'future_date'
				| 'bad_percent'
				| 'percent_back'
				| 'date_back'
				| 'bad_money'
				| 'bad_note'
				| 'too_many_photos';
	  };

/**
 * A dated progress update. Spending above the budget is allowed and flagged (overruns happen and
 * must be shown, not hidden); progress going back is refused.
 */
export function recordProgress(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: {
		onDate: string;
		percent: number;
		spentFen: number;
		note: string;
		photos?: StoredAttachment[];
	},
	options: { now?: Date } = {}
): ProgressResult {
	const now = options.now ?? new Date();
	const note = input.note.trim();
	const photos = input.photos ?? [];
	if (!isValidDate(input.onDate)) return { ok: false, reason: 'bad_date' };
	if (input.onDate > todayInChina(now)) return { ok: false, reason: 'future_date' };
	if (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100)
		return { ok: false, reason: 'bad_percent' };
	if (!Number.isSafeInteger(input.spentFen) || input.spentFen < 0 || input.spentFen > MAX_FEN)
		return { ok: false, reason: 'bad_money' };
	if (note.length > NOTE_MAX) return { ok: false, reason: 'bad_note' };
	if (photos.length > MAX_PROGRESS_PHOTOS || photos.some((p) => p.kind !== 'image'))
		return { ok: false, reason: 'too_many_photos' };
	return command(db, {
		actor,
		villageId,
		now,
		load: () => implementationOf(db, villageId, topicId),
		allowed: (impl) => mayReportProgress(db, actor, villageId, impl),
		run: (impl, ctx): ProgressResult => {
			if (impl.completion) return { ok: false, reason: 'completed' };
			const last = impl.progress.at(-1);
			if (last && input.percent < last.percent) return { ok: false, reason: 'percent_back' };
			if (last && input.onDate < last.onDate) return { ok: false, reason: 'date_back' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into implementation_progress (implementation_id, on_date, percent, spent_fen, note, recorded_by, created_at)
					 values (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					impl.id,
					input.onDate,
					input.percent,
					input.spentFen,
					note,
					actor.userId,
					now.toISOString()
				);
			const id = Number(lastInsertRowid);
			const photo = db.prepare(
				'insert into implementation_photos (progress_id, stored_name, original_name, mime, size) values (?, ?, ?, ?, ?)'
			);
			for (const p of photos) photo.run(id, p.storedName, p.originalName, p.mime, p.size);
			const overBudget = input.spentFen > impl.budgetFen;
			ctx.audit({
				action: 'implementation.progress_reported',
				subjectType: 'implementation',
				subjectId: impl.id,
				after: {
					progressId: id,
					onDate: input.onDate,
					percent: input.percent,
					spentFen: input.spentFen,
					note,
					photos: photos.map((p) => p.storedName),
					overBudget
				}
			});
			return { ok: true, progressId: id, overBudget };
		}
	});
}

export type CompleteResult =
	| { ok: true }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'completed'
				| 'bad_date'
				| 'future_date'
				| 'date_back'
				| 'bad_summary';
	  };

export function completeImplementation(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { completedOn: string; summary: string },
	options: { now?: Date } = {}
): CompleteResult {
	const now = options.now ?? new Date();
	const summary = input.summary.trim();
	if (!isValidDate(input.completedOn)) return { ok: false, reason: 'bad_date' };
	if (input.completedOn > todayInChina(now)) return { ok: false, reason: 'future_date' };
	if (!summary || summary.length > SUMMARY_MAX) return { ok: false, reason: 'bad_summary' };
	return command(db, {
		actor,
		villageId,
		now,
		load: () => implementationOf(db, villageId, topicId),
		allowed: (impl) => mayReportProgress(db, actor, villageId, impl),
		run: (impl, ctx): CompleteResult => {
			if (impl.completion) return { ok: false, reason: 'completed' };
			const last = impl.progress.at(-1);
			if (last && input.completedOn < last.onDate) return { ok: false, reason: 'date_back' };
			db.prepare(
				`insert into implementation_completions (implementation_id, completed_on, summary, recorded_by, created_at)
				 values (?, ?, ?, ?, ?)`
			).run(impl.id, input.completedOn, summary, actor.userId, now.toISOString());
			ctx.audit({
				action: 'implementation.completed',
				subjectType: 'implementation',
				subjectId: impl.id,
				after: { completedOn: input.completedOn, summary }
			});
			return { ok: true };
		}
	});
}
