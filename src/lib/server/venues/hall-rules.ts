// The village's 红白理事会 rules for private uses of its venues (简办婚事, 丧事简办): whether the
// hall takes them at all, the most tables and guests, the longest use, and a short text shown on
// the booking form. Kept in the village's settings; a booking over a limit is refused, named.
import { command } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOf } from '../permissions/village';
import { mergeSettings, storedSettings } from '../villages/settings';

export interface HallRules {
	privateUses: boolean;
	/** 桌数: null when the village sets no limit. */
	maxTables: number | null;
	maxGuests: number | null;
	/** The longest a private use may hold a venue, in hours. */
	maxHours: number | null;
	text: string;
}

export const HALL_RULES_TEXT_MAX = 500;
export const HALL_TABLES_MAX = 200;
export const HALL_GUESTS_MAX = 5000;
export const HALL_HOURS_MAX = 24;

/** A village that has set nothing: private uses allowed, limited only by the venue's capacity. */
export const DEFAULT_HALL_RULES: HallRules = {
	privateUses: true,
	maxTables: null,
	maxGuests: null,
	maxHours: null,
	text: ''
};

export function getHallRules(db: Db, villageId: number): HallRules {
	const stored = (storedSettings(db, villageId) as { hallRules?: Partial<HallRules> }).hallRules;
	return { ...DEFAULT_HALL_RULES, ...stored };
}

export type HallRulesResult =
	| { ok: true; rules: HallRules }
	| { ok: false; reason: 'forbidden' | 'bad_tables' | 'bad_guests' | 'bad_hours' | 'bad_text' };

const limitOk = (n: number | null, max: number) =>
	n === null || (Number.isSafeInteger(n) && n >= 1 && n <= max);

export function updateHallRules(
	db: Db,
	actor: Actor,
	villageId: number,
	input: HallRules,
	options: { now?: Date } = {}
): HallRulesResult {
	if (!limitOk(input.maxTables, HALL_TABLES_MAX)) return { ok: false, reason: 'bad_tables' };
	if (!limitOk(input.maxGuests, HALL_GUESTS_MAX)) return { ok: false, reason: 'bad_guests' };
	if (!limitOk(input.maxHours, HALL_HOURS_MAX)) return { ok: false, reason: 'bad_hours' };
	const text = input.text.trim();
	if ([...text].length > HALL_RULES_TEXT_MAX) return { ok: false, reason: 'bad_text' };
	const next: HallRules = { ...input, privateUses: !!input.privateUses, text };
	return command(db, {
		actor,
		villageId,
		now: options.now,
		may: () => isStaffOf(db, actor, villageId),
		run: (_, ctx): HallRulesResult => {
			const before = getHallRules(db, villageId);
			mergeSettings(db, villageId, { hallRules: next });
			ctx.audit({
				action: 'village.hall_rules_changed',
				subjectType: 'village',
				subjectId: villageId,
				before,
				after: next
			});
			return { ok: true, rules: next };
		}
	}) as HallRulesResult;
}

/** What a private use asks for, as the booking form takes it. */
export interface PrivateUse {
	tables?: number | null;
	guests?: number | null;
	hours: number;
}

export type HallRuleBreach =
	{ rule: 'no_private_uses' } | { rule: 'max_tables' | 'max_guests' | 'max_hours'; limit: number };

/** The first of the village's rules a private use breaks, or null. */
export function hallRuleBreach(rules: HallRules, use: PrivateUse): HallRuleBreach | null {
	if (!rules.privateUses) return { rule: 'no_private_uses' };
	if (rules.maxTables !== null && (use.tables ?? 0) > rules.maxTables)
		return { rule: 'max_tables', limit: rules.maxTables };
	if (rules.maxGuests !== null && (use.guests ?? 0) > rules.maxGuests)
		return { rule: 'max_guests', limit: rules.maxGuests };
	if (rules.maxHours !== null && use.hours > rules.maxHours)
		return { rule: 'max_hours', limit: rules.maxHours };
	return null;
}
