// The shape every verb after filing shares: load the village's case, check who asks, check the
// state the verb starts from, then change the row and record the step (recordStep) in the same
// transaction. Who may do what to a case is decided here, once, for the verbs and the case page.
import { command, type CommandContext, type Forbidden, type NotFound } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { mayFileFor } from '../permissions/filing';
import { isStaffOf } from '../permissions/village';
import { todayInChina } from '../calendar/dates';
import { getVillageSettings } from '../villages/settings';
import { STEP_LIMIT_DAYS, stepDueFrom } from './deadlines';
import { CASE_TEXT_MAX, OPEN_STATES, findCase, type CaseState, type ServiceCase } from './records';

/** The states each verb starts from: the state machine in one table, for the verbs and the page. */
export const FROM = {
	dispatch: ['submitted', 'dispatched'],
	accept: ['dispatched'],
	decline: ['dispatched'],
	progress: ['in_progress'],
	complete: ['in_progress'],
	rate: ['completed'],
	followUp: ['follow_up'],
	refer: OPEN_STATES,
	// Before the work is done: once completed, the villager rates it instead.
	withdraw: ['submitted', 'dispatched', 'in_progress'],
	toTopic: OPEN_STATES
} as const satisfies Record<string, readonly CaseState[]>;
export type CaseVerb = keyof typeof FROM;

export type WrongState = { ok: false; reason: 'wrong_state' };
export type CaseDone = { ok: true; serviceCase: ServiceCase };
export type CaseResult<R extends string = never> =
	CaseDone | Forbidden | NotFound | WrongState | { ok: false; reason: R };

export const isAssignee = (actor: Actor, c: ServiceCase) =>
	actor.personId !== null && actor.personId === c.assigneePersonId;

/** The villager the case is for, or whoever filed it for them. */
export const isOwner = (actor: Actor, c: ServiceCase) =>
	(actor.personId !== null && actor.personId === c.personId) || actor.userId === c.filedByUserId;

/**
 * Who speaks for the villager on their case (withdraw aside): the villager, the filer, or anyone
 * who may file for them today (their grid head, their grid's party members, staff at the window).
 */
export const speaksFor = (db: Db, actor: Actor, villageId: number, c: ServiceCase, today: string) =>
	isOwner(actor, c) || mayFileFor(db, villageId, actor, c.personId, today);

/**
 * Runs one verb on a case. `staffOnly` verbs refuse before the case is read, so someone who may
 * not act learns nothing of it; the others check `allowed` on the loaded case.
 */
export function caseCommand<R extends string>(
	db: Db,
	spec: {
		actor: Actor;
		villageId: number;
		caseId: number;
		now: Date | undefined;
		staffOnly?: boolean;
		allowed?: (c: ServiceCase, ctx: CommandContext) => boolean;
		from: readonly CaseState[];
		run: (c: ServiceCase, ctx: CommandContext) => CaseResult<R>;
	}
): CaseResult<R> {
	const { actor, villageId } = spec;
	return command(db, {
		actor,
		villageId,
		now: spec.now,
		may: spec.staffOnly ? () => isStaffOf(db, actor, villageId) : undefined,
		load: () => findCase(db, villageId, spec.caseId),
		allowed: spec.allowed,
		run: (c, ctx): CaseResult<R> =>
			spec.from.includes(c.state) ? spec.run(c, ctx) : { ok: false, reason: 'wrong_state' }
	});
}

/** Writes the columns a step changes, stamps the row and answers with the case as it now is. */
export function updateCase(
	ctx: CommandContext,
	c: ServiceCase,
	sets: Record<string, string | number | null>
): ServiceCase {
	const all = { ...sets, updated_at: ctx.now.toISOString() };
	ctx.db
		.prepare(
			`update service_cases set ${Object.keys(all)
				.map((k) => `${k} = @${k}`)
				.join(', ')} where id = @id`
		)
		.run({ ...all, id: c.id });
	return findCase(ctx.db, c.villageId, c.id)!;
}

/** The day the step a case now waits on must be done by, on the village's working days. */
export function stepDue(
	ctx: CommandContext,
	c: Pick<ServiceCase, 'villageId' | 'urgent'>,
	step: keyof typeof STEP_LIMIT_DAYS
): string {
	const holidays = getVillageSettings(ctx.db, c.villageId).holidays;
	return stepDueFrom(todayInChina(ctx.now), step, c.urgent, holidays);
}

const chars = (s: string) => [...s].length;

/**
 * A written reason, note or result: required (at least `min` characters) and never cut, so an
 * over-long one is refused whole, with the reason named after what was asked for.
 */
export function checkText<K extends string>(
	text: string,
	min: number,
	kind: K
): { ok: true; text: string } | { ok: false; reason: `${K}_required` | `${K}_too_long` } {
	const t = text.trim();
	if (chars(t) < min) return { ok: false, reason: `${kind}_required` };
	if (chars(t) > CASE_TEXT_MAX) return { ok: false, reason: `${kind}_too_long` };
	return { ok: true, text: t };
}
