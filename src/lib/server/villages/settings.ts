// A village's own settings: the triage deadline, its public holidays (deadlines that end on one
// move to the next working day), whether the branch secretary also chairs the committee, and the
// stricter meeting rules it chose over the law.
import { command } from '../command';
import type { Db } from '../db';
import { isValidDate, todayInChina } from '../calendar/dates';
import { applyOptions, type RuleSet, type VillageRuleOptions } from '../votes/rules';
import { ruleSetOn } from '../votes/rule-sets';
import { actorOfLogin } from '../permissions/login-actor';
import { isStaffOrSystem } from '../permissions/village';
import { POSTING_FLOORS, postingFloorOn } from '../notices/posting';

export interface VillageSettings {
	triageDays: number;
	holidays: string[];
	oneShoulder: boolean;
	/**
	 * Days a notice stays posted on the board (docs/domain.md §8.2); never below the floor of the
	 * posting day (notices/posting.ts), which postNotice applies whatever is stored here.
	 */
	noticeDays: number;
}

export const DEFAULT_TRIAGE_DAYS = 7;
// The floor of the 2026 Organic Law (art. 35): a village that sets nothing posts for the law's minimum.
export const DEFAULT_NOTICE_DAYS = postingFloorOn('2026-01-01').days;

export function getVillageSettings(db: Db, villageId: number): VillageSettings {
	const row = db
		.prepare('select settings, one_shoulder from villages where id = ?')
		.get(villageId) as {
		settings: string;
		one_shoulder: number;
	};
	const s = JSON.parse(row.settings) as Partial<VillageSettings>;
	return {
		triageDays: s.triageDays ?? DEFAULT_TRIAGE_DAYS,
		holidays: s.holidays ?? [],
		oneShoulder: row.one_shoulder === 1,
		noticeDays: s.noticeDays ?? DEFAULT_NOTICE_DAYS
	};
}

// The bounds a village's own periods must keep (days), and how many holidays it may list.
export const TRIAGE_DAYS_MIN = 1;
export const TRIAGE_DAYS_MAX = 30;
// What the form takes as a number of days at all: the lowest floor of any date. The floor of the
// day the setting is saved is the domain's to refuse, with the law named.
export const NOTICE_DAYS_MIN = Math.min(...POSTING_FLOORS.map((f) => f.days));
export const NOTICE_DAYS_MAX = 60;
export const REPS_NOTICE_DAYS_MAX = 30;
export const HOLIDAYS_MAX = 400;

export type SettingsResult =
	| { ok: true }
	| { ok: false; reason: 'forbidden' | 'triage_days' | 'holiday' | 'notice_days'; value?: string }
	| { ok: false; reason: 'notice_days_below_law'; days: number; source: string };

export function updateVillageSettings(
	db: Db,
	actorId: number,
	villageId: number,
	next: VillageSettings,
	options: { now?: Date } = {}
): SettingsResult {
	if (
		!Number.isInteger(next.triageDays) ||
		next.triageDays < TRIAGE_DAYS_MIN ||
		next.triageDays > TRIAGE_DAYS_MAX
	) {
		return { ok: false, reason: 'triage_days' };
	}
	if (
		!Number.isInteger(next.noticeDays) ||
		next.noticeDays < NOTICE_DAYS_MIN ||
		next.noticeDays > NOTICE_DAYS_MAX
	) {
		return { ok: false, reason: 'notice_days' };
	}
	const floor = postingFloorOn(todayInChina(options.now));
	if (next.noticeDays < floor.days)
		return { ok: false, reason: 'notice_days_below_law', days: floor.days, source: floor.source };
	const bad = next.holidays.find((d) => !isValidDate(d));
	if (bad !== undefined) return { ok: false, reason: 'holiday', value: bad };
	const holidays = [...new Set(next.holidays)].sort();
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		now: options.now,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx) => {
			const before = getVillageSettings(db, villageId);
			const settings = {
				...storedSettings(db, villageId),
				triageDays: next.triageDays,
				noticeDays: next.noticeDays,
				holidays
			};
			db.prepare('update villages set settings = ?, one_shoulder = ? where id = ?').run(
				JSON.stringify(settings),
				next.oneShoulder ? 1 : 0,
				villageId
			);
			ctx.audit({
				action: 'village.settings_changed',
				subjectType: 'village',
				subjectId: villageId,
				before,
				after: getVillageSettings(db, villageId)
			});
			return { ok: true as const };
		}
	}) as SettingsResult;
}

/** The stricter options the village chose over the law (docs/domain.md §6.4); none by default. */
export function getRuleOptions(db: Db, villageId: number): VillageRuleOptions {
	return (storedSettings(db, villageId) as { ruleOptions?: VillageRuleOptions }).ruleOptions ?? {};
}

/**
 * The rule set a meeting held on `date` in this village runs by: the law in force that day plus
 * the village's options.
 */
export function villageRules(db: Db, villageId: number, date: string): RuleSet {
	const law = ruleSetOn(date);
	const options = getRuleOptions(db, villageId);
	if (Object.keys(options).length === 0) return law;
	const applied = applyOptions(law, options);
	// Options are checked when saved; a stored set the law no longer allows falls back to the law.
	return applied.ok ? applied.rules : law;
}

export type RuleOptionsResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'looser_than_law' | 'not_integer' };

/** Saves stricter options; anything looser than the law is refused and nothing changes. */
export function updateRuleOptions(
	db: Db,
	actorId: number,
	villageId: number,
	options: VillageRuleOptions
): RuleOptionsResult {
	const next: VillageRuleOptions = {};
	if (options.partyAssemblyTwoThirds) next.partyAssemblyTwoThirds = true;
	if (options.repsPassOnTotal) next.repsPassOnTotal = true;
	if (options.recusedPresent) next.recusedPresent = true;
	if (options.repsNoticeDays !== undefined) {
		if (
			!Number.isSafeInteger(options.repsNoticeDays) ||
			options.repsNoticeDays > REPS_NOTICE_DAYS_MAX
		)
			return { ok: false, reason: 'not_integer' };
		next.repsNoticeDays = options.repsNoticeDays;
	}
	// Checked against every set still in force for a meeting yet to be held: today's law.
	const applied = applyOptions(ruleSetOn(todayInChina()), next);
	if (!applied.ok) return applied;
	return command(db, {
		actor: actorOfLogin(db, actorId),
		villageId,
		may: () => isStaffOrSystem(db, actorId, villageId),
		run: (_, ctx) => {
			const before = getRuleOptions(db, villageId);
			mergeSettings(db, villageId, { ruleOptions: next });
			ctx.audit({
				action: 'village.rule_options_changed',
				subjectType: 'village',
				subjectId: villageId,
				before,
				after: next
			});
			return { ok: true as const };
		}
	}) as RuleOptionsResult;
}

/** The village's settings object as stored; each reader picks its own part. */
export function storedSettings(db: Db, villageId: number): Record<string, unknown> {
	const row = db.prepare('select settings from villages where id = ?').get(villageId) as {
		settings: string;
	};
	return JSON.parse(row.settings) as Record<string, unknown>;
}

/** Replaces some parts of the stored settings, keeping the others; the caller's command audits it. */
export function mergeSettings(db: Db, villageId: number, patch: Record<string, unknown>): void {
	db.prepare('update villages set settings = ? where id = ?').run(
		JSON.stringify({ ...storedSettings(db, villageId), ...patch }),
		villageId
	);
}
