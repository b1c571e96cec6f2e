// What the township's overview pages and downloads read, in one call each: the township, the day,
// the period the rates count, and the rows in the order asked.
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { presetPeriod } from '../figures/period';
import {
	findTownship,
	villagesOfTownship,
	type Township,
	type TownshipVillage
} from '../villages/townships';
import { townshipVillageView, type TownshipVillageView } from './village-view';
import {
	parseSort,
	townshipOverview,
	type OverviewRow,
	type Period,
	type SortOrder
} from './overview';

export interface OverviewPage {
	township: Township;
	today: string;
	period: Period;
	order: SortOrder;
	rows: OverviewRow[];
}

/** The overview of the township on today's date; rates over this year so far, as the figures pages. */
export function overviewPage(db: Db, townshipId: number, params: URLSearchParams): OverviewPage {
	const today = todayInChina();
	const period = presetPeriod('year', today);
	const order = parseSort(params);
	const villages = villagesOfTownship(db, townshipId);
	return {
		township: findTownship(db, townshipId)!,
		today,
		period,
		order,
		rows: townshipOverview(db, villages, today, period, order)
	};
}

/** One village as the township sees it, on today's date, rates over this year so far. */
export function villageViewPage(
	db: Db,
	village: TownshipVillage
): TownshipVillageView & { today: string; period: Period } {
	const today = todayInChina();
	const period = presetPeriod('year', today);
	return { ...townshipVillageView(db, village, today, period), today, period };
}
