// Reading topics: lists with filters and Chinese full-text search, the timeline, and the
// closed-loop figures on the clerk's dashboard.
import { currentAuditAction, type AuditAction } from '../audit/actions';
import type { Db } from '../db';
import { addDays, todayInChina } from '../calendar/dates';
import { pageWindow, type Page } from '../roster/people';
import {
	ACCEPTED_STATES,
	END_KINDS,
	TERMINAL_STATES,
	type Category,
	type EndKind,
	type Channel,
	type TopicState
} from './rules';

export interface TopicSummary {
	id: number;
	number: string;
	title: string;
	category: Category;
	state: TopicState;
	channel: Channel;
	proposerName: string | null;
	gridName: string | null;
	submittedAt: string | null;
	triageDue: string | null;
	overdue: boolean;
	major: boolean;
	cosigns: number;
}

export interface TopicFilters {
	state?: TopicState | null;
	category?: Category | null;
	gridId?: number | null;
	channel?: Channel | null;
	overdue?: boolean;
	search?: string;
	// My topics: proposed by this person, or filed by this user.
	mine?: { personId: number | null; userId: number };
	page?: number;
	pageSize?: number;
}

/**
 * The FTS5 trigram index matches terms of 3 characters or more; a shorter term (果树) would match
 * nothing, so then every term goes through LIKE instead. Terms are quoted so that user input
 * cannot be read as FTS syntax.
 */
export function searchClause(
	search: string
): { sql: string; params: Record<string, string> } | null {
	const terms = search.trim().slice(0, 100).split(/\s+/).filter(Boolean).slice(0, 8);
	if (terms.length === 0) return null;
	if (terms.every((t) => [...t].length >= 3)) {
		const match = terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
		return {
			sql: 't.id in (select rowid from topics_fts where topics_fts match @match)',
			params: { match }
		};
	}
	const params: Record<string, string> = {};
	const parts = terms.map((t, i) => {
		params[`like${i}`] = `%${t.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		return `(t.title like @like${i} escape '\\' or t.description like @like${i} escape '\\' or t.number like @like${i} escape '\\' or t.place like @like${i} escape '\\')`;
	});
	return { sql: parts.join(' and '), params };
}

/** The where clause and parameters of a topic list with these filters. */
function topicQuery(villageId: number, f: TopicFilters, today: string) {
	const where = ['t.village_id = @village'];
	const params: Record<string, unknown> = { village: villageId, today };
	if (f.mine) {
		// A draft someone is writing for me is not mine to see until it is submitted.
		where.push(
			"((t.proposer_person_id = @minePerson and t.state != 'draft') or t.filed_by_user_id = @mineUser)"
		);
		params.minePerson = f.mine.personId ?? -1;
		params.mineUser = f.mine.userId;
	} else {
		// Drafts are private to whoever is writing them.
		where.push("t.state != 'draft'");
	}
	if (f.state) {
		where.push('t.state = @state');
		params.state = f.state;
	}
	if (f.category) {
		where.push('t.category = @category');
		params.category = f.category;
	}
	if (f.channel) {
		where.push('t.channel = @channel');
		params.channel = f.channel;
	}
	if (f.gridId) {
		where.push('h.grid_id = @grid');
		params.grid = f.gridId;
	}
	if (f.overdue) where.push("t.state = 'submitted' and t.triage_due < @today");
	const search = searchClause(f.search ?? '');
	if (search) {
		where.push(search.sql);
		Object.assign(params, search.params);
	}
	const joins = `left join people p on p.id = t.proposer_person_id
		left join households h on h.id = p.household_id left join grids g on g.id = h.grid_id`;
	return {
		params,
		from: `from topics t ${joins} where ${where.join(' and ')}`,
		// Each join meets at most one row, so only the grid filter needs them to count: without them
		// the count is read from the index alone (10,000 topics: 0.1 ms instead of 3 ms).
		countFrom: `from topics t ${f.gridId ? joins : ''} where ${where.join(' and ')}`
	};
}

const SUMMARY_COLUMNS = `t.id, t.number, t.title, t.category, t.state, t.channel, p.name as proposerName,
	g.name as gridName, t.submitted_at as submittedAt, t.triage_due as triageDue,
	(t.state = 'submitted' and t.triage_due < @today) as overdue, t.major,
	(select count(*) from topic_cosigns c where c.topic_id = t.id) as cosigns`;

type SummaryRow = Omit<TopicSummary, 'overdue' | 'major'> & { overdue: number; major: number };
const summaryOf = (r: SummaryRow): TopicSummary => ({
	...r,
	overdue: r.overdue === 1,
	major: r.major === 1
});

export function listTopics(
	db: Db,
	villageId: number,
	f: TopicFilters = {},
	today = todayInChina()
): Page<TopicSummary> {
	const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
	const { params, from, countFrom } = topicQuery(villageId, f, today);
	const total = (db.prepare(`select count(*) as n ${countFrom}`).get(params) as { n: number }).n;
	const { page, pages, offset } = pageWindow(total, f.page, pageSize);
	const rows = db
		.prepare(`select ${SUMMARY_COLUMNS} ${from} order by t.id desc limit @limit offset @offset`)
		.all({ ...params, limit: pageSize, offset }) as SummaryRow[];
	return { items: rows.map(summaryOf), total, page, pageSize, pages };
}

/** Every topic the filters match, oldest first, for the register the clerk exports (台账). */
export function topicRegister(
	db: Db,
	villageId: number,
	f: TopicFilters = {},
	today = todayInChina()
): TopicSummary[] {
	const { params, from } = topicQuery(villageId, f, today);
	const rows = db
		.prepare(`select ${SUMMARY_COLUMNS} ${from} order by t.id`)
		.all(params) as SummaryRow[];
	return rows.map(summaryOf);
}

/** The actions an entry about a topic (subject_type 'topic') carries: its own and the 4+2 procedure's. */
export type TopicTimelineAction = Extract<AuditAction, `topic.${string}` | `procedure.${string}`>;

const onTimeline = (a: AuditAction | null): a is TopicTimelineAction =>
	a !== null && (a.startsWith('topic.') || a.startsWith('procedure.'));

/** A stored name as the timeline shows it: old names read as the current ones, others as null. */
export function timelineAction(stored: string): TopicTimelineAction | null {
	const action = currentAuditAction(stored);
	return onTimeline(action) ? action : null;
}

export interface TimelineEntry {
	id: number;
	at: string;
	/** The current name, whichever name the entry was written with; null for a name unknown here. */
	action: TopicTimelineAction | null;
	actorName: string | null;
	detail: Record<string, unknown> | null;
	hash: string;
}

/** Every recorded change of one topic, oldest first, straight from the audit chain. */
export function topicTimeline(db: Db, villageId: number, topicId: number): TimelineEntry[] {
	const rows = db
		.prepare(
			`select a.id, a.at, a.action, u.name as actorName, a.after, a.hash from audit a left join users u on u.id = a.actor_id
			 where a.subject_type = 'topic' and a.subject_id = ? and a.village_id = ? order by a.id`
		)
		.all(String(topicId), villageId) as {
		id: number;
		at: string;
		action: string;
		actorName: string | null;
		after: string | null;
		hash: string;
	}[];
	return rows.map((r) => ({
		id: r.id,
		at: r.at,
		action: timelineAction(r.action),
		actorName: r.actorName,
		detail: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
		hash: r.hash
	}));
}

export interface ClosedLoopFigures {
	from: string;
	to: string;
	received: number;
	triaged: number;
	accepted: number;
	concluded: number;
	/** The concluded topics that reached their track's end (办结), by end; the rest were refused or merged. */
	ended: Record<EndKind, number>;
	// Percentages as whole numbers of tenths (受理率 871 = 87.1 %), null when there is no base.
	acceptanceRatePermille: number | null;
	completionRatePermille: number | null;
	averageDaysToTriage: number | null;
}

/**
 * The UTC bounds of the China days [from, to]: from 00:00 on `from` to before 00:00 after `to`
 * (UTC+8), so that a range on the stored UTC timestamp is read from its index, where
 * date(submitted_at, '+8 hours') had to be computed for every topic of the village.
 */
export const chinaDaysInUtc = (from: string, to: string) => ({
	fromUtc: `${addDays(from, -1)}T16:00:00.000Z`,
	toUtc: `${to}T16:00:00.000Z`
});

/**
 * Over the topics submitted on a day (China time) in [from, to], withdrawn ones left out
 * (docs/domain.md §3.6): 受理率 = accepted / triaged, where triaged have a triage decision and
 * accepted were put on a track (still on it or ended there) or merged; 办结率 = concluded /
 * received, where concluded reached their track's end (办结: direct handling closed, 4+2 matter
 * archived, consultation feedback published, urgent coordination's actions done), were merged,
 * or were not accepted.
 */
export function closedLoopFigures(
	db: Db,
	villageId: number,
	from: string,
	to: string
): ClosedLoopFigures {
	const accepted = ACCEPTED_STATES.map((s) => `'${s}'`).join(',');
	const concludedStates = TERMINAL_STATES.filter((s) => s !== 'withdrawn')
		.map((s) => `'${s}'`)
		.join(',');
	const endCounts = END_KINDS.map(
		(k) => `coalesce(sum(state = 'completed' and end_kind = '${k}'), 0) as end_${k}`
	).join(', ');
	const r = db
		.prepare(
			`select count(*) as received,
			   coalesce(sum(triaged_at is not null), 0) as triaged,
			   coalesce(sum(triaged_at is not null and state in (${accepted}, 'merged')), 0) as accepted,
			   coalesce(sum(state in (${concludedStates})), 0) as concluded,
			   ${endCounts},
			   avg(case when triaged_at is not null then julianday(triaged_at) - julianday(submitted_at) end) as avgDays
			 from topics where village_id = @village and submitted_at >= @fromUtc and submitted_at < @toUtc
			   and state != 'withdrawn'`
		)
		.get({ village: villageId, ...chinaDaysInUtc(from, to) }) as {
		received: number;
		triaged: number;
		accepted: number;
		concluded: number;
		avgDays: number | null;
	} & Record<`end_${EndKind}`, number>;
	const permille = (a: number, b: number) => (b === 0 ? null : Math.round((1000 * a) / b));
	return {
		from,
		to,
		received: r.received,
		triaged: r.triaged,
		accepted: r.accepted,
		concluded: r.concluded,
		ended: Object.fromEntries(END_KINDS.map((k) => [k, r[`end_${k}`]])) as Record<EndKind, number>,
		acceptanceRatePermille: permille(r.accepted, r.triaged),
		completionRatePermille: permille(r.concluded, r.received),
		averageDaysToTriage: r.avgDays === null ? null : Math.round(r.avgDays * 10) / 10
	};
}

export interface OpenObligation {
	topicId: number;
	number: string;
	title: string;
	kind: 'villagers_meeting' | 'reps_meeting';
	reachedOn: string;
}

export function openObligations(db: Db, villageId: number): OpenObligation[] {
	return db
		.prepare(
			// From the few obligations to their topics (cross join keeps that order): the planner
			// would otherwise read every topic of the village to look each one's obligations up.
			`select t.id as topicId, t.number, t.title, o.kind, o.reached_on as reachedOn from topic_obligations o
			 cross join topics t on t.id = o.topic_id where t.village_id = ? and t.state not in ('withdrawn', 'not_accepted', 'merged', 'completed')
			 order by o.reached_on, t.id`
		)
		.all(villageId) as OpenObligation[];
}
