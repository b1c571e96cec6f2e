// The lists of service cases each person sees (the whole window for staff, 派给我的 for an
// assignee, 我的办事 for a villager), the dashboard's counts and the villager's own open cases.
// Every list is one indexed query for its page, with names joined in, never a query per row.
import type { Db } from '../db';
import { todayInChina } from '../calendar/dates';
import { pageWindow, type Page } from '../roster/people';
import { overdueOf, type Overdue } from './deadlines';
import { CASE_STATES, OPEN_STATES, type CaseState } from './records';

/** Whose cases a list holds: the village's, those dispatched to a person, or a villager's own. */
export type CaseScope =
	| { kind: 'all' }
	| { kind: 'assigned'; personId: number }
	| { kind: 'mine'; personId: number | null; userId: number };

export interface CaseFilters {
	state?: CaseState | null;
	category?: string | null;
	gridId?: number | null;
	assigneePersonId?: number | null;
	overdue?: boolean;
	page?: number;
	pageSize?: number;
}

/** The step a late case is late on: dispatch, acceptance, its whole limit, or the follow-up visit. */
export type LateStep = 'dispatch' | 'accept' | 'complete' | 'follow_up';

export interface CaseSummary {
	id: number;
	number: string;
	title: string;
	category: string;
	state: CaseState;
	urgent: boolean;
	personName: string;
	gridName: string | null;
	assigneeName: string | null;
	filedOn: string;
	dueOn: string;
	stepDueOn: string | null;
	overdue: Overdue;
	lateStep: LateStep | null;
}

const OPEN_LIST = OPEN_STATES.map((s) => `'${s}'`).join(', ');

// The SQL form of overdueOf (deadlines.ts), so the overdue filter and the count agree with the
// flag each row shows; queries.test.ts holds the two to the same table of cases.
const OVERDUE_SQL = `(c.state in (${OPEN_LIST}) and (
	(c.state <> 'follow_up' and @today > c.due_on) or (c.step_due_on is not null and @today > c.step_due_on)))`;

/** Which step an overdue case is late on, from its state; null when it is not late. */
export function lateStepOf(
	c: { state: CaseState; dueOn: string; stepDueOn: string | null },
	today: string
): LateStep | null {
	const overdue = overdueOf(c, today);
	if (overdue === null) return null;
	if (overdue === 'case') return 'complete';
	const byState: Partial<Record<CaseState, LateStep>> = {
		submitted: 'dispatch',
		dispatched: 'accept',
		follow_up: 'follow_up'
	};
	return byState[c.state] ?? 'complete';
}

const SUMMARY_COLUMNS = `c.id, c.number, c.title, c.category, c.state, c.urgent, p.name as personName,
	g.name as gridName, a.name as assigneeName, c.filed_on as filedOn, c.due_on as dueOn,
	c.step_due_on as stepDueOn`;

const SUMMARY_FROM = `from service_cases c
	join people p on p.id = c.person_id
	join households h on h.id = p.household_id
	left join grids g on g.id = h.grid_id
	left join people a on a.id = c.assignee_person_id`;

type SummaryRow = Omit<CaseSummary, 'urgent' | 'overdue' | 'lateStep'> & { urgent: number };

const summaryOf =
	(today: string) =>
	(r: SummaryRow): CaseSummary => ({
		...r,
		urgent: r.urgent === 1,
		overdue: overdueOf(r, today),
		lateStep: lateStepOf(r, today)
	});

function caseWhere(villageId: number, scope: CaseScope, f: CaseFilters, today: string) {
	const where = ['c.village_id = @village'];
	const params: Record<string, unknown> = { village: villageId, today };
	if (scope.kind === 'assigned') {
		where.push('c.assignee_person_id = @me');
		params.me = scope.personId;
	} else if (scope.kind === 'mine') {
		where.push('(c.person_id = @me or c.filed_by_user_id = @user)');
		params.me = scope.personId ?? -1;
		params.user = scope.userId;
	}
	if (f.state && (CASE_STATES as readonly string[]).includes(f.state)) {
		where.push('c.state = @state');
		params.state = f.state;
	}
	if (f.category) {
		where.push('c.category = @category');
		params.category = f.category;
	}
	if (f.gridId) {
		where.push('h.grid_id = @grid');
		params.grid = f.gridId;
	}
	if (f.assigneePersonId) {
		where.push('c.assignee_person_id = @assignee');
		params.assignee = f.assigneePersonId;
	}
	if (f.overdue) where.push(OVERDUE_SQL);
	return { where: where.join(' and '), params };
}

// The grid is the villager's household's: joined only when the list is filtered by it.
const GRID_FROM = `join people gp on gp.id = c.person_id join households h on h.id = gp.household_id`;

/**
 * One page of cases in a scope. Open cases come first, urgent ones first among them; then the
 * newest. Dispatched cases head an assignee's list: they wait on the assignee to accept. The page
 * is chosen from the cases table alone and only its rows are joined to names.
 */
export function listCases(
	db: Db,
	villageId: number,
	scope: CaseScope,
	f: CaseFilters = {},
	today = todayInChina()
): Page<CaseSummary> {
	const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
	const { where, params } = caseWhere(villageId, scope, f, today);
	const from = `from service_cases c ${f.gridId ? GRID_FROM : ''} where ${where}`;
	const total = (db.prepare(`select count(*) as n ${from}`).get(params) as { n: number }).n;
	const { page, pages, offset } = pageWindow(total, f.page, pageSize);
	const waitingFirst = scope.kind === 'assigned' ? `c.state = 'dispatched' desc,` : '';
	const order = `order by ${waitingFirst} c.state in (${OPEN_LIST}) desc, c.urgent desc, c.id desc`;
	const rows = db
		.prepare(
			`select ${SUMMARY_COLUMNS} from (select c.id ${from} ${order} limit @limit offset @offset) pg
			 join service_cases c on c.id = pg.id
			 join people p on p.id = c.person_id
			 join households h on h.id = p.household_id
			 left join grids g on g.id = h.grid_id
			 left join people a on a.id = c.assignee_person_id
			 ${order}`
		)
		.all({ ...params, limit: pageSize, offset }) as SummaryRow[];
	return { items: rows.map(summaryOf(today)), total, page, pageSize, pages };
}

/** Whether anything has ever been dispatched to this person: they then see 派给我的. */
export function hasAssignedCases(db: Db, villageId: number, personId: number): boolean {
	return (
		db
			.prepare(
				'select 1 from service_cases where assignee_person_id = ? and village_id = ? limit 1'
			)
			.get(personId, villageId) !== undefined
	);
}

export interface WindowCounts {
	/** 待派单: filed, or back after a decline or a reopening. */
	submitted: number;
	/** 已派单未接单. */
	dispatched: number;
	inProgress: number;
	/** 待评价: completed, waiting on the villager's rating. */
	awaitingRating: number;
	/** 待回访: rated 不满意, a follow-up visit owed. */
	followUp: number;
	overdue: number;
}

/** The dashboard's 办事 card: how many cases wait at each step, and how many are late. */
export function windowCounts(db: Db, villageId: number, today = todayInChina()): WindowCounts {
	const r = db
		.prepare(
			`select
			   coalesce(sum(c.state = 'submitted'), 0) as submitted,
			   coalesce(sum(c.state = 'dispatched'), 0) as dispatched,
			   coalesce(sum(c.state = 'in_progress'), 0) as inProgress,
			   coalesce(sum(c.state = 'completed'), 0) as awaitingRating,
			   coalesce(sum(c.state = 'follow_up'), 0) as followUp,
			   coalesce(sum(${OVERDUE_SQL}), 0) as overdue
			 from service_cases c where c.village_id = @village and c.state in (${OPEN_LIST}, 'completed')`
		)
		.get({ village: villageId, today }) as WindowCounts;
	return r;
}

/** windowCounts' overdue count of many villages (JSON array of ids) in one query, for the township. */
export function overdueCasesByVillage(
	db: Db,
	villageIds: string,
	today = todayInChina()
): (villageId: number) => number {
	const rows = db
		.prepare(
			`select c.village_id, count(*) from service_cases c
			 where c.village_id in (select value from json_each(@villages))
			   and c.state in (${OPEN_LIST}, 'completed') and ${OVERDUE_SQL}
			 group by c.village_id`
		)
		.raw()
		.all({ villages: villageIds, today }) as [number, number][];
	const counts = new Map(rows);
	return (villageId) => counts.get(villageId) ?? 0;
}

/** The overdue cases, most urgent and longest late first, for the dashboard. */
export function overdueCases(
	db: Db,
	villageId: number,
	limit = 50,
	today = todayInChina()
): CaseSummary[] {
	const rows = db
		.prepare(
			`select ${SUMMARY_COLUMNS} ${SUMMARY_FROM}
			 where c.village_id = @village and ${OVERDUE_SQL}
			 order by c.urgent desc, coalesce(c.step_due_on, c.due_on), c.id limit @limit`
		)
		.all({ village: villageId, today, limit }) as SummaryRow[];
	return rows.map(summaryOf(today));
}

/** A villager's own cases that are still open, and those done and waiting for their rating (待您评价). */
export function casesOfVillager(
	db: Db,
	villageId: number,
	personId: number,
	today = todayInChina()
): { open: CaseSummary[]; toRate: CaseSummary[] } {
	const rows = (
		db
			.prepare(
				`select ${SUMMARY_COLUMNS} ${SUMMARY_FROM}
				 where c.village_id = @village and c.person_id = @me and c.state in (${OPEN_LIST}, 'completed')
				 order by c.id desc limit 50`
			)
			.all({ village: villageId, me: personId }) as SummaryRow[]
	).map(summaryOf(today));
	return {
		open: rows.filter((c) => c.state !== 'completed'),
		toRate: rows.filter((c) => c.state === 'completed')
	};
}
