// The 4+2 procedure (四议两公开, docs/domain.md §4) as a pure state machine: six steps in order,
// none skipped. Steps 1–4 are satisfied only by a passed motion on the topic in a closed meeting of
// the step's type; a failed vote at step 3 or 4 sends the matter back to step 2 or ends it. Pure:
// the database layer gathers the facts and stores the events this module allows.
import type { Category } from '../topics/rules';
import type { MeetingType } from '../votes/rules';

export const STEPS = [
	1, // 党组织提议: the branch committee proposes
	2, // 两委商议: the two committees discuss
	3, // 党员大会审议: the party members review
	4, // 村民会议或村民代表会议决议: the decision
	5, // 决议公开: the resolution is published
	6 // 实施结果公开: the implementation result is published
] as const;
export type Step = (typeof STEPS)[number];

/** The meetings whose passed motion satisfies each meeting step. */
export const STEP_MEETINGS: Record<1 | 2 | 3 | 4, readonly MeetingType[]> = {
	1: ['branch_committee'],
	2: ['two_committees'],
	3: ['party_assembly'],
	4: ['villagers_meeting', 'reps_meeting']
};

/** Step 4 of a matter that is the collective economic organisation's alone (集体经济组织法 第二十七条). */
export const COLLECTIVE_DECISION: readonly MeetingType[] = ['collective_members'];

export type ProcedureEvent =
	| { kind: 'steps'; steps: Step[] }
	/** After a failed vote at step 3 or 4: revise from step 2. */
	| { kind: 'sent_back' }
	/** After a failed vote at step 3 or 4: the matter stops here. */
	| { kind: 'ended' }
	| { kind: 'archived' };

export type Position =
	| { kind: 'at'; step: Step; done: Step[] }
	/** All six steps done; the matter may be archived. */
	| { kind: 'complete'; done: Step[] }
	| { kind: 'ended'; done: Step[] }
	| { kind: 'archived'; done: Step[] };

/** Where a matter stands after its events, in order. */
export function positionOf(events: readonly ProcedureEvent[]): Position {
	let done: Step[] = [];
	let stopped: 'ended' | 'archived' | null = null;
	for (const e of events) {
		if (e.kind === 'steps') done = [...new Set([...done, ...e.steps])].sort((a, b) => a - b);
		else if (e.kind === 'sent_back') done = done.filter((s) => s < 2);
		else stopped = e.kind;
	}
	if (stopped) return { kind: stopped, done };
	const next = STEPS.find((s) => !done.includes(s));
	return next === undefined ? { kind: 'complete', done } : { kind: 'at', step: next, done };
}

/** What the database knows of a motion offered for a step. */
export interface MotionFacts {
	/** The motion's agenda item is about this topic. */
	sameTopic: boolean;
	meetingType: MeetingType;
	meetingClosed: boolean;
	result: 'passed' | 'failed' | 'no_quorum' | null;
	/** The day the meeting is held (YYYY-MM-DD). */
	meetingDate: string;
}

/** What the database knows of the matter and the village. */
export interface MatterFacts {
	/** 一肩挑: the branch secretary also chairs the villagers' committee. */
	oneShoulder: boolean;
	category: Category;
	/** A villagers' meeting authorised the representatives' meeting for this kind of matter on the date. */
	repsAuthorized: boolean;
	/**
	 * Every ticked item is, on the meeting date, the collective economic organisation's to decide
	 * (组织法 2026 第二十八条 moved them out; topics/rules.ts `decidingBody`).
	 */
	collectiveMatter: boolean;
	/** The latest meeting date among the motions already recorded on the matter; null before any. */
	lastMeetingDate: string | null;
}

export type StepRefusal =
	| 'ended'
	| 'archived'
	| 'complete'
	| 'not_a_meeting_step'
	| 'other_topic'
	| 'meeting_not_closed'
	| 'motion_not_passed'
	| 'wrong_meeting'
	| 'needs_villagers_meeting'
	| 'reps_not_authorized'
	| 'before_previous_step';

export type StepResult =
	| { ok: true; event: ProcedureEvent }
	| { ok: false; reason: StepRefusal; step?: Step; expected?: readonly MeetingType[] };

function stoppedRefusal(p: Position): StepResult | null {
	if (p.kind === 'ended' || p.kind === 'archived' || p.kind === 'complete')
		return { ok: false, reason: p.kind };
	return null;
}

/**
 * The meetings that may carry `step`: with 一肩挑, step 1 also in the joint meeting of both
 * committees; the decision on the collective economy's own matters in its members' meeting.
 */
function meetingsFor(step: 1 | 2 | 3 | 4, matter: MatterFacts): readonly MeetingType[] {
	if (step === 1 && matter.oneShoulder) return [...STEP_MEETINGS[1], ...STEP_MEETINGS[2]];
	if (step === 4 && matter.collectiveMatter) return COLLECTIVE_DECISION;
	return STEP_MEETINGS[step];
}

/**
 * What the meeting itself must be for the step, whatever its vote: of the step's type, held no
 * earlier than the meeting of the step before, and for a representatives' decision authorised on
 * its date and never on village rules.
 */
function meetingRefusal(
	step: 1 | 2 | 3 | 4,
	meeting: { meetingType: MeetingType; meetingDate: string },
	matter: MatterFacts
): Extract<StepResult, { ok: false }> | null {
	const expected = meetingsFor(step, matter);
	if (!expected.includes(meeting.meetingType))
		return { ok: false, reason: 'wrong_meeting', step, expected };
	if (step === 4 && meeting.meetingType === 'reps_meeting') {
		// 组织法 2018 art. 27, 2026 art. 31: village rules and the charter are the villagers' meeting's alone.
		if (matter.category === 'village_rules')
			return { ok: false, reason: 'needs_villagers_meeting', step };
		if (!matter.repsAuthorized) return { ok: false, reason: 'reps_not_authorized', step };
	}
	// Dates only, no hours: two meetings of one day are in order (docs/domain.md §4).
	if (matter.lastMeetingDate !== null && meeting.meetingDate < matter.lastMeetingDate)
		return { ok: false, reason: 'before_previous_step', step };
	return null;
}

/** The matter's next meeting step, or why it has none. */
function meetingStep(p: Position): Extract<StepResult, { ok: false }> | 1 | 2 | 3 | 4 {
	if (p.kind !== 'at') return { ok: false, reason: p.kind };
	if (p.step > 4) return { ok: false, reason: 'not_a_meeting_step', step: p.step };
	return p.step as 1 | 2 | 3 | 4;
}

/** Records a meeting step (1–4) satisfied by a passed motion; refuses anything else, saying why. */
export function stepByMotion(p: Position, motion: MotionFacts, matter: MatterFacts): StepResult {
	const step = meetingStep(p);
	if (typeof step !== 'number') return step;
	if (!motion.sameTopic) return { ok: false, reason: 'other_topic', step };
	const refusal = meetingRefusal(step, motion, matter);
	if (refusal) return refusal;
	if (!motion.meetingClosed) return { ok: false, reason: 'meeting_not_closed', step };
	if (motion.result !== 'passed') return { ok: false, reason: 'motion_not_passed', step };
	return { ok: true, event: { kind: 'steps', steps: stepsOf(step, motion.meetingType) } };
}

// Steps 1 and 2 in one joint meeting: only where one person leads both committees.
const stepsOf = (step: 1 | 2 | 3 | 4, meetingType: MeetingType): Step[] =>
	step === 1 && meetingType === 'two_committees' ? [1, 2] : [step];

/**
 * Whether a vote on the matter may be opened in this meeting: only where its passing could
 * record the matter's next step. Answers the steps it would record.
 */
export function meetingMayCarry(
	p: Position,
	meeting: { meetingType: MeetingType; meetingDate: string },
	matter: MatterFacts
): { ok: true; steps: Step[] } | Extract<StepResult, { ok: false }> {
	const step = meetingStep(p);
	if (typeof step !== 'number') return step;
	const refusal = meetingRefusal(step, meeting, matter);
	if (refusal) return refusal;
	return { ok: true, steps: stepsOf(step, meeting.meetingType) };
}

export type FailedVoteRefusal = StepRefusal | 'not_a_review_step' | 'motion_passed';

/**
 * After a failed (or inquorate) vote at step 3 or 4, the clerk sends the matter back to step 2
 * or ends it; it never advances.
 */
export function afterFailedVote(
	p: Position,
	motion: MotionFacts,
	choice: 'send_back' | 'end'
): { ok: true; event: ProcedureEvent } | { ok: false; reason: FailedVoteRefusal; step?: Step } {
	const stopped = stoppedRefusal(p);
	if (stopped) return stopped as { ok: false; reason: StepRefusal };
	const step = (p as { step: Step }).step;
	if (step !== 3 && step !== 4) return { ok: false, reason: 'not_a_review_step', step };
	if (!motion.sameTopic) return { ok: false, reason: 'other_topic', step };
	// A collective economy's own matter is decided, and so may fail, in its members' meeting.
	const deciding = step === 4 ? [...STEP_MEETINGS[4], ...COLLECTIVE_DECISION] : STEP_MEETINGS[step];
	if (!deciding.includes(motion.meetingType)) return { ok: false, reason: 'wrong_meeting', step };
	if (!motion.meetingClosed) return { ok: false, reason: 'meeting_not_closed', step };
	if (motion.result === 'passed' || motion.result === null)
		return { ok: false, reason: 'motion_passed', step };
	return { ok: true, event: { kind: choice === 'send_back' ? 'sent_back' : 'ended' } };
}

/** Steps 5 and 6 are done by publishing, in order; archiving only once all six are done. */
export function stepByPublication(
	p: Position,
	what: 'resolution_published' | 'result_disclosed'
): StepResult {
	const stopped = stoppedRefusal(p);
	if (stopped) return stopped;
	const step = (p as { step: Step }).step;
	const wanted: Step = what === 'resolution_published' ? 5 : 6;
	if (step !== wanted) return { ok: false, reason: 'not_a_meeting_step', step };
	return { ok: true, event: { kind: 'steps', steps: [wanted] } };
}

export function archive(
	p: Position
): { ok: true; event: ProcedureEvent } | { ok: false; reason: 'not_complete' } {
	return p.kind === 'complete'
		? { ok: true, event: { kind: 'archived' } }
		: { ok: false, reason: 'not_complete' };
}
