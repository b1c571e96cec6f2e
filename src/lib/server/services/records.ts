// A service case as stored, read by every verb of the service window, and its tracking number.
import type { Db } from '../db';
import type { CommandContext } from '../command';
import type { AuditAction } from '../audit/actions';

export const CASE_STATES = [
	'submitted', // 点单: waiting to be dispatched (also after a decline or a reopening)
	'dispatched', // 派单: with an assignee who has not accepted yet
	'in_progress', // 接单: accepted and being handled
	'completed', // 办结: done, waiting for the villager's rating
	'follow_up', // 回访: rated 不满意, a follow-up visit is owed
	'closed', // 评价 given (or the follow-up closed it)
	'referred', // 转乡镇: beyond the village
	'became_topic', // 转议题: needs deliberation; the topic carries it on
	'withdrawn' // 撤回 by the villager
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States in which the case is still the village's to finish. */
export const OPEN_STATES: readonly CaseState[] = [
	'submitted',
	'dispatched',
	'in_progress',
	'follow_up'
];

export const CASE_CHANNELS = [
	'online',
	'grid_point',
	'household_visit',
	'phone',
	'hall_window'
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const STEP_KINDS = [
	'filed',
	'dispatched',
	'accepted',
	'declined',
	'progress',
	'completed',
	'rated',
	'follow_up',
	'reopened',
	'referred',
	'became_topic',
	'withdrawn',
	'closed'
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const CASE_TITLE_MAX = 80;
export const CASE_TEXT_MAX = 2000;

export interface ServiceCase {
	id: number;
	villageId: number;
	number: string;
	category: string;
	title: string;
	description: string;
	personId: number;
	filedByUserId: number;
	channel: CaseChannel;
	consentKind: 'signed_note' | 'read_back' | null;
	consentAt: string | null;
	urgent: boolean;
	state: CaseState;
	limitDays: number;
	filedOn: string;
	dueOn: string;
	stepDueOn: string | null;
	assigneePersonId: number | null;
	dispatchedAt: string | null;
	acceptedAt: string | null;
	completedAt: string | null;
	result: string | null;
	rating: Rating | null;
	ratedAt: string | null;
	closedAt: string | null;
	topicId: number | null;
	createdAt: string;
	updatedAt: string;
}

const COLUMNS = `id, village_id as villageId, number, category, title, description, person_id as personId,
	filed_by_user_id as filedByUserId, channel, consent_kind as consentKind, consent_at as consentAt,
	urgent, state, limit_days as limitDays, filed_on as filedOn, due_on as dueOn, step_due_on as stepDueOn,
	assignee_person_id as assigneePersonId, dispatched_at as dispatchedAt, accepted_at as acceptedAt,
	completed_at as completedAt, result, rating, rated_at as ratedAt, closed_at as closedAt,
	topic_id as topicId, created_at as createdAt, updated_at as updatedAt`;

type Row = Omit<ServiceCase, 'urgent'> & { urgent: number };
const fromRow = (r: Row | undefined): ServiceCase | undefined =>
	r && { ...r, urgent: r.urgent === 1 };

export function findCase(db: Db, villageId: number, id: number): ServiceCase | undefined {
	return fromRow(
		db
			.prepare(`select ${COLUMNS} from service_cases where id = ? and village_id = ?`)
			.get(id, villageId) as Row | undefined
	);
}

export function findCaseByNumber(
	db: Db,
	villageId: number,
	number: string
): ServiceCase | undefined {
	return fromRow(
		db
			.prepare(`select ${COLUMNS} from service_cases where number = ? and village_id = ?`)
			.get(number, villageId) as Row | undefined
	);
}

/** The case's tracking number: the village code, FW (服务), the year and a gapless sequence. */
export function caseNumber(code: string, year: number, seq: number): string {
	return `${code}-FW-${year}-${String(seq).padStart(4, '0')}`;
}

export interface CaseStep {
	id: number;
	kind: StepKind;
	at: string;
	byUserId: number | null;
	personId: number | null;
	note: string;
	/** The rating a `rated` step gave. */
	rating: Rating | null;
}

export function stepsOf(db: Db, caseId: number): CaseStep[] {
	return db
		.prepare(
			`select id, kind, at, by_user_id as byUserId, person_id as personId, note, rating
			 from service_case_steps where case_id = ? order by id`
		)
		.all(caseId) as CaseStep[];
}

/**
 * Records one step of a case and its audit entry, inside the caller's command: the case row says
 * where the case is, the steps say how it got there, the audit chain says who did it.
 */
export function recordStep(
	ctx: CommandContext,
	c: Pick<ServiceCase, 'id'>,
	kind: StepKind,
	action: AuditAction,
	detail: {
		personId?: number | null;
		note?: string;
		rating?: Rating;
		before?: unknown;
		after?: unknown;
	} = {}
): void {
	ctx.db
		.prepare(
			`insert into service_case_steps (case_id, kind, at, by_user_id, person_id, note, rating)
			 values (?, ?, ?, ?, ?, ?, ?)`
		)
		.run(
			c.id,
			kind,
			ctx.now.toISOString(),
			ctx.actor?.userId ?? null,
			detail.personId ?? null,
			detail.note ?? '',
			detail.rating ?? null
		);
	ctx.audit({
		action,
		subjectType: 'service_case',
		subjectId: c.id,
		before: detail.before,
		after: detail.after ?? { step: kind, personId: detail.personId ?? null, note: detail.note }
	});
}
