// How often a contact visits their households (新阳村: 每周走访, every 7 days), a village setting,
// and the one rule of when a household is overdue for a visit.
import { command } from '../command';
import type { Db } from '../db';
import { addDays } from '../calendar/dates';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { mergeSettings, storedSettings } from '../villages/settings';

export const DEFAULT_VISIT_CADENCE_DAYS = 7;
export const VISIT_CADENCE_MIN = 1;
// A quarter: beyond it a household is not looked after in any sense the 联系户 system means.
export const VISIT_CADENCE_MAX = 90;

export function visitCadenceDays(db: Db, villageId: number): number {
	const stored = (storedSettings(db, villageId) as { visitCadenceDays?: number }).visitCadenceDays;
	return stored ?? DEFAULT_VISIT_CADENCE_DAYS;
}

export interface VisitDue {
	/** The day the next visit is due: the last visit, or the assignment's start, plus the cadence. */
	dueOn: string;
	/** More than cadence days have passed since that day. */
	overdue: boolean;
}

export function visitDue(
	since: { lastVisit: string | null; startDate: string },
	cadenceDays: number,
	today: string
): VisitDue {
	const dueOn = addDays(since.lastVisit ?? since.startDate, cadenceDays);
	return { dueOn, overdue: today > dueOn };
}

export type CadenceResult = { ok: true } | { ok: false; reason: 'forbidden' | 'cadence_days' };

export function updateVisitCadence(
	db: Db,
	actor: Actor,
	villageId: number,
	days: number,
	options: { now?: Date } = {}
): CadenceResult {
	if (!Number.isInteger(days) || days < VISIT_CADENCE_MIN || days > VISIT_CADENCE_MAX)
		return { ok: false, reason: 'cadence_days' };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx) => {
			const before = visitCadenceDays(db, villageId);
			mergeSettings(db, villageId, { visitCadenceDays: days });
			ctx.audit({
				action: 'village.visit_cadence_changed',
				subjectType: 'village',
				subjectId: villageId,
				before: { visitCadenceDays: before },
				after: { visitCadenceDays: days }
			});
			return { ok: true as const };
		}
	}) as CadenceResult;
}
