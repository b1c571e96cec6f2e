// The service window's list page: which views the asking user has (the whole window for staff,
// 派给我的 for anyone cases are dispatched to, 我的办事 for a villager), its filters and one page.
import type { RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { todayInChina } from '../calendar/dates';
import { isVillageStaff } from '../permissions';
import { listGrids } from '../roster/structure';
import { idParam, requireMember } from '../villages/context';
import { assigneeCandidates, mayBeAssigned } from './assignees';
import { serviceCategories } from './categories';
import { categoryName } from './messages';
import { hasAssignedCases, listCases, type CaseScope } from './queries';
import { CASE_STATES, type CaseState } from './records';

export const CASE_VIEWS = ['all', 'assigned', 'mine'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
	v && (list as readonly string[]).includes(v) ? (v as T) : null;

/** The list's filters from its query string; anything unknown is ignored. */
export function caseFiltersFrom(url: URL) {
	const q = url.searchParams;
	return {
		view: oneOf<CaseView>(CASE_VIEWS, q.get('view')),
		state: oneOf<CaseState>(CASE_STATES, q.get('state')),
		category: (q.get('category') ?? '').slice(0, 32) || null,
		gridId: idParam(q.get('grid')),
		assigneePersonId: idParam(q.get('assignee')),
		overdue: q.get('overdue') === '1',
		page: idParam(q.get('page')) ?? 1
	};
}

/**
 * The views a user has and the one shown: staff the whole window, anyone cases go to 派给我的,
 * everyone 我的办事. A view the user does not have falls back to their first: a villager asking
 * for the window gets their own cases.
 */
export function caseViewOf(
	who: { staff: boolean; assignee: boolean },
	requested: CaseView | null
): { view: CaseView; views: CaseView[] } {
	const views: CaseView[] = [
		...(who.staff ? (['all'] as const) : []),
		...(who.assignee ? (['assigned'] as const) : []),
		'mine'
	];
	return { view: requested && views.includes(requested) ? requested : views[0], views };
}

export function loadCaseList(event: RequestEvent<{ village: string }>) {
	const { village, user } = requireMember(event);
	const db = getDb();
	const today = todayInChina();
	const staff = isVillageStaff(user, village);
	const personId = user.personId;
	const assignee =
		personId !== null &&
		(hasAssignedCases(db, village.id, personId) || mayBeAssigned(db, village.id, personId, today));
	const f = caseFiltersFrom(event.url);
	const { view, views } = caseViewOf({ staff, assignee }, f.view);
	const scope: CaseScope =
		view === 'all'
			? { kind: 'all' }
			: view === 'assigned'
				? { kind: 'assigned', personId: personId! }
				: { kind: 'mine', personId, userId: user.id };
	// The grid and assignee filters are the dispatcher's; elsewhere they are ignored.
	const filters = view === 'all' ? f : { ...f, gridId: null, assigneePersonId: null };
	return {
		view,
		views,
		states: CASE_STATES,
		filters: { ...filters, view },
		cases: listCases(db, village.id, scope, filters, today),
		categories: serviceCategories(db, village.id).map((c) => ({
			key: c.key,
			name: categoryName(c)
		})),
		grids: view === 'all' ? listGrids(db, village.id).map((g) => ({ id: g.id, name: g.name })) : [],
		assignees:
			view === 'all'
				? assigneeCandidates(db, village.id, today).map((c) => ({ id: c.personId, name: c.name }))
				: []
	};
}
