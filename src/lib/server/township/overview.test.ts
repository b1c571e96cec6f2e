import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorld, household, serviceCase, topic, type World } from '../figures/test-world';
import {
	DEFAULT_ORDER,
	mattersOf,
	parseSort,
	sortRows,
	townshipOverview,
	villageRow,
	type OverviewRow
} from './overview';

let w: World;
beforeEach(() => {
	w = buildWorld();
});
afterEach(() => w.cleanup());

const TODAY = '2026-05-20';
const PERIOD = { from: '2026-01-01', to: TODAY };
const T = '2026-01-05T00:00:00.000Z';
// Every scenario is read both ways: the village's own queries, and the township's grouped ones.
const row = () => {
	const village = { id: w.village, slug: 'fig', name: '统计村' };
	const own = villageRow(w.db, village, TODAY, PERIOD).row;
	expect(townshipOverview(w.db, [village], TODAY, PERIOD)).toEqual([own]);
	return own;
};

/** A closed meeting with one motion; a township attendee came when `township` is set. */
function motion(type: string, township: boolean): number {
	const db = w.db;
	const meeting = Number(
		db
			.prepare(
				`insert into meetings (village_id, type, title, meeting_date, rule_set_id, rule_json, created_by, created_at)
				 values (?, ?, '会议', '2026-03-01', 'CN_2026', '{}', ?, ?)`
			)
			.run(w.village, type, w.user, T).lastInsertRowid
	);
	const item = db
		.prepare(
			"insert into agenda_items (meeting_id, position, title) values (?, 1, '事项') returning id"
		)
		.pluck()
		.get(meeting);
	db.prepare("update meetings set state = 'notified', notice_date = '2026-02-20' where id = ?").run(
		meeting
	);
	db.prepare("update meetings set state = 'open', opened_at = ? where id = ?").run(T, meeting);
	if (township)
		db.prepare(
			"insert into meeting_guests (meeting_id, kind, name, position, added_by, created_at) values (?, 'township', '周建华', '乡干部', ?, ?)"
		).run(meeting, w.user, T);
	const id = db
		.prepare(
			`insert into motions (meeting_id, agenda_item_id, text, method, state, created_by, created_at, opened_at)
			 values (?, ?, '表决', 'named', 'open', ?, ?, ?) returning id`
		)
		.pluck()
		.get(meeting, item, w.user, T, T) as number;
	db.prepare(
		"update meetings set state = 'closed', closed_at = ?, audit_head_hash = 'x' where id = ?"
	).run(T, meeting);
	return id;
}

type Ev =
	| { steps: number[]; township?: boolean }
	| { kind: 'sent_back' | 'ended' | 'archived'; reason?: string };

const MEETING_OF_STEP: Record<number, string> = {
	1: 'branch_committee',
	2: 'two_committees',
	3: 'party_assembly',
	4: 'villagers_meeting'
};

function matter(events: Ev[], state = 'four_plus_two', endKind: string | null = null): number {
	const id = topic(w, { state, submittedAt: T, endKind });
	for (const e of events) {
		const meetingStep = 'steps' in e && e.steps[0] <= 4;
		const motionId = meetingStep
			? motion(MEETING_OF_STEP[(e as { steps: number[] }).steps.at(-1)!], !!e.township)
			: null;
		w.db
			.prepare(
				'insert into procedure_events (topic_id, kind, steps, motion_id, reason, recorded_by, created_at) values (?, ?, ?, ?, ?, ?, ?)'
			)
			.run(
				id,
				'steps' in e ? 'steps' : e.kind,
				JSON.stringify('steps' in e ? e.steps : []),
				motionId,
				'steps' in e ? '' : (e.reason ?? '票数不足'),
				w.user,
				T
			);
	}
	return id;
}

describe('4+2 matters by step, steps without the township and refused', () => {
	it.each<[string, Ev[], string, number[], number]>([
		['no event yet: waits on step 1', [], 'step_1', [], 0],
		['steps 1–2 done: waits on step 3', [{ steps: [1] }, { steps: [2] }], 'step_3', [], 0],
		[
			'step 3 with the township attendee, step 4 without',
			[{ steps: [1] }, { steps: [2] }, { steps: [3], township: true }, { steps: [4] }],
			'step_5',
			[4],
			0
		],
		[
			'step 3 without the township, then sent back: the undone step no longer counts',
			[{ steps: [1] }, { steps: [2] }, { steps: [3] }, { kind: 'sent_back' }],
			'step_2',
			[],
			1
		],
		[
			'ended after a failed vote',
			[{ steps: [1] }, { steps: [2] }, { kind: 'ended' }],
			'ended',
			[],
			1
		],
		[
			'all six steps, archived',
			[
				{ steps: [1, 2] },
				{ steps: [3], township: true },
				{ steps: [4], township: true },
				{ steps: [5] },
				{ steps: [6] },
				{ kind: 'archived' }
			],
			'archived',
			[],
			0
		]
	])('%s', (_, events, stage, withoutTownship, refusals) => {
		const archived = events.some((e) => 'kind' in e && e.kind === 'archived');
		matter(events, archived ? 'completed' : 'four_plus_two', archived ? 'archive' : null);
		const [line] = mattersOf(w.db, w.village);
		expect(line.stage).toBe(stage);
		expect(line.withoutTownship).toEqual(withoutTownship);
		expect(line.refusals).toHaveLength(refusals);
		const r = row();
		expect(r.matters[line.stage]).toBe(1);
		expect(r.withoutTownship).toBe(withoutTownship.length > 0 ? 1 : 0);
		expect(r.refused).toBe(refusals);
	});

	it('counts only 4+2 matters, each once, running ones apart', () => {
		matter([{ steps: [1] }]);
		matter([{ steps: [1] }, { steps: [2] }]);
		matter([{ steps: [1] }, { kind: 'ended' }], 'completed', 'vote_failed');
		topic(w, { state: 'consultation', submittedAt: T });
		topic(w, { state: 'submitted', submittedAt: T });
		const r = row();
		expect(r.matters).toMatchObject({ step_2: 1, step_3: 1, ended: 1, step_1: 0 });
		expect(r.mattersRunning).toBe(2);
	});
});

describe('overdue topics, objections and service cases', () => {
	function notice(kind: string, postedOn: string): number {
		const seq =
			(w.db
				.prepare('select count(*) from notices where village_id = ?')
				.pluck()
				.get(w.village) as number) + 1;
		return Number(
			w.db
				.prepare(
					`insert into notices (village_id, seq, kind, title, body, posted_on, posted_until, objections_until, audit_head_hash, posted_by, created_at)
					 values (?, ?, ?, '公告', '正文', ?, ?, ?, 'x', ?, ?)`
				)
				.run(w.village, seq, kind, postedOn, '2026-12-31', '2026-12-31', w.user, T).lastInsertRowid
		);
	}
	function objection(due: string, answered: boolean) {
		const n = notice('general', '2026-05-01');
		const [person] = household(w, w.grids[0]).people;
		w.db
			.prepare(
				`insert into objections (notice_id, person_id, text, filed_at, answer_due, answer, answered_at) values (?, ?, '异议', ?, ?, ?, ?)`
			)
			.run(n, person, T, due, answered ? '答复' : null, answered ? T : null);
	}

	it.each<[string, () => void, Partial<OverviewRow['overdue']>]>([
		[
			'a topic waiting for triage past its deadline is overdue; on the deadline day it is not',
			() => {
				const late = topic(w, { submittedAt: T });
				const onTime = topic(w, { submittedAt: T });
				w.db.prepare('update topics set triage_due = ? where id = ?').run('2026-05-19', late);
				w.db.prepare('update topics set triage_due = ? where id = ?').run(TODAY, onTime);
			},
			{ topics: 1 }
		],
		[
			'a triaged topic is never overdue for triage',
			() => {
				const t = topic(w, { state: 'consultation', submittedAt: T, triagedAt: T });
				w.db.prepare('update topics set triage_due = ? where id = ?').run('2026-01-10', t);
			},
			{ topics: 0 }
		],
		[
			'an unanswered objection past its due day; answered ones and those due today are not',
			() => {
				objection('2026-05-19', false);
				objection(TODAY, false);
				objection('2026-05-01', true);
			},
			{ objections: 1 }
		],
		[
			'an open case past its limit or its step deadline; a closed one is not',
			() => {
				const [p] = household(w, w.grids[0]).people;
				serviceCase(w, { person: p, state: 'submitted', filedOn: '2026-05-01' });
				const step = serviceCase(w, { person: p, state: 'dispatched', filedOn: TODAY });
				w.db
					.prepare('update service_cases set step_due_on = ? where id = ?')
					.run('2026-05-19', step);
				serviceCase(w, { person: p, state: 'closed', filedOn: '2026-05-01' });
			},
			{ cases: 2 }
		]
	])('%s', (_, build, expected) => {
		build();
		expect(row().overdue).toMatchObject(expected);
	});

	it('is late, with its reasons, when anything is overdue or a disclosure is owed', () => {
		notice('general', '2026-04-02');
		notice('finance', '2026-05-03');
		expect(row()).toMatchObject({ late: false, lateReasons: [] });
		const t = topic(w, { submittedAt: T });
		w.db.prepare('update topics set triage_due = ? where id = ?').run('2026-05-01', t);
		expect(row()).toMatchObject({ late: true, lateReasons: ['overdue_topics'] });
	});

	it.each<[string, [string, string][], string[]]>([
		['nothing posted: both owed', [], ['general_disclosure', 'finance_disclosure']],
		[
			'general last quarter, finance this month',
			[
				['general', '2026-03-31'],
				['finance', '2026-05-01']
			],
			['general_disclosure']
		],
		[
			'general this quarter, finance last month',
			[
				['general', '2026-04-01'],
				['finance', '2026-04-30']
			],
			['finance_disclosure']
		],
		[
			'both on time',
			[
				['general', '2026-04-01'],
				['finance', '2026-05-01']
			],
			[]
		],
		[
			'a notice dated after today does not count',
			[
				['general', '2026-04-01'],
				['finance', '2026-05-21']
			],
			['finance_disclosure']
		]
	])('disclosure cadence: %s', (_, posted, reasons) => {
		for (const [kind, on] of posted) notice(kind, on);
		const r = row();
		expect(r.lateReasons).toEqual(reasons);
		expect(r.disclosure.late).toBe(reasons.length > 0);
	});
});

describe('受理率, 办结率, 满意率 as the village figures count them', () => {
	it('no case filed: every rate has no base and is null, not 0', () => {
		const r = row();
		expect([r.acceptance, r.completion, r.satisfaction]).toEqual([
			{ part: 0, whole: 0, permille: null },
			{ part: 0, whole: 0, permille: null },
			{ part: 0, whole: 0, permille: null }
		]);
	});

	it('counts filed, accepted, completed and rated cases of the period with their fractions', () => {
		const [p] = household(w, w.grids[0]).people;
		const D = '2026-03-10';
		serviceCase(w, { person: p, state: 'submitted', filedOn: D });
		serviceCase(w, { person: p, state: 'in_progress', filedOn: D, steps: ['dispatched'] });
		serviceCase(w, {
			person: p,
			state: 'closed',
			filedOn: D,
			steps: ['dispatched'],
			rating: 'satisfied'
		});
		serviceCase(w, {
			person: p,
			state: 'follow_up',
			filedOn: D,
			steps: ['dispatched'],
			rating: 'unsatisfied'
		});
		// Before the period: not counted.
		serviceCase(w, { person: p, state: 'submitted', filedOn: '2025-12-31' });
		const r = row();
		expect(r.acceptance).toEqual({ part: 3, whole: 4, permille: 750 });
		expect(r.completion).toEqual({ part: 2, whole: 3, permille: 667 });
		expect(r.satisfaction).toEqual({ part: 1, whole: 2, permille: 500 });
	});
});

describe('sorting', () => {
	const fake = (
		name: string,
		id: number,
		o: { topics?: number; acceptance?: number | null; running?: number; disclosure?: boolean }
	): OverviewRow =>
		({
			village: { id, slug: `v${id}`, name },
			mattersRunning: o.running ?? 0,
			withoutTownship: 0,
			refused: 0,
			disclosure: {
				generalDue: !!o.disclosure,
				financeDue: !!o.disclosure,
				consultationFollowUpsDue: 0
			},
			overdue: { topics: o.topics ?? 0, objections: 0, cases: 0 },
			acceptance: { part: 0, whole: 0, permille: o.acceptance ?? null },
			completion: { part: 0, whole: 0, permille: null },
			satisfaction: { part: 0, whole: 0, permille: null },
			lateReasons: [
				...(o.disclosure ? (['general_disclosure', 'finance_disclosure'] as const) : []),
				...((o.topics ?? 0) > 0 ? (['overdue_topics'] as const) : [])
			]
		}) as OverviewRow;
	const rows = [
		fake('新阳村', 1, { topics: 2, acceptance: 900, running: 1 }),
		fake('湖东村', 2, { topics: 5, acceptance: null, running: 3 }),
		fake('东山村', 3, { topics: 0, acceptance: 500, running: 3 })
	];
	const names = (r: OverviewRow[]) => r.map((x) => x.village.name);

	it.each<[string, string, string[]]>([
		['sort=late&dir=desc', 'the latest first', ['湖东村', '新阳村', '东山村']],
		['sort=late&dir=asc', 'on time first', ['东山村', '新阳村', '湖东村']],
		['sort=topics&dir=asc', 'fewest overdue topics first', ['东山村', '新阳村', '湖东村']],
		['sort=acceptance&dir=desc', 'a rate with no base last', ['新阳村', '东山村', '湖东村']],
		['sort=acceptance&dir=asc', 'still last going up', ['东山村', '新阳村', '湖东村']],
		['sort=matters&dir=desc', 'ties by name (pinyin)', ['东山村', '湖东村', '新阳村']],
		['sort=name&dir=asc', 'by name', ['东山村', '湖东村', '新阳村']],
		['sort=name&dir=desc', 'by name, reversed', ['新阳村', '湖东村', '东山村']]
	])('%s: %s', (query, _, expected) => {
		expect(names(sortRows(rows, parseSort(new URLSearchParams(query))))).toEqual(expected);
	});

	it('late in more respects comes before more items of one kind', () => {
		const owing = fake('南岗村', 4, { topics: 1, disclosure: true });
		const many = fake('北岗村', 5, { topics: 40 });
		expect(names(sortRows([many, owing], DEFAULT_ORDER))).toEqual(['南岗村', '北岗村']);
	});

	it.each([['sort=drop table&dir=asc'], [''], ['sort=__proto__']])(
		'an unknown column (%s) falls back to the default order',
		(query) => {
			expect(parseSort(new URLSearchParams(query))).toEqual(DEFAULT_ORDER);
		}
	);

	it('a known column with an unknown direction sorts up', () => {
		expect(parseSort(new URLSearchParams('sort=cases&dir=sideways'))).toEqual({
			sort: 'cases',
			dir: 'asc'
		});
	});
});

describe('the township overview', () => {
	it('has one row per village, each counting only its own records', () => {
		const other = Number(
			w.db
				.prepare("insert into villages (slug, name, created_at) values ('other', '湖东村', ?)")
				.run(T).lastInsertRowid
		);
		const t = topic(w, { submittedAt: T });
		w.db.prepare('update topics set triage_due = ? where id = ?').run('2026-05-01', t);
		const rows = townshipOverview(
			w.db,
			[
				{ id: w.village, slug: 'fig', name: '统计村' },
				{ id: other, slug: 'other', name: '湖东村' }
			],
			TODAY,
			PERIOD,
			{ sort: 'topics', dir: 'desc' }
		);
		expect(rows.map((r) => [r.village.slug, r.overdue.topics])).toEqual([
			['fig', 1],
			['other', 0]
		]);
		for (const r of rows) expect(r).toEqual(villageRow(w.db, r.village, TODAY, PERIOD).row);
	});
});
