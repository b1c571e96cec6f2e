// Topics (议题) in figures: by category, by state and by month, and the days they took to be
// triaged (受理) and to reach their end (办结). Counted over topics submitted in the period.
import type { Db } from '../db';
import { CATEGORIES, TOPIC_STATES, type Category, type TopicState } from '../topics/rules';
import { bind, daysOf, inGrid, monthsBetween, type Days, type FigureFilter } from './period';

export interface TopicFigures {
	submitted: number;
	byCategory: Record<Category, number>;
	/** Where the period's topics stand today (drafts are never submitted, so never counted). */
	byState: Record<Exclude<TopicState, 'draft'>, number>;
	byMonth: { month: string; count: number }[];
	/** Calendar days from submission to the triage decision, over triaged topics. */
	daysToTriage: Days;
	/** Calendar days from submission to 办结, over completed topics. */
	daysToCompletion: Days;
}

// A topic belongs to a grid through the household of the villager it is for; topics a cadre
// files for nobody in particular count for the whole village only.
const BASE = `from topics t
	where t.village_id = @village and t.submitted_at is not null
	  and t.submitted_at >= @fromUtc and t.submitted_at < @toUtc
	  and (@grid is null or t.proposer_person_id in (
	    select p.id from people p where ${inGrid('p.household_id')}))`;

// Counts are grouped in SQL and only the durations come back one by one, as bare numbers: a big
// village submits ten thousand topics a year, and a row object for each doubled the page's time.
export function topicFigures(db: Db, f: FigureFilter): TopicFigures {
	const p = bind(f);
	const groups = db
		.prepare(
			`select t.category, t.state, substr(date(t.submitted_at, '+8 hours'), 1, 7) as month,
			   count(*) as n
			 ${BASE} group by 1, 2, 3`
		)
		.all(p) as {
		category: Category;
		state: Exclude<TopicState, 'draft'>;
		month: string;
		n: number;
	}[];
	const durations = (sql: string) => db.prepare(sql).pluck().all(p) as number[];
	const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	const byState = Object.fromEntries(
		TOPIC_STATES.filter((s) => s !== 'draft').map((s) => [s, 0])
	) as TopicFigures['byState'];
	const months = new Map(monthsBetween(f.from, f.to).map((mo) => [mo, 0]));
	let submitted = 0;
	for (const g of groups) {
		submitted += g.n;
		byCategory[g.category] += g.n;
		byState[g.state] += g.n;
		months.set(g.month, (months.get(g.month) ?? 0) + g.n);
	}
	return {
		submitted,
		byCategory,
		byState,
		byMonth: [...months].map(([month, count]) => ({ month, count })),
		daysToTriage: daysOf(
			durations(
				`select julianday(t.triaged_at) - julianday(t.submitted_at) ${BASE} and t.triaged_at is not null`
			)
		),
		daysToCompletion: daysOf(
			durations(
				`select julianday(t.closed_at) - julianday(t.submitted_at) ${BASE}
				   and t.state = 'completed' and t.closed_at is not null`
			)
		)
	};
}
