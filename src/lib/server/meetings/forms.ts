// The meeting forms outside the console (calling a meeting, an attendee's ballot and written
// opinion, signing in by code, minutes, a coordination meeting's outcome): one schema each.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, choice, id, optionalId, text } from '../forms';
import { isValidDate } from '../calendar/dates';
import { MEETING_TYPES } from '../votes/rules';
import { CHOICES } from './records';
import { CORRECTION_REASON_MAX, CORRECTION_TEXT_MAX, MINUTES_TEXT_MAX } from './minutes';
import { OPINION_MAX_CHARS } from './opinions';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
// Dates, times and codes: anything longer is not one.
const SHORT = 64;
const PLACE_MAX = 100;

export const newMeetingForm = z.object({
	type: choice(MEETING_TYPES, () => m.meeting_refused_bad_type()),
	title: text(100, { required: true }),
	meetingDate: text(SHORT).refine(isValidDate, { error: () => m.error_date() }),
	startsAt: text(SHORT).refine((s) => !s || TIME.test(s), { error: () => m.mtg_new_bad_time() }),
	endsAt: text(SHORT).refine((s) => !s || TIME.test(s), {
		error: () => m.ven_meeting_bad_end_time()
	}),
	venueId: optionalId(() => m.ven_meeting_bad_venue()),
	place: text(PLACE_MAX),
	groupId: optionalId(),
	chairPersonId: optionalId(),
	recorderPersonId: optionalId()
});

export const ballotForm = z.object({
	motionId: id(() => m.mtg_attendee_bad_motion()),
	choice: choice(CHOICES),
	// A phone vote counts only from the second post, the one that answers "确认投票？".
	confirmed: checkbox()
});

export const writtenOpinionForm = z.object({
	agendaItemId: id(() => m.mtg_attendee_bad_item()),
	text: text(OPINION_MAX_CHARS, { required: true })
});

// Long enough for any code typed with spaces; anything longer is not a code.
export const CHECKIN_CODE_MAX = 40;

export const checkinForm = z.object({ code: text(CHECKIN_CODE_MAX) });

export const minutesTextForm = z.object({ text: text(MINUTES_TEXT_MAX) });

export const correctionForm = z.object({
	correction: text(CORRECTION_TEXT_MAX),
	reason: text(CORRECTION_REASON_MAX)
});

// The outcome page offers this many task lines (person, or a name, and the task).
export const TASK_LINES = 4;
const AGREED_MAX = 5000;
const TASK_MAX = 500;
const NAME_MAX = 64;

const taskLines = Object.fromEntries(
	Array.from({ length: TASK_LINES }, (_, i) => [
		[`person${i}`, optionalId()],
		[`name${i}`, text(NAME_MAX)],
		[`task${i}`, text(TASK_MAX)]
	]).flat()
);

// The lines are typed through tasksOf(): their keys are built, so the shape types only the rest.
export const coordinationOutcomeForm = z
	.object({ agreed: text(AGREED_MAX), topic: optionalId() })
	.extend(taskLines as Record<never, never>);

/** The task lines filled in, in order; empty lines are skipped. */
export function tasksOf(form: Record<string, unknown>) {
	const textOf = (v: unknown) => (typeof v === 'string' ? v : '');
	return Array.from({ length: TASK_LINES }, (_, i) => {
		const person = form[`person${i}`];
		return {
			personId: typeof person === 'number' ? person : null,
			name: textOf(form[`name${i}`]),
			task: textOf(form[`task${i}`])
		};
	}).filter((t) => t.personId || t.name || t.task);
}
