// The township's overview across its villages (issue 19 item 1): one row per village, each number
// counted by the rule the village’s own pages use (docs/domain.md, "The township’s overview"), a fixed handful of
// indexed queries per village so that a township of tens of villages stays one quick page.
import type { Db } from '../db';
import { disclosureCadence, type DisclosureCadence } from '../notices/notices';
import { windowCounts } from '../services/queries';
import { serviceFigures } from '../figures/services';
import { STAGES, type Stage } from '../figures/stages';
import { positionOf, type ProcedureEvent, type Step } from '../procedure/rules';
import type { TownshipVillage } from '../villages/townships';

/** A share with the counts it comes from; `permille` is null when there is no base ("—", not 0%). */
export interface Rate {
	part: number;
	whole: number;
	permille: number | null;
}

/** Why a village is late: a disclosure the cadence owes, or overdue work. */
export const LATE_REASONS = [
	'general_disclosure',
	'finance_disclosure',
	'consultation_follow_up',
	'overdue_topics',
	'overdue_objections',
	'overdue_cases'
] as const;
export type LateReason = (typeof LATE_REASONS)[number];

export interface OverviewRow {
	village: TownshipVillage;
	/** 4+2 matters by where they stand today, every matter the village ever put on the track. */
	matters: Record<Stage, number>;
	/** Matters still moving: waiting on a step, or complete and not yet archived. */
	mattersRunning: number;
	/** Matters with step 3 or 4 taken in a meeting no township attendee came to. */
	withoutTownship: number;
	/** Matters whose review or decision failed (step 3 or 4): sent back to step 2 or ended. */
	refused: number;
	disclosure: DisclosureCadence & { late: boolean };
	overdue: { topics: number; objections: number; cases: number };
	/** Service cases filed in the period (figures/services.ts): 受理率, 办结率, 满意率. */
	acceptance: Rate;
	completion: Rate;
	satisfaction: Rate;
	lateReasons: LateReason[];
	late: boolean;
}

export interface MatterLine {
	topicId: number;
	number: string;
	title: string;
	stage: Stage;
	/** Failed votes at step 3 or 4, each with the clerk's reason. */
	refusals: { kind: 'sent_back' | 'ended'; reason: string; on: string }[];
	/** Steps 3–4 taken in a meeting without a township attendee. */
	withoutTownship: Step[];
	/** The resolution of step 4, public on the village's board. */
	resolutionId: number | null;
}

export interface Period {
	from: string;
	to: string;
}

interface EventRow {
	id: number;
	number: string;
	title: string;
	kind: ProcedureEvent['kind'] | null;
	steps: string | null;
	reason: string | null;
	created_at: string | null;
	motion_id: number | null;
	township: number | null;
	resolution_id: number | null;
}

/**
 * Every 4+2 matter of the village with its events, in one query (no query per matter). The state
 * list lets the (village, state) index find them: a bare "or end_kind" read every topic of the
 * village (117 ms for a village of 10,000 topics, 27 ms so).
 */
export function mattersOf(db: Db, villageId: number): MatterLine[] {
	const rows = db
		.prepare(
			`select t.id, t.number, t.title, e.kind, e.steps, e.reason, e.created_at, e.motion_id,
			   case when e.motion_id is null then null else exists (
			     select 1 from motions mo join meeting_guests g on g.meeting_id = mo.meeting_id
			     where mo.id = e.motion_id and g.kind = 'township') end as township,
			   (select r.id from resolutions r where r.motion_id = e.motion_id) as resolution_id
			 from topics t left join procedure_events e on e.topic_id = t.id
			 where t.village_id = ? and t.state in ('four_plus_two', 'completed')
			   and (t.state = 'four_plus_two' or t.end_kind in ('archive', 'vote_failed'))
			 order by t.id, e.id`
		)
		.all(villageId) as EventRow[];
	const byTopic = new Map<number, { line: MatterLine; events: ProcedureEvent[] }>();
	for (const r of rows) {
		let m = byTopic.get(r.id);
		if (!m) {
			m = {
				line: {
					topicId: r.id,
					number: r.number,
					title: r.title,
					stage: 'step_1',
					refusals: [],
					withoutTownship: [],
					resolutionId: null
				},
				events: []
			};
			byTopic.set(r.id, m);
		}
		if (r.kind === 'steps') {
			const steps = JSON.parse(r.steps!) as Step[];
			m.events.push({ kind: 'steps', steps });
			if (r.township === 0) m.line.withoutTownship.push(...steps.filter((s) => s === 3 || s === 4));
			if (steps.includes(4) && r.resolution_id !== null) m.line.resolutionId = r.resolution_id;
		} else if (r.kind) {
			m.events.push({ kind: r.kind } as ProcedureEvent);
			if (r.kind === 'sent_back' || r.kind === 'ended')
				m.line.refusals.push({ kind: r.kind, reason: r.reason ?? '', on: r.created_at ?? '' });
		}
	}
	return [...byTopic.values()].map(({ line, events }) => {
		const p = positionOf(events);
		// A matter sent back and taken again keeps only the steps it has now.
		const done = new Set<number>(p.done);
		return {
			...line,
			stage: p.kind === 'at' ? (`step_${p.step}` as Stage) : p.kind,
			withoutTownship: [...new Set(line.withoutTownship)].filter((s) => done.has(s))
		};
	});
}

const rate = (part: number, whole: number, permille: number | null): Rate => ({
	part,
	whole,
	permille
});

/** One village's row, and its matters for the village's own view. */
export function villageRow(
	db: Db,
	village: TownshipVillage,
	today: string,
	period: Period
): { row: OverviewRow; matters: MatterLine[] } {
	const matters = mattersOf(db, village.id);
	const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
	for (const m of matters) byStage[m.stage]++;
	const cadence = disclosureCadence(db, village.id, today);
	const overdue = {
		topics: db
			.prepare(
				"select count(*) from topics where village_id = ? and state = 'submitted' and triage_due < ?"
			)
			.pluck()
			.get(village.id, today) as number,
		objections: db
			.prepare(
				`select count(*) from objections o join notices n on n.id = o.notice_id
				 where n.village_id = ? and o.answer is null and o.answer_due < ?`
			)
			.pluck()
			.get(village.id, today) as number,
		cases: windowCounts(db, village.id, today).overdue
	};
	const s = serviceFigures(db, { villageId: village.id, ...period, gridId: null });
	const lateReasons = LATE_REASONS.filter(
		(r) =>
			({
				general_disclosure: cadence.generalDue,
				finance_disclosure: cadence.financeDue,
				consultation_follow_up: cadence.consultationFollowUpsDue > 0,
				overdue_topics: overdue.topics > 0,
				overdue_objections: overdue.objections > 0,
				overdue_cases: overdue.cases > 0
			})[r]
	);
	const disclosureLate =
		cadence.generalDue || cadence.financeDue || cadence.consultationFollowUpsDue > 0;
	return {
		matters,
		row: {
			village,
			matters: byStage,
			mattersRunning: matters.filter((m) => m.stage.startsWith('step_') || m.stage === 'complete')
				.length,
			withoutTownship: matters.filter((m) => m.withoutTownship.length > 0).length,
			refused: matters.filter((m) => m.refusals.length > 0).length,
			disclosure: { ...cadence, late: disclosureLate },
			overdue,
			acceptance: rate(s.accepted, s.filed, s.acceptancePermille),
			completion: rate(s.completed, s.accepted, s.completionPermille),
			satisfaction: rate(s.satisfied + s.basicallySatisfied, s.rated, s.satisfactionPermille),
			lateReasons,
			late: lateReasons.length > 0
		}
	};
}

/** The overview of a township's villages on `today`, rates over `period`, in the order asked. */
export function townshipOverview(
	db: Db,
	villages: readonly TownshipVillage[],
	today: string,
	period: Period,
	order: SortOrder = DEFAULT_ORDER
): OverviewRow[] {
	return sortRows(
		villages.map((v) => villageRow(db, v, today, period).row),
		order
	);
}

export const SORT_KEYS = [
	'late',
	'name',
	'matters',
	'without_township',
	'refused',
	'disclosure',
	'topics',
	'objections',
	'cases',
	'acceptance',
	'completion',
	'satisfaction'
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortOrder {
	sort: SortKey;
	dir: 'asc' | 'desc';
}
/** The latest first: the reader opens the page to find who is behind. */
export const DEFAULT_ORDER: SortOrder = { sort: 'late', dir: 'desc' };

/** The order a query string asks for; anything unknown falls back to the default. */
export function parseSort(params: URLSearchParams): SortOrder {
	const sort = params.get('sort');
	const dir = params.get('dir');
	if (!(SORT_KEYS as readonly string[]).includes(sort ?? '')) return DEFAULT_ORDER;
	return { sort: sort as SortKey, dir: dir === 'asc' || dir === 'desc' ? dir : 'asc' };
}

/** How many things make a village late: each overdue item and each disclosure the cadence owes. */
export const lateCount = (r: OverviewRow): number =>
	r.overdue.topics +
	r.overdue.objections +
	r.overdue.cases +
	Number(r.disclosure.generalDue) +
	Number(r.disclosure.financeDue) +
	r.disclosure.consultationFollowUpsDue;

const SORT_VALUE: Record<Exclude<SortKey, 'name'>, (r: OverviewRow) => number | null> = {
	// Late in more respects first (owing a disclosure and answers is worse than many of one kind),
	// then by the number of late items: the fraction n/(n+1) stays below one whole reason.
	late: (r) => r.lateReasons.length + lateCount(r) / (lateCount(r) + 1),
	matters: (r) => r.mattersRunning,
	without_township: (r) => r.withoutTownship,
	refused: (r) => r.refused,
	disclosure: (r) =>
		Number(r.disclosure.generalDue) +
		Number(r.disclosure.financeDue) +
		r.disclosure.consultationFollowUpsDue,
	topics: (r) => r.overdue.topics,
	objections: (r) => r.overdue.objections,
	cases: (r) => r.overdue.cases,
	acceptance: (r) => r.acceptance.permille,
	completion: (r) => r.completion.permille,
	satisfaction: (r) => r.satisfaction.permille
};

const byName = (a: OverviewRow, b: OverviewRow) =>
	a.village.name.localeCompare(b.village.name, 'zh-CN') || a.village.id - b.village.id;

/**
 * Sorted by one column; ties by name. A rate with no base has no place on the scale, so it comes
 * last whichever way the column is sorted.
 */
export function sortRows(rows: readonly OverviewRow[], { sort, dir }: SortOrder): OverviewRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	if (sort === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
	const value = SORT_VALUE[sort];
	return [...rows].sort((a, b) => {
		const x = value(a);
		const y = value(b);
		if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
		return sign * (x - y) || byName(a, b);
	});
}
