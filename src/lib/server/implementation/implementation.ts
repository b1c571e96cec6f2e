// Implementation of a decided matter (实施, docs/domain.md §8.4) and its result disclosure
// (实施结果公开, 4+2 step 6): who is responsible, the plan, the budget by funding source, dated
// progress that only goes forward, the completion, then the supervision committee's opinion posted
// as a notice. Every record is appended, each command in one transaction with its audit entry.
import { m } from '$lib/paraglide/messages';
import { appendAudit } from '../audit/chain.js';
import type { Db } from '../db';
import type { Refusal } from '../result';
import { postNotice } from '../notices/notices';
import { appendProcedureEvent, matterOf } from '../procedure/matters';
import { archive, stepByPublication } from '../procedure/rules';
import { resolutionsOfTopic } from '../procedure/resolutions';
import { isValidDate, todayInChina } from '../roster/dates';
import { findTopic, type StoredAttachment } from '../topics/records';
import type { Actor } from '../permissions/actor';
import { isStaffOf, isSupervisorOn, mayReportProgress } from '../permissions/village';

export const MAX_PROGRESS_PHOTOS = 6;
export const MAX_BUDGET_LINES = 10;
/** 10 亿元 in fen: far above any village project, low enough to stay an exact integer. */
export const MAX_FEN = 100_000_000_000;
const ZH = { locale: 'zh-CN' as const };

export interface BudgetLine {
	source: string;
	amountFen: number;
}

export interface ProgressPhoto {
	id: number;
	storedName: string;
	originalName: string;
	mime: string;
	size: number;
}

export interface Progress {
	id: number;
	onDate: string;
	percent: number;
	spentFen: number;
	note: string;
	photos: ProgressPhoto[];
	createdAt: string;
}

export interface Implementation {
	id: number;
	topicId: number;
	resolutionId: number | null;
	responsiblePersonId: number;
	responsibleName: string;
	plan: string;
	budget: BudgetLine[];
	budgetFen: number;
	progress: Progress[];
	completion: { completedOn: string; summary: string; createdAt: string } | null;
	disclosure: {
		supervisorPersonId: number;
		supervisorName: string;
		opinion: string;
		noticeId: number;
		noticeSeq: number;
		createdAt: string;
	} | null;
	createdAt: string;
}

export function implementationOf(
	db: Db,
	villageId: number,
	topicId: number
): Implementation | null {
	const r = db
		.prepare(
			`select i.*, p.name as responsible_name from implementations i join people p on p.id = i.responsible_person_id
			 where i.topic_id = ? and i.village_id = ?`
		)
		.get(topicId, villageId) as
		| {
				id: number;
				topic_id: number;
				resolution_id: number | null;
				responsible_person_id: number;
				responsible_name: string;
				plan: string;
				created_at: string;
		  }
		| undefined;
	if (!r) return null;
	const budget = (
		db
			.prepare(
				'select source, amount_fen from implementation_budget_lines where implementation_id = ? order by id'
			)
			.all(r.id) as { source: string; amount_fen: number }[]
	).map((b) => ({ source: b.source, amountFen: b.amount_fen }));
	const photos = db.prepare(
		'select id, stored_name, original_name, mime, size from implementation_photos where progress_id = ? order by id'
	);
	const progress = (
		db
			.prepare('select * from implementation_progress where implementation_id = ? order by id')
			.all(r.id) as {
			id: number;
			on_date: string;
			percent: number;
			spent_fen: number;
			note: string;
			created_at: string;
		}[]
	).map((p) => ({
		id: p.id,
		onDate: p.on_date,
		percent: p.percent,
		spentFen: p.spent_fen,
		note: p.note,
		createdAt: p.created_at,
		photos: (
			photos.all(p.id) as {
				id: number;
				stored_name: string;
				original_name: string;
				mime: string;
				size: number;
			}[]
		).map((f) => ({
			id: f.id,
			storedName: f.stored_name,
			originalName: f.original_name,
			mime: f.mime,
			size: f.size
		}))
	}));
	const c = db
		.prepare('select * from implementation_completions where implementation_id = ?')
		.get(r.id) as { completed_on: string; summary: string; created_at: string } | undefined;
	const d = db
		.prepare(
			`select d.*, p.name as supervisor_name, n.seq from implementation_disclosures d
			 join people p on p.id = d.supervisor_person_id join notices n on n.id = d.notice_id
			 where d.implementation_id = ?`
		)
		.get(r.id) as
		| {
				supervisor_person_id: number;
				supervisor_name: string;
				opinion: string;
				notice_id: number;
				seq: number;
				created_at: string;
		  }
		| undefined;
	return {
		id: r.id,
		topicId: r.topic_id,
		resolutionId: r.resolution_id,
		responsiblePersonId: r.responsible_person_id,
		responsibleName: r.responsible_name,
		plan: r.plan,
		budget,
		budgetFen: budget.reduce((s, b) => s + b.amountFen, 0),
		progress,
		completion: c
			? { completedOn: c.completed_on, summary: c.summary, createdAt: c.created_at }
			: null,
		disclosure: d
			? {
					supervisorPersonId: d.supervisor_person_id,
					supervisorName: d.supervisor_name,
					opinion: d.opinion,
					noticeId: d.notice_id,
					noticeSeq: d.seq,
					createdAt: d.created_at
				}
			: null,
		createdAt: r.created_at
	};
}

/**
 * What may be implemented: a topic with a resolution, a consultation outcome the village chose to
 * implement directly, or a service case handled directly. Never an undecided 4+2 matter.
 */
export function decisionOf(
	db: Db,
	villageId: number,
	topicId: number
): { ok: true; resolutionId: number | null } | { ok: false } {
	const topic = findTopic(db, villageId, topicId);
	if (!topic) return { ok: false };
	const resolutions = resolutionsOfTopic(db, villageId, topicId);
	if (resolutions.length > 0) return { ok: true, resolutionId: resolutions.at(-1)!.id };
	if (topic.state === 'direct' || topic.state === 'completed')
		return { ok: true, resolutionId: null };
	if (topic.state === 'consultation') {
		const c = db.prepare('select route from consultations where topic_id = ?').get(topicId) as
			{ route: string | null } | undefined;
		if (c?.route === 'implement') return { ok: true, resolutionId: null };
	}
	return { ok: false };
}

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
	if (!plan || plan.length > 5000) return { ok: false, reason: 'bad_plan' };
	const budget = input.budget.map((b) => ({ source: b.source.trim(), amountFen: b.amountFen }));
	if (
		budget.length === 0 ||
		budget.length > MAX_BUDGET_LINES ||
		budget.some(
			(b) =>
				!b.source ||
				b.source.length > 60 ||
				!Number.isSafeInteger(b.amountFen) ||
				b.amountFen <= 0 ||
				b.amountFen > MAX_FEN
		)
	)
		return { ok: false, reason: 'bad_budget' };
	return db
		.transaction((): StartResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			if (!findTopic(db, villageId, topicId)) return { ok: false, reason: 'not_found' };
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
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				at: now,
				action: 'implementation.start',
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
		})
		.immediate();
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
	if (note.length > 2000) return { ok: false, reason: 'bad_note' };
	if (photos.length > MAX_PROGRESS_PHOTOS || photos.some((p) => p.kind !== 'image'))
		return { ok: false, reason: 'too_many_photos' };
	return db
		.transaction((): ProgressResult => {
			const impl = implementationOf(db, villageId, topicId);
			if (!impl) return { ok: false, reason: 'not_found' };
			if (!mayReportProgress(db, actor, villageId, impl)) return { ok: false, reason: 'forbidden' };
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
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				at: now,
				action: 'implementation.progress',
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
		})
		.immediate();
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
	if (!summary || summary.length > 5000) return { ok: false, reason: 'bad_summary' };
	return db
		.transaction((): CompleteResult => {
			const impl = implementationOf(db, villageId, topicId);
			if (!impl) return { ok: false, reason: 'not_found' };
			if (!mayReportProgress(db, actor, villageId, impl)) return { ok: false, reason: 'forbidden' };
			if (impl.completion) return { ok: false, reason: 'completed' };
			const last = impl.progress.at(-1);
			if (last && input.completedOn < last.onDate) return { ok: false, reason: 'date_back' };
			db.prepare(
				`insert into implementation_completions (implementation_id, completed_on, summary, recorded_by, created_at)
				 values (?, ?, ?, ?, ?)`
			).run(impl.id, input.completedOn, summary, actor.userId, now.toISOString());
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				at: now,
				action: 'implementation.complete',
				subjectType: 'implementation',
				subjectId: impl.id,
				after: { completedOn: input.completedOn, summary }
			});
			return { ok: true };
		})
		.immediate();
}

export type DiscloseResult =
	| { ok: true; noticeSeq: number }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'not_completed'
				| 'already_disclosed'
				| 'bad_opinion'
				| 'resolution_not_published';
	  };

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The text of the result notice: plan, money by source, completion and the supervisors' opinion. */
function resultNoticeBody(impl: Implementation, opinion: string, supervisor: string): string {
	const spent = impl.progress.at(-1)?.spentFen ?? 0;
	return [
		m.impl_notice_responsible({ name: impl.responsibleName }, ZH),
		m.impl_notice_plan({ plan: impl.plan }, ZH),
		m.impl_notice_budget({ total: yuan(impl.budgetFen) }, ZH),
		...impl.budget.map((b) => `  · ${b.source}：${yuan(b.amountFen)}`),
		m.impl_notice_spent({ spent: yuan(spent) }, ZH),
		m.impl_notice_completed(
			{ date: impl.completion!.completedOn, summary: impl.completion!.summary },
			ZH
		),
		m.impl_notice_opinion({ name: supervisor, opinion }, ZH)
	].join('\n');
}

/**
 * 实施结果公开: a member of the supervision committee gives the committee's opinion on a completed
 * implementation; the result notice is posted (open to objections) and, for a 4+2 matter, step 6
 * is done — which the rules allow only after the resolution was published (step 5).
 */
export function discloseResult(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	input: { opinion: string },
	options: { now?: Date } = {}
): DiscloseResult {
	const now = options.now ?? new Date();
	const opinion = input.opinion.trim();
	if (!opinion || opinion.length > 2000) return { ok: false, reason: 'bad_opinion' };
	return db
		.transaction((): DiscloseResult => {
			const impl = implementationOf(db, villageId, topicId);
			const topic = findTopic(db, villageId, topicId);
			if (!impl || !topic) return { ok: false, reason: 'not_found' };
			const user = db
				.prepare('select village_id from users where id = ? and disabled_at is null')
				.get(actor.userId) as { village_id: number | null } | undefined;
			if (
				user?.village_id !== villageId ||
				!isSupervisorOn(db, villageId, actor.personId, todayInChina(now))
			)
				return { ok: false, reason: 'forbidden' };
			if (!impl.completion) return { ok: false, reason: 'not_completed' };
			if (impl.disclosure) return { ok: false, reason: 'already_disclosed' };
			const matter = matterOf(db, villageId, topicId);
			const step = matter ? stepByPublication(matter.position, 'result_disclosed') : null;
			if (step && !step.ok) return { ok: false, reason: 'resolution_not_published' };
			const supervisor = (
				db.prepare('select name from people where id = ?').get(actor.personId) as { name: string }
			).name;
			const posted = postNotice(
				db,
				actor.userId,
				villageId,
				{
					kind: 'implementation_result',
					title: m.impl_notice_title({ title: topic.title }, ZH),
					summary: m.impl_notice_summary({ date: impl.completion.completedOn }, ZH),
					body: resultNoticeBody(impl, opinion, supervisor),
					topicId,
					resolutionId: impl.resolutionId,
					takesObjections: true
				},
				{ now }
			);
			if (!posted.ok) throw new Error(`result notice refused: ${posted.reason}`);
			db.prepare(
				`insert into implementation_disclosures (implementation_id, supervisor_person_id, opinion, notice_id, recorded_by, created_at)
				 values (?, ?, ?, ?, ?, ?)`
			).run(impl.id, actor.personId, opinion, posted.notice.id, actor.userId, now.toISOString());
			appendAudit(db, {
				villageId,
				actorId: actor.userId,
				at: now,
				action: 'implementation.disclose',
				subjectType: 'implementation',
				subjectId: impl.id,
				after: { supervisorPersonId: actor.personId, opinion, noticeId: posted.notice.id }
			});
			if (matter && step?.ok)
				appendProcedureEvent(
					db,
					actor,
					villageId,
					topicId,
					step.event,
					{ before: matter.position },
					now
				);
			return { ok: true, noticeSeq: posted.notice.seq };
		})
		.immediate();
}

export type ArchiveResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not_found' | 'not_complete' };

/** Every reason an implementation command can refuse with; implementation/messages.ts words each. */
export type ImplementationRefusal = Refusal<
	StartResult | ProgressResult | CompleteResult | DiscloseResult | ArchiveResult
>;

/** Archives a 4+2 matter once all six steps are done (the result disclosed). */
export function archiveMatter(
	db: Db,
	actor: Actor,
	villageId: number,
	topicId: number,
	options: { now?: Date } = {}
): ArchiveResult {
	const now = options.now ?? new Date();
	return db
		.transaction((): ArchiveResult => {
			if (!isStaffOf(db, actor, villageId)) return { ok: false, reason: 'forbidden' };
			const matter = matterOf(db, villageId, topicId);
			if (!matter) return { ok: false, reason: 'not_found' };
			const r = archive(matter.position);
			if (!r.ok) return r;
			appendProcedureEvent(
				db,
				actor,
				villageId,
				topicId,
				r.event,
				{ before: matter.position },
				now
			);
			return { ok: true };
		})
		.immediate();
}

/** A progress photo of this topic's implementation, in this village; null for any other id. */
export function findProgressPhoto(
	db: Db,
	villageId: number,
	topicId: number,
	photoId: number
): { storedName: string; originalName: string; mime: string } | null {
	const row = db
		.prepare(
			`select f.stored_name as storedName, f.original_name as originalName, f.mime
			 from implementation_photos f
			 join implementation_progress p on p.id = f.progress_id
			 join implementations i on i.id = p.implementation_id
			 where f.id = ? and i.topic_id = ? and i.village_id = ?`
		)
		.get(photoId, topicId, villageId) as
		{ storedName: string; originalName: string; mime: string } | undefined;
	return row ?? null;
}
