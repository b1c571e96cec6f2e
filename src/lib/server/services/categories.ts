// The village's service categories (服务事项), each with its time limit in working days. A village
// keeps the built-in list unless it sets its own in settings; a case keeps the limit it was filed under.
import type { Db } from '../db';
import { storedSettings } from '../villages/settings';

/** Built-in categories, named in the message catalogue (service_category_<key>). */
export const BUILT_IN_CATEGORIES = [
	'certificate', // 证明开具
	'household_registration', // 户籍
	'social_insurance', // 社保医保
	'assistance', // 救助帮扶
	'farming', // 农业生产
	'dispute', // 矛盾纠纷
	'repair', // 设施报修
	'other' // 其他
] as const;
export type BuiltInCategory = (typeof BUILT_IN_CATEGORIES)[number];

export interface ServiceCategory {
	key: string;
	/** The village's own name for a category it added; null for a built-in one (named by key). */
	name: string | null;
	/** Working days from filing to completion. */
	limitDays: number;
	/** A retired category takes no new cases; old cases keep it. */
	active: boolean;
}

export const LIMIT_DAYS_MIN = 1;
export const LIMIT_DAYS_MAX = 60;
export const CATEGORY_NAME_MAX = 16;

// Limits a village starts with, in working days: a certificate is issued within a day or two;
// a dispute or a repair may need a site visit and a second party.
const DEFAULT_LIMITS: Record<BuiltInCategory, number> = {
	certificate: 2,
	household_registration: 5,
	social_insurance: 5,
	assistance: 5,
	farming: 7,
	dispute: 10,
	repair: 7,
	other: 7
};

export const DEFAULT_CATEGORIES: readonly ServiceCategory[] = BUILT_IN_CATEGORIES.map((key) => ({
	key,
	name: null,
	limitDays: DEFAULT_LIMITS[key],
	active: true
}));

export const isBuiltIn = (key: string): key is BuiltInCategory =>
	(BUILT_IN_CATEGORIES as readonly string[]).includes(key);

/** The village's categories: its own list from settings, or the built-in one. */
export function serviceCategories(db: Db, villageId: number): ServiceCategory[] {
	const stored = (storedSettings(db, villageId) as { serviceCategories?: ServiceCategory[] })
		.serviceCategories;
	return stored?.length ? stored : DEFAULT_CATEGORIES.map((c) => ({ ...c }));
}

export function findCategory(db: Db, villageId: number, key: string): ServiceCategory | undefined {
	return serviceCategories(db, villageId).find((c) => c.key === key);
}
