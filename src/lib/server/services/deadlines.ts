// A case's deadlines (时限): the whole case by its category's limit, and each step by its own
// (dispatch and acceptance within a working day, the follow-up visit within three). An overdue
// case is flagged for the dispatcher, the assignee and the dashboard alike, from these two dates.
import { workingDaysAfter } from '../calendar/working-days';
import { OPEN_STATES, type ServiceCase } from './records';

/** Working days each waiting step may take. Urgent cases are dispatched and accepted the same day. */
export const STEP_LIMIT_DAYS = { dispatch: 1, accept: 1, followUp: 3 } as const;

/** The day by which a step begun on `from` must be done, on the village's working-day calendar. */
export function stepDueFrom(
	from: string,
	step: keyof typeof STEP_LIMIT_DAYS,
	urgent: boolean,
	holidays: readonly string[]
): string {
	const days = urgent && step !== 'followUp' ? 0 : STEP_LIMIT_DAYS[step];
	return workingDaysAfter(from, days, holidays);
}

export type Overdue = 'step' | 'case' | null;

/**
 * Whether an open case is late on `today`: past its whole limit (`case`), or past the deadline of
 * the step it waits on (`step`). A case that is done, or waits only on the villager's rating, is
 * never late. The whole limit does not bind a follow-up visit, which has its own.
 */
export function overdueOf(
	c: Pick<ServiceCase, 'state' | 'dueOn' | 'stepDueOn'>,
	today: string
): Overdue {
	if (!OPEN_STATES.includes(c.state)) return null;
	if (c.state !== 'follow_up' && today > c.dueOn) return 'case';
	if (c.stepDueOn !== null && today > c.stepDueOn) return 'step';
	return null;
}
