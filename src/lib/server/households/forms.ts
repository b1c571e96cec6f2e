// The forms of the 联系户 pages: assigning, logging a visit, its follow-up, the notes and the
// cadence setting; one schema each, with the limits the domain sets.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, choice, id, text, textList, whole } from '../forms';
import { VISIT_CADENCE_MAX, VISIT_CADENCE_MIN } from './cadence';
import { NOTE_FIELD_MAX } from './notes';
import { HEARD_MAX, VISIT_MEANS } from './records';

// Dates and keys: anything longer is not one.
const SHORT = 64;

export const assignForm = z.object({
	personId: id(() => m.hh_choose_member()),
	// Household ids as posted by the checkboxes; each is checked by the domain.
	householdIds: textList(SHORT).transform((ids) =>
		ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
	)
});

export const endContactForm = z.object({ contactId: id() });

export const visitForm = z.object({
	visitedOn: text(SHORT, { required: () => m.error_date() }),
	means: choice(VISIT_MEANS),
	heard: text(HEARD_MAX)
});

export const followUpForm = z.object({
	visitId: id(),
	kind: choice(['service', 'topic']),
	personId: id(() => m.hh_not_of_household()),
	title: text(80, { required: () => m.service_title_required() }),
	category: text(SHORT)
});

export const notesForm = z.object({
	situation: text(NOTE_FIELD_MAX),
	needs: text(NOTE_FIELD_MAX),
	opinions: text(NOTE_FIELD_MAX),
	canHelp: text(NOTE_FIELD_MAX),
	canReach: text(NOTE_FIELD_MAX),
	health: text(NOTE_FIELD_MAX),
	healthConsented: checkbox()
});

export const cadenceForm = z.object({
	visitCadenceDays: whole(VISIT_CADENCE_MIN, VISIT_CADENCE_MAX, { required: true })
});
