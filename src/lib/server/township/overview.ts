// The township's overview across its villages (issue 19 item 1): one row per village, each number
// counted by the rule the village’s own pages use (docs/domain.md, "The township’s overview"), each
// figure read for every village in one grouped query so that a township of tens of villages stays
// one quick page.
import type { Db } from '../db';
import {
	CONSULTATION_DISCLOSURE_KINDS,
	disclosureCadence,
	type DisclosureCadence
} from '../notices/notices';
import { overdueCasesByVillage, windowCounts } from '../services/queries';
import { serviceFigures, type ServiceCounts } from '../figures/services';
import { permille } from '../figures/period';
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

// A matter's events, each with whether a township attendee came and the resolution of its step 4.
const EVENT_COLUMNS = `e.kind, e.steps, e.reason, e.created_at, e.motion_id,
	case when e.motion_id is null then null else exists (
	  select 1 from motions mo join meeting_guests g on g.meeting_id = mo.meeting_id
	  where mo.id = e.motion_id and g.kind = 'township') end as township,
	(select r.id from resolutions r where r.motion_id = e.motion_id) as resolution_id`;
// The state list lets the (village, state) index find them: a bare "or end_kind" read every topic
// of the village (117 ms for a village of 10,000 topics, 27 ms so).
const ON_THE_TRACK = `t.state in ('four_plus_two', 'completed')
	and (t.state = 'four_plus_two' or t.end_kind in ('archive', 'vote_failed'))`;

/** Every 4+2 matter of the village with its events, in one query (no query per matter). */
export function mattersOf(db: Db, villageId: number): MatterLine[] {
	const rows = db
		.prepare(
			`select t.id, t.number, t.title, ${EVENT_COLUMNS}
			 from topics t left join procedure_events e on e.topic_id = t.id
			 where t.village_id = ? and ${ON_THE_TRACK} order by t.id, e.id`
		)
		.all(villageId) as EventRow[];
	return linesOf(rows);
}

/**
 * The matters of many villages, for the overview, which counts them and shows none: their numbers
 * and titles are not read, and a matter with no event yet (waiting on step 1, most of them) is
 * counted in SQL rather than read row by row.
 */
function mattersByVillage(db: Db, villageIds: readonly number[]): Map<number, MatterLine[]> {
	const ids = JSON.stringify(villageIds);
	const byVillage = new Map<number, EventRow[]>();
	const rows = db
		.prepare(
			`select t.village_id as villageId, t.id, '' as number, '' as title, ${EVENT_COLUMNS}
			 from topics t join procedure_events e on e.topic_id = t.id
			 where t.village_id in (select value from json_each(?)) and ${ON_THE_TRACK}
			 order by t.id, e.id`
		)
		.all(ids) as (EventRow & { villageId: number })[];
	for (const r of rows) {
		const list = byVillage.get(r.villageId);
		if (list) list.push(r);
		else byVillage.set(r.villageId, [r]);
	}
	const unstarted = db
		.prepare(
			`select t.village_id, count(*) from topics t
			 where t.village_id in (select value from json_each(?)) and ${ON_THE_TRACK}
			   and not exists (select 1 from procedure_events e where e.topic_id = t.id)
			 group by t.village_id`
		)
		.raw()
		.all(ids) as [number, number][];
	const [waiting] = linesOf([{ id: 0, number: '', title: '', kind: null } as EventRow]);
	const lines = new Map([...byVillage].map(([id, list]) => [id, linesOf(list)]));
	for (const [id, n] of unstarted)
		lines.set(id, [...(lines.get(id) ?? []), ...Array<MatterLine>(n).fill(waiting)]);
	return lines;
}

/** The matters of rows ordered by topic and event. */
function linesOf(rows: readonly EventRow[]): MatterLine[] {
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

/** What a row is made of, however it was read: one village's queries or the township's. */
interface RowParts {
	matters: readonly MatterLine[];
	cadence: DisclosureCadence;
	overdue: OverviewRow['overdue'];
	services: ServiceRates;
}

/** The counts behind 受理率, 办结率, 满意率 (figures/services.ts). */
type ServiceRates = Pick<
	ServiceCounts,
	| 'filed'
	| 'accepted'
	| 'completed'
	| 'rated'
	| 'satisfied'
	| 'basicallySatisfied'
	| 'acceptancePermille'
	| 'completionPermille'
	| 'satisfactionPermille'
>;

function rowOf(village: TownshipVillage, { matters, cadence, overdue, services: s }: RowParts) {
	const byStage = Object.fromEntries(STAGES.map((st) => [st, 0])) as Record<Stage, number>;
	for (const m of matters) byStage[m.stage]++;
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
	};
}

/** One village's row, and its matters for the village's own view. */
export function villageRow(
	db: Db,
	village: TownshipVillage,
	today: string,
	period: Period
): { row: OverviewRow; matters: MatterLine[] } {
	const matters = mattersOf(db, village.id);
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
	return {
		matters,
		row: rowOf(village, {
			matters,
			cadence: disclosureCadence(db, village.id, today),
			overdue,
			services: serviceFigures(db, { villageId: village.id, ...period, gridId: null })
		})
	};
}

/** A count per village from a query grouped by village (villageId, n); a village absent has 0. */
function countsByVillage(db: Db, sql: string, params: Record<string, unknown>) {
	const rows = db.prepare(sql).raw().all(params) as [number, number][];
	const counts = new Map(rows);
	return (villageId: number) => counts.get(villageId) ?? 0;
}

/**
 * 受理率, 办结率 and 满意率 of many villages in one grouped query, by the rule of
 * figures/services.ts (the overview's tests hold the two to the same numbers): the cases filed in
 * the period, less those withdrawn before anyone was dispatched.
 */
function serviceRatesByVillage(
	db: Db,
	villages: string,
	period: Period
): (villageId: number) => ServiceRates {
	const dispatched = `c.id in (select s.case_id from service_case_steps s where s.kind = 'dispatched')`;
	const rows = db
		.prepare(
			`select c.village_id as villageId, count(*) as filed,
			   coalesce(sum(c.state in ('referred', 'became_topic') or ${dispatched}), 0) as accepted,
			   coalesce(sum(c.state in ('completed', 'closed', 'follow_up')), 0) as completed,
			   coalesce(sum(c.rating = 'satisfied'), 0) as satisfied,
			   coalesce(sum(c.rating = 'basically_satisfied'), 0) as basicallySatisfied,
			   coalesce(sum(c.rating in ('satisfied', 'basically_satisfied', 'unsatisfied')), 0) as rated
			 from service_cases c
			 where c.village_id in (select value from json_each(@villages)) and c.filed_on between @from and @to
			   and not (c.state = 'withdrawn' and not ${dispatched})
			 group by c.village_id`
		)
		.all({ villages, ...period }) as (Omit<
		ServiceRates,
		'acceptancePermille' | 'completionPermille' | 'satisfactionPermille'
	> & { villageId: number })[];
	const byVillage = new Map(rows.map((r) => [r.villageId, r]));
	return (villageId) => {
		const r = byVillage.get(villageId);
		const c = r ?? {
			filed: 0,
			accepted: 0,
			completed: 0,
			rated: 0,
			satisfied: 0,
			basicallySatisfied: 0
		};
		return {
			filed: c.filed,
			accepted: c.accepted,
			completed: c.completed,
			rated: c.rated,
			satisfied: c.satisfied,
			basicallySatisfied: c.basicallySatisfied,
			acceptancePermille: permille(c.accepted, c.filed),
			completionPermille: permille(c.completed, c.accepted),
			satisfactionPermille: permille(c.satisfied + c.basicallySatisfied, c.rated)
		};
	};
}

/**
 * disclosureCadence (notices/notices.ts) of many villages in two grouped queries: the last notice
 * of each kind on or before today, and the consultations still owing their feedback.
 */
function cadenceByVillage(
	db: Db,
	ids: string,
	today: string
): (villageId: number) => DisclosureCadence {
	const consultation = CONSULTATION_DISCLOSURE_KINDS as readonly string[];
	const last = db
		.prepare(
			`select village_id, kind, max(posted_on) from notices
			 where village_id in (select value from json_each(@ids)) and posted_on <= @today
			   and kind in (select value from json_each(@kinds))
			 group by village_id, kind`
		)
		.raw()
		.all({ ids, today, kinds: JSON.stringify(['general', 'finance', ...consultation]) }) as [
		number,
		string,
		string
	][];
	const month = Number(today.slice(5, 7));
	const quarterStart = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
	const followUps = countsByVillage(
		db,
		`select c.village_id, count(*) from consultations c join notices n on n.id = c.outcome_notice_id
		 where c.village_id in (select value from json_each(@ids)) and c.feedback_notice_id is null
		   and n.posted_on < @quarterStart
		 group by c.village_id`,
		{ ids, quarterStart }
	);
	const latest = new Map<
		number,
		{ general: string | null; finance: string | null; consultation: string | null }
	>();
	for (const [villageId, kind, on] of last) {
		const l = latest.get(villageId) ?? { general: null, finance: null, consultation: null };
		const key = consultation.includes(kind) ? 'consultation' : (kind as 'general' | 'finance');
		if (l[key] === null || on > l[key]) l[key] = on;
		latest.set(villageId, l);
	}
	return (villageId) => {
		const l = latest.get(villageId) ?? { general: null, finance: null, consultation: null };
		return {
			lastGeneral: l.general,
			lastFinance: l.finance,
			generalDue: l.general === null || l.general < quarterStart,
			financeDue: l.finance === null || l.finance < `${today.slice(0, 7)}-01`,
			lastConsultation: l.consultation,
			consultationFollowUpsDue: followUps(villageId)
		};
	};
}

/**
 * The overview of a township's villages on `today`, rates over `period`, in the order asked. Each
 * figure is read for all the villages in one grouped query, not a handful of queries per
 * village: the rows are those villageRow gives.
 */
export function townshipOverview(
	db: Db,
	villages: readonly TownshipVillage[],
	today: string,
	period: Period,
	order: SortOrder = DEFAULT_ORDER
): OverviewRow[] {
	const ids = JSON.stringify(villages.map((v) => v.id));
	const matters = mattersByVillage(
		db,
		villages.map((v) => v.id)
	);
	const topics = countsByVillage(
		db,
		`select village_id, count(*) from topics
		 where village_id in (select value from json_each(@ids)) and state = 'submitted' and triage_due < @today
		 group by village_id`,
		{ ids, today }
	);
	const objections = countsByVillage(
		db,
		`select n.village_id, count(*) from objections o join notices n on n.id = o.notice_id
		 where n.village_id in (select value from json_each(@ids)) and o.answer is null and o.answer_due < @today
		 group by n.village_id`,
		{ ids, today }
	);
	const cases = overdueCasesByVillage(db, ids, today);
	const services = serviceRatesByVillage(db, ids, period);
	const cadence = cadenceByVillage(db, ids, today);
	return sortRows(
		villages.map((v) =>
			rowOf(v, {
				matters: matters.get(v.id) ?? [],
				cadence: cadence(v.id),
				overdue: { topics: topics(v.id), objections: objections(v.id), cases: cases(v.id) },
				services: services(v.id)
			})
		),
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
