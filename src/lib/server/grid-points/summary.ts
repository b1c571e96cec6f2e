// The grid point's week (Monday to Sunday, China dates): what was raised at one grid and what
// became of it, for the grid head's page and the printed summary the committee files.
import type { Db } from '../db';
import { addDays, isValidDate } from '../calendar/dates';
import { ITEM_SELECT, OUTCOMES, type GridPointItem, type Outcome } from './records';

/** The Monday of the week holding `date` (a China calendar date). */
export function mondayOf(date: string): string {
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	return addDays(date, -((weekday + 6) % 7));
}

export interface WeekSummary {
	from: string;
	to: string;
	items: GridPointItem[];
	counts: Record<Outcome, number> & { total: number };
}

/** The items of a grid raised in the week holding `date`, oldest first, counted by outcome. */
export function weekSummary(db: Db, villageId: number, gridId: number, date: string): WeekSummary {
	if (!isValidDate(date)) throw new Error(`not a date: ${date}`);
	const from = mondayOf(date);
	const to = addDays(from, 6);
	const items = db
		.prepare(
			`${ITEM_SELECT} where i.village_id = ? and i.grid_id = ? and i.raised_on between ? and ?
			 order by i.raised_on, i.id`
		)
		.all(villageId, gridId, from, to) as GridPointItem[];
	const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as WeekSummary['counts'];
	for (const item of items) counts[item.outcome]++;
	counts.total = items.length;
	return { from, to, items, counts };
}

/** A grid's items still open, oldest first: what the grid head has yet to resolve. */
export function openItems(db: Db, villageId: number, gridId: number): GridPointItem[] {
	return db
		.prepare(
			`${ITEM_SELECT} where i.village_id = ? and i.grid_id = ? and i.outcome = 'open'
			 order by i.raised_on, i.id`
		)
		.all(villageId, gridId) as GridPointItem[];
}
