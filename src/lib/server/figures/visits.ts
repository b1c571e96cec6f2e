// Household visits (党员联系户) in figures: how many households have a party member looking after
// them, how many were visited in the period, and how many are visited within the village's cadence.
import type { Db } from '../db';
import { storedSettings } from '../villages/settings';
import { addDays } from '../calendar/dates';
import { bind, inGrid, permille, type FigureFilter } from './period';

/** 新阳村 visits weekly (the source article); a village may set its own cadence in settings. */
export const DEFAULT_CADENCE_DAYS = 7;

export interface VisitCoverage {
	cadenceDays: number;
	/** Households with at least one resident on the period's last day. */
	households: number;
	/** Of them, with a contact party member assigned on the period's last day. */
	withContact: number;
	/** Of them, visited at least once in the period. */
	visitedInPeriod: number;
	/** Of them, whose last visit up to the period's end lies within the cadence (not overdue then). */
	withinCadence: number;
	contactPermille: number | null;
	visitedPermille: number | null;
	withinCadencePermille: number | null;
}

/** The cadence in days: the village's `visitCadenceDays` setting, or weekly. */
export function visitCadenceDays(db: Db, villageId: number): number {
	const v = (storedSettings(db, villageId) as { visitCadenceDays?: unknown }).visitCadenceDays;
	return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_CADENCE_DAYS;
}

export function visitCoverage(db: Db, f: FigureFilter): VisitCoverage {
	const cadenceDays = visitCadenceDays(db, f.villageId);
	const r = db
		.prepare(
			`select count(*) as households,
			   coalesce(sum(exists (select 1 from household_contacts c where c.household_id = h.id
			     and c.start_date <= @to and (c.end_date is null or c.end_date >= @to))), 0) as withContact,
			   coalesce(sum(exists (select 1 from household_visits v where v.household_id = h.id
			     and v.visited_on between @from and @to)), 0) as visitedInPeriod,
			   coalesce(sum(exists (select 1 from household_visits v where v.household_id = h.id
			     and v.visited_on > @cadenceStart and v.visited_on <= @to)), 0) as withinCadence
			 from households h
			 where h.village_id = @village and ${inGrid('h.id')}
			   and exists (select 1 from people p where p.household_id = h.id
			     and (p.status = 'resident' or p.status_date > @to))`
		)
		.get({ ...bind(f), cadenceStart: addDays(f.to, -cadenceDays) }) as Omit<
		VisitCoverage,
		'cadenceDays' | `${string}Permille`
	>;
	return {
		cadenceDays,
		...r,
		contactPermille: permille(r.withContact, r.households),
		visitedPermille: permille(r.visitedInPeriod, r.households),
		withinCadencePermille: permille(r.withinCadence, r.households)
	};
}
