// Service cases (一厅多办) in figures: 受理率, 办结率, 满意率 and the days a case takes, overall,
// by category and by month. Counted over the cases filed in the period (docs/domain.md §10.3).
import type { Db } from '../db';
import {
	bind,
	daysOf,
	inGrid,
	monthsBetween,
	permille,
	type Days,
	type FigureFilter
} from './period';

export interface ServiceCounts {
	/** Filed in the period, less those withdrawn before anyone was dispatched. */
	filed: number;
	/** 受理: dispatched at least once, or ended as referred (转乡镇) or became a topic (转议题). */
	accepted: number;
	/** 办结: completed, rated (closed) or rated 不满意 and owed a follow-up visit. */
	completed: number;
	rated: number;
	satisfied: number;
	basicallySatisfied: number;
	unsatisfied: number;
	acceptancePermille: number | null;
	completionPermille: number | null;
	satisfactionPermille: number | null;
}

export interface ServiceFigures extends ServiceCounts {
	/** Calendar days from filing to 办结, over completed cases. */
	daysToCompletion: Days;
	byCategory: ({ category: string; daysToCompletion: Days } & ServiceCounts)[];
	byMonth: ({ month: string } & ServiceCounts)[];
}

interface Row {
	category: string;
	month: string;
	accepted: 0 | 1;
	completed: 0 | 1;
	rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
	days: number | null;
}

// One row per counted case; the grouping happens in code so that every breakdown counts the
// same cases by the same rule.
const ROWS = `select c.category, substr(c.filed_on, 1, 7) as month,
	  (c.state in ('referred', 'became_topic')
	    or exists (select 1 from service_case_steps s where s.case_id = c.id and s.kind = 'dispatched')) as accepted,
	  (c.state in ('completed', 'closed', 'follow_up')) as completed,
	  c.rating,
	  case when c.state in ('completed', 'closed', 'follow_up') and c.completed_at is not null
	    then julianday(c.completed_at) - julianday(c.created_at) end as days
	from service_cases c join people p on p.id = c.person_id
	where c.village_id = @village and c.filed_on between @from and @to and ${inGrid('p.household_id')}
	  and not (c.state = 'withdrawn'
	    and not exists (select 1 from service_case_steps s where s.case_id = c.id and s.kind = 'dispatched'))`;

function countsOf(rows: readonly Row[]): ServiceCounts {
	let accepted = 0,
		completed = 0,
		satisfied = 0,
		basicallySatisfied = 0,
		unsatisfied = 0;
	for (const r of rows) {
		accepted += r.accepted;
		completed += r.completed;
		if (r.rating === 'satisfied') satisfied++;
		else if (r.rating === 'basically_satisfied') basicallySatisfied++;
		else if (r.rating === 'unsatisfied') unsatisfied++;
	}
	const rated = satisfied + basicallySatisfied + unsatisfied;
	return {
		filed: rows.length,
		accepted,
		completed,
		rated,
		satisfied,
		basicallySatisfied,
		unsatisfied,
		acceptancePermille: permille(accepted, rows.length),
		completionPermille: permille(completed, accepted),
		satisfactionPermille: permille(satisfied + basicallySatisfied, rated)
	};
}

const daysOfRows = (rows: readonly Row[]) =>
	daysOf(rows.flatMap((r) => (r.days === null ? [] : [r.days])));

function groupBy(rows: readonly Row[], key: (r: Row) => string, keys: readonly string[] = []) {
	const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
	for (const r of rows) {
		const k = key(r);
		const g = groups.get(k);
		if (g) g.push(r);
		else groups.set(k, [r]);
	}
	return groups;
}

function rowsOf(db: Db, f: FigureFilter): Row[] {
	return db.prepare(ROWS).all(bind(f)) as Row[];
}

export function serviceFigures(db: Db, f: FigureFilter): ServiceFigures {
	const rows = rowsOf(db, f);
	const byCategory = [...groupBy(rows, (r) => r.category)]
		.map(([category, g]) => ({ category, ...countsOf(g), daysToCompletion: daysOfRows(g) }))
		.sort((a, b) => b.filed - a.filed || a.category.localeCompare(b.category));
	const byMonth = [...groupBy(rows, (r) => r.month, monthsBetween(f.from, f.to))].map(
		([month, g]) => ({ month, ...countsOf(g) })
	);
	return { ...countsOf(rows), daysToCompletion: daysOfRows(rows), byCategory, byMonth };
}

/** The monthly breakdown alone (the public page's), over whole months. */
export function serviceMonths(db: Db, f: FigureFilter): ({ month: string } & ServiceCounts)[] {
	return [...groupBy(rowsOf(db, f), (r) => r.month, monthsBetween(f.from, f.to))].map(
		([month, g]) => ({ month, ...countsOf(g) })
	);
}
