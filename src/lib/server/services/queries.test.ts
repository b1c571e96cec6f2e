import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db';
import { demoActor, demoVillageId, useDemoVillageDb } from '../seed/demo-test-db';
import { fileServiceRequest } from './filing';
import { overdueOf } from './deadlines';
import type { CaseState } from './records';
import {
	casesOfVillager,
	hasAssignedCases,
	lateStepOf,
	listCases,
	overdueCases,
	windowCounts
} from './queries';

let db: Db;
useDemoVillageDb((d) => {
	db = d;
});

const village = () => demoVillageId(db);
const villager = () => demoActor(db, '13800000003'); // 张秀英, 第一网格
const gridHead = () => demoActor(db, '13800000004'); // 赵桂兰, head of 第一网格
const rep = () => demoActor(db, '13800000005'); // 刘志强
const FRIDAY = new Date('2026-11-20T02:00:00Z');

function file(actor = villager(), title = '开具居住证明', urgent = false): number {
	const r = fileServiceRequest(
		db,
		actor,
		village(),
		{ category: 'certificate', title, description: '', urgent },
		{ now: FRIDAY }
	);
	if (!r.ok) throw new Error(r.reason);
	return r.serviceCase.id;
}

// The flow's commands move a case; these tests only need it to stand in a state.
function put(
	id: number,
	state: CaseState,
	dates: { dueOn?: string; stepDueOn?: string | null; assignee?: number | null } = {}
) {
	db.prepare(
		`update service_cases set state = @state, due_on = coalesce(@due, due_on),
		   step_due_on = case when @keepStep then step_due_on else @step end,
		   assignee_person_id = coalesce(@assignee, assignee_person_id) where id = @id`
	).run({
		id,
		state,
		due: dates.dueOn ?? null,
		keepStep: dates.stepDueOn === undefined ? 1 : 0,
		step: dates.stepDueOn ?? null,
		assignee: dates.assignee ?? null
	});
}

const ids = (p: { items: { id: number }[] }) => p.items.map((c) => c.id).sort((a, b) => a - b);

describe('the overdue rule in SQL agrees with overdueOf', () => {
	const TODAY = '2026-11-25';
	// state, whole-limit due date, step due date, expected flag
	const table: [CaseState, string, string | null, 'step' | 'case' | null][] = [
		['submitted', '2026-11-30', '2026-11-24', 'step'],
		['submitted', '2026-11-30', '2026-11-25', null],
		['dispatched', '2026-11-30', '2026-11-23', 'step'],
		['in_progress', '2026-11-24', null, 'case'],
		['in_progress', '2026-11-25', null, null],
		['follow_up', '2026-11-21', '2026-11-27', null],
		['follow_up', '2026-11-21', '2026-11-24', 'step'],
		['completed', '2026-11-21', null, null],
		['closed', '2026-11-21', '2026-11-22', null],
		['withdrawn', '2026-11-21', null, null]
	];

	it('flags, filters and counts the same cases', () => {
		const rows = table.map(([state, dueOn, stepDueOn, expected]) => {
			const id = file();
			put(id, state, { dueOn, stepDueOn });
			expect(overdueOf({ state, dueOn, stepDueOn }, TODAY)).toBe(expected);
			return { id, expected };
		});
		const late = rows.filter((r) => r.expected !== null).map((r) => r.id);
		expect(late.length).toBeGreaterThan(0);
		const filtered = listCases(db, village(), { kind: 'all' }, { overdue: true }, TODAY);
		expect(ids(filtered)).toEqual(late);
		const all = listCases(db, village(), { kind: 'all' }, { pageSize: 100 }, TODAY);
		for (const r of rows)
			expect(all.items.find((c) => c.id === r.id)?.overdue ?? null).toBe(r.expected);
		expect(windowCounts(db, village(), TODAY).overdue).toBe(late.length);
		expect(
			overdueCases(db, village(), 50, TODAY)
				.map((c) => c.id)
				.sort((a, b) => a - b)
		).toEqual(late);
	});

	it.each([
		['submitted', '2026-11-30', '2026-11-24', 'dispatch'],
		['dispatched', '2026-11-30', '2026-11-24', 'accept'],
		['in_progress', '2026-11-24', null, 'complete'],
		['follow_up', '2026-11-01', '2026-11-24', 'follow_up'],
		['dispatched', '2026-11-30', '2026-11-25', null]
	] as const)('a %s case due %s, step due %s, is late on %s', (state, dueOn, stepDueOn, step) => {
		expect(lateStepOf({ state, dueOn, stepDueOn }, TODAY)).toBe(step);
	});
});

describe('who sees which cases', () => {
	it('gives a villager only the cases for them or filed by them', () => {
		const own = file(villager());
		const neighbours = file(rep());
		const filedByGridHead = fileServiceRequest(
			db,
			gridHead(),
			village(),
			{ category: 'repair', title: '路灯坏了', description: '', urgent: false },
			{
				now: FRIDAY,
				onBehalf: {
					personId: villager().personId!,
					channel: 'grid_point',
					consentKind: 'read_back',
					consentAt: '2026-11-20T01:00:00.000Z'
				}
			}
		);
		if (!filedByGridHead.ok) throw new Error(filedByGridHead.reason);
		const v = villager();
		const mine = listCases(db, village(), { kind: 'mine', personId: v.personId, userId: v.userId });
		expect(ids(mine)).toEqual([own, filedByGridHead.serviceCase.id].sort((a, b) => a - b));
		const g = gridHead();
		const gridHeads = listCases(db, village(), {
			kind: 'mine',
			personId: g.personId,
			userId: g.userId
		});
		// The grid head sees what she filed for a neighbour, and not the neighbour's other cases.
		expect(ids(gridHeads)).toEqual([filedByGridHead.serviceCase.id]);
		expect(ids(listCases(db, village(), { kind: 'all' }))).toContain(neighbours);
	});

	it('gives an assignee the cases dispatched to them, those waiting to be accepted first', () => {
		const me = rep().personId!;
		const accepted = file(villager(), '已接单');
		const waiting = file(villager(), '待接单');
		const someoneElses = file(villager(), '别人的');
		put(accepted, 'in_progress', { assignee: me });
		put(waiting, 'dispatched', { assignee: me });
		put(someoneElses, 'dispatched', { assignee: gridHead().personId! });
		expect(hasAssignedCases(db, village(), me)).toBe(true);
		expect(hasAssignedCases(db, village(), villager().personId!)).toBe(false);
		const list = listCases(db, village(), { kind: 'assigned', personId: me });
		expect(list.items.map((c) => c.id)).toEqual([waiting, accepted]);
	});
});

describe('the staff list', () => {
	it('puts open and urgent cases first, then the newest, and pages', () => {
		const old = file(villager(), '旧的');
		const closed = file(villager(), '已办结');
		const urgent = file(villager(), '急事', true);
		const newest = file(villager(), '新的');
		put(closed, 'closed');
		const list = listCases(db, village(), { kind: 'all' }, { pageSize: 2 });
		expect(list.total).toBe(4);
		expect(list.pages).toBe(2);
		expect(list.items.map((c) => c.id)).toEqual([urgent, newest]);
		const second = listCases(db, village(), { kind: 'all' }, { pageSize: 2, page: 2 });
		expect(second.items.map((c) => c.id)).toEqual([old, closed]);
	});

	it('filters by state, category, grid and assignee', () => {
		const a = file(villager());
		const b = file(rep());
		put(b, 'dispatched', { assignee: gridHead().personId! });
		const all = { kind: 'all' } as const;
		expect(ids(listCases(db, village(), all, { state: 'dispatched' }))).toEqual([b]);
		expect(ids(listCases(db, village(), all, { category: 'repair' }))).toEqual([]);
		expect(ids(listCases(db, village(), all, { category: 'certificate' }))).toEqual([a, b]);
		expect(ids(listCases(db, village(), all, { assigneePersonId: gridHead().personId! }))).toEqual([
			b
		]);
		const gridOf = (personId: number) =>
			db
				.prepare(
					'select h.grid_id from people p join households h on h.id = p.household_id where p.id = ?'
				)
				.pluck()
				.get(personId) as number;
		const grid = gridOf(villager().personId!);
		const inGrid = ids(listCases(db, village(), all, { gridId: grid }));
		expect(inGrid).toContain(a);
		expect(inGrid.includes(b)).toBe(gridOf(rep().personId!) === grid);
	});

	it('counts the cases waiting at each step', () => {
		const states: CaseState[] = [
			'submitted',
			'submitted',
			'dispatched',
			'in_progress',
			'completed',
			'follow_up',
			'closed'
		];
		for (const s of states) put(file(), s);
		expect(windowCounts(db, village(), '2026-11-20')).toEqual({
			submitted: 2,
			dispatched: 1,
			inProgress: 1,
			awaitingRating: 1,
			followUp: 1,
			overdue: 0
		});
	});
});

describe("the villager's home", () => {
	it('lists their open cases and those waiting for their rating', () => {
		const open = file(villager(), '在办');
		const done = file(villager(), '待评价');
		const closed = file(villager(), '已结');
		file(rep(), '别人的');
		put(done, 'completed');
		put(closed, 'closed');
		const r = casesOfVillager(db, village(), villager().personId!);
		expect(r.open.map((c) => c.id)).toEqual([open]);
		expect(r.toRate.map((c) => c.id)).toEqual([done]);
	});
});

describe('the window at 5,000 cases', () => {
	it('reads a page of the whole window from its index, without sorting every case', () => {
		const sql: string[] = [];
		const prepare = db.prepare.bind(db);
		const spy = vi.spyOn(db, 'prepare').mockImplementation((s: string) => {
			sql.push(s);
			return prepare(s);
		});
		listCases(db, village(), { kind: 'all' }, { page: 3 });
		spy.mockRestore();
		const page = sql.find((s) => s.includes('limit @limit'))!;
		const inner = page.slice(page.indexOf('(select c.id') + 1, page.indexOf(') pg'));
		const plan = (
			db
				.prepare(`explain query plan ${inner}`)
				.all({ village: village(), today: '2026-11-20', limit: 20, offset: 40 }) as {
				detail: string;
			}[]
		).map((r) => r.detail);
		expect(plan.join('\n')).toContain('service_cases_village_list');
		expect(plan.join('\n')).not.toContain('TEMP B-TREE');
	});
});
