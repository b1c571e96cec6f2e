// Keeping the grid point's log: recording what a villager raised at the grid head's home, and
// resolving each open item once, as a service request, a topic or a note, in one transaction with
// the request or topic it becomes (the nested command joins as a savepoint).
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isValidDate, todayInChina } from '../calendar/dates';
import { fileServiceRequest, type FileRequestResult } from '../services/filing';
import { createTopic, type CreateTopicResult } from '../topics/filing';
import type { Category } from '../topics/rules';
import {
	ITEM_NOTE_MAX,
	ITEM_TEXT_MAX,
	findGrid,
	findItem,
	isOfGrid,
	mayKeepGridPoint,
	type GridPointItem
} from './records';

export interface RecordItemInput {
	gridId: number;
	raisedOn: string;
	/** The villager who raised it, or null for someone not on the roster. */
	personId: number | null;
	text: string;
}

export type RecordItemResult =
	| { ok: true; item: GridPointItem }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'text_required'
				| 'text_too_long'
				| 'bad_date'
				| 'date_in_future'
				| 'not_of_grid';
	  };

const chars = (s: string) => [...s].length;

/** Records an item raised at a grid point, by the grid's head on the day or by staff. */
export function recordGridPointItem(
	db: Db,
	actor: Actor,
	villageId: number,
	input: RecordItemInput,
	options: { now?: Date } = {}
): RecordItemResult {
	const text = input.text.trim();
	if (text === '') return { ok: false, reason: 'text_required' };
	if (chars(text) > ITEM_TEXT_MAX) return { ok: false, reason: 'text_too_long' };
	if (!isValidDate(input.raisedOn)) return { ok: false, reason: 'bad_date' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => findGrid(db, villageId, input.gridId),
		allowed: (grid, ctx) => mayKeepGridPoint(db, villageId, actor, grid.id, todayInChina(ctx.now)),
		run: (grid, ctx): RecordItemResult => {
			if (input.raisedOn > todayInChina(ctx.now)) return { ok: false, reason: 'date_in_future' };
			if (input.personId !== null && !isOfGrid(db, villageId, input.personId, grid.id))
				return { ok: false, reason: 'not_of_grid' };
			const { lastInsertRowid } = db
				.prepare(
					`insert into grid_point_items (village_id, grid_id, raised_on, person_id, text,
					   recorded_by_user_id, recorded_at)
					 values (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					villageId,
					grid.id,
					input.raisedOn,
					input.personId,
					text,
					actor.userId,
					ctx.now.toISOString()
				);
			const item = findItem(db, villageId, Number(lastInsertRowid))!;
			ctx.audit({
				action: 'grid_point.item_recorded',
				subjectType: 'grid_point_item',
				subjectId: item.id,
				after: { gridId: item.gridId, raisedOn: item.raisedOn, personId: item.personId, text }
			});
			return { ok: true, item };
		}
	}) as RecordItemResult;
}

/**
 * What an open item becomes. A request or topic is filed for the villager who raised it, read back
 * to them at the grid point: at the time the item was recorded unless another time is given.
 */
export type Resolution =
	| { kind: 'service_case'; category: string; title?: string; urgent: boolean; consentAt?: string }
	| { kind: 'topic'; category: Category; title?: string; consentAt?: string }
	| { kind: 'note'; note: string };

type FilingRefusal =
	| Extract<FileRequestResult, { ok: false }>['reason']
	| Extract<CreateTopicResult, { ok: false }>['reason'];

export type ResolveItemResult =
	| { ok: true; item: GridPointItem }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'not_found'
				| 'wrong_state'
				| 'needs_villager'
				| 'note_required'
				| 'note_too_long'
				| FilingRefusal;
	  };

// A title for the request or topic when none is given: the item's first line, as long as allowed.
const TITLE_MAX = 80;
const titleFrom = (text: string) => [...text.split('\n')[0].trim()].slice(0, TITLE_MAX).join('');

/** Resolves an open item once; a resolved item stays as it is (wrong_state). */
export function resolveGridPointItem(
	db: Db,
	actor: Actor,
	villageId: number,
	itemId: number,
	resolution: Resolution,
	options: { now?: Date } = {}
): ResolveItemResult {
	const note = resolution.kind === 'note' ? resolution.note.trim() : null;
	if (note === '') return { ok: false, reason: 'note_required' };
	if (note !== null && chars(note) > ITEM_NOTE_MAX) return { ok: false, reason: 'note_too_long' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		load: () => findItem(db, villageId, itemId),
		allowed: (item, ctx) =>
			mayKeepGridPoint(db, villageId, actor, item.gridId, todayInChina(ctx.now)),
		run: (item, ctx): ResolveItemResult => {
			if (item.outcome !== 'open') return { ok: false, reason: 'wrong_state' };
			let serviceCaseId: number | null = null;
			let topicId: number | null = null;
			if (resolution.kind !== 'note') {
				if (item.personId === null) return { ok: false, reason: 'needs_villager' };
				const title = resolution.title?.trim() || titleFrom(item.text);
				const onBehalf = {
					personId: item.personId,
					channel: 'grid_point' as const,
					consentKind: 'read_back' as const,
					consentAt: resolution.consentAt ?? item.recordedAt
				};
				if (resolution.kind === 'service_case') {
					const r = fileServiceRequest(
						db,
						actor,
						villageId,
						{
							category: resolution.category,
							title,
							description: item.text,
							urgent: resolution.urgent
						},
						{ onBehalf, now: ctx.now }
					);
					if (!r.ok) return r;
					serviceCaseId = r.serviceCase.id;
				} else {
					const r = createTopic(
						db,
						actor,
						villageId,
						{
							title,
							description: item.text,
							category: resolution.category,
							place: '',
							affected: '',
							estimatedCostFen: null,
							funding: ''
						},
						{ submit: true, onBehalf, now: ctx.now }
					);
					if (!r.ok) return r;
					topicId = r.topic.id;
				}
			}
			db.prepare(
				`update grid_point_items set outcome = ?, service_case_id = ?, topic_id = ?, note = ?,
				   resolved_at = ?, resolved_by_user_id = ?
				 where id = ? and outcome = 'open'`
			).run(
				resolution.kind,
				serviceCaseId,
				topicId,
				note,
				ctx.now.toISOString(),
				actor.userId,
				item.id
			);
			const after = findItem(db, villageId, item.id)!;
			ctx.audit({
				action: 'grid_point.item_resolved',
				subjectType: 'grid_point_item',
				subjectId: item.id,
				before: { outcome: item.outcome },
				after: { outcome: after.outcome, serviceCaseId, topicId, note }
			});
			return { ok: true, item: after };
		}
	}) as ResolveItemResult;
}
