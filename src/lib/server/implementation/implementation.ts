// Implementation of a decided matter (实施, docs/domain.md §8.4), as records: what an
// implementation holds (responsible person, plan, budget by funding source, progress, completion,
// disclosure) and what may be implemented. The commands are in progress.ts and disclosure.ts.
import type { Db } from '../db';
import { matterOf } from '../procedure/matters';
import { motionOfStep } from '../procedure/publication';
import { resolutionOfMotion, resolutionsOfTopic } from '../procedure/resolutions';
import { findTopic } from '../topics/records';

export const MAX_PROGRESS_PHOTOS = 6;
export const MAX_BUDGET_LINES = 10;
// What the villagers read on the board: the plan and the completion summary are documents, a
// progress note and the supervisors' opinion are paragraphs, a funding source is a name.
export const PLAN_MAX = 5000;
export const SUMMARY_MAX = 5000;
export const NOTE_MAX = 2000;
export const OPINION_MAX = 2000;
export const BUDGET_SOURCE_MAX = 60;
/** 10 亿元 in fen: far above any village project, low enough to stay an exact integer. */
export const MAX_FEN = 100_000_000_000;

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
 * implement directly, or a service case handled directly. A 4+2 matter only once its resolution is
 * published (step 5), and only from the resolution that recorded its step 4.
 */
export function decisionOf(
	db: Db,
	villageId: number,
	topicId: number
): { ok: true; resolutionId: number | null } | { ok: false } {
	const topic = findTopic(db, villageId, topicId);
	if (!topic) return { ok: false };
	const matter = matterOf(db, villageId, topicId);
	if (matter) {
		const motionId = motionOfStep(matter.events, 4);
		const resolution = motionId === null ? null : resolutionOfMotion(db, villageId, motionId);
		return matter.position.done.includes(5) && resolution
			? { ok: true, resolutionId: resolution.id }
			: { ok: false };
	}
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
