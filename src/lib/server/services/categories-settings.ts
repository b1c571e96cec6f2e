// Staff set the village's service categories: each limit in working days, the village's own
// categories by name, and which take new cases. Nothing is ever deleted: cases keep their category.
import { command } from '../command';
import type { Db } from '../db';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';
import { mergeSettings } from '../villages/settings';
import {
	CATEGORY_NAME_MAX,
	LIMIT_DAYS_MAX,
	LIMIT_DAYS_MIN,
	isBuiltIn,
	serviceCategories,
	type ServiceCategory
} from './categories';

/** More than this is no longer a list a villager can choose from on a phone. */
export const CATEGORIES_MAX = 30;

/** One row of the form: an existing category by key, or a new one (key null) by its name. */
export interface CategoryEdit {
	key: string | null;
	name: string;
	limitDays: number;
	active: boolean;
}

export type CategoriesResult =
	| { ok: true; categories: ServiceCategory[] }
	| {
			ok: false;
			reason:
				| 'forbidden'
				| 'unknown_category'
				| 'built_in_renamed'
				| 'name_required'
				| 'name_too_long'
				| 'duplicate_name'
				| 'limit_days'
				| 'none_active'
				| 'too_many';
			/** The row refused, by its key or name. */
			row?: string;
	  };

const chars = (s: string) => [...s].length;

/** The next key for a village's own category: own_1, own_2, … never reused. */
function nextOwnKey(list: readonly ServiceCategory[]): string {
	const used = list.map((c) => /^own_(\d+)$/.exec(c.key)?.[1]).filter(Boolean);
	return `own_${Math.max(0, ...used.map(Number)) + 1}`;
}

/**
 * Applies the edited rows to the current list: a row with a key updates that category, a row
 * without one adds a category; a category not sent is kept as it is.
 */
function applyEdits(
	current: readonly ServiceCategory[],
	edits: readonly CategoryEdit[]
): CategoriesResult {
	const next = current.map((c) => ({ ...c }));
	for (const e of edits) {
		const row = e.key ?? e.name;
		if (
			!Number.isInteger(e.limitDays) ||
			e.limitDays < LIMIT_DAYS_MIN ||
			e.limitDays > LIMIT_DAYS_MAX
		)
			return { ok: false, reason: 'limit_days', row };
		const name = e.name.trim();
		if (e.key !== null && isBuiltIn(e.key)) {
			if (name !== '') return { ok: false, reason: 'built_in_renamed', row };
		} else {
			if (name === '') return { ok: false, reason: 'name_required', row };
			if (chars(name) > CATEGORY_NAME_MAX) return { ok: false, reason: 'name_too_long', row };
		}
		if (e.key === null) {
			next.push({ key: nextOwnKey(next), name, limitDays: e.limitDays, active: e.active });
			continue;
		}
		const c = next.find((x) => x.key === e.key);
		if (!c) return { ok: false, reason: 'unknown_category', row };
		c.limitDays = e.limitDays;
		c.active = e.active;
		if (!isBuiltIn(c.key)) c.name = name;
	}
	const names = next.filter((c) => c.name !== null).map((c) => c.name!);
	const twice = names.find((n, i) => names.indexOf(n) !== i);
	if (twice !== undefined) return { ok: false, reason: 'duplicate_name', row: twice };
	if (next.length > CATEGORIES_MAX) return { ok: false, reason: 'too_many' };
	if (!next.some((c) => c.active)) return { ok: false, reason: 'none_active' };
	return { ok: true, categories: next };
}

/** Saves the village's categories; a refusal changes nothing. */
export function updateServiceCategories(
	db: Db,
	actorId: number,
	villageId: number,
	edits: readonly CategoryEdit[],
	options: { now?: Date } = {}
): CategoriesResult {
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		now: options.now,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx): CategoriesResult => {
			const before = serviceCategories(db, villageId);
			const r = applyEdits(before, edits);
			if (!r.ok) return r;
			mergeSettings(db, villageId, { serviceCategories: r.categories });
			ctx.audit({
				action: 'village.service_categories_changed',
				subjectType: 'village',
				subjectId: villageId,
				before,
				after: r.categories
			});
			return r;
		}
	}) as CategoriesResult;
}
