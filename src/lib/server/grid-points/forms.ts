// The grid point's forms and the volunteers' forms: one schema each, holding the limits of the
// domain, so a route parses with them and hands the domain typed values.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, choice, id, optionalId, text } from '../forms';
import { CATEGORIES } from '../topics/rules';
import { SKILLS_MAX } from '../services/volunteers';
import { ITEM_NOTE_MAX, ITEM_TEXT_MAX } from './records';

// A date field's value: anything longer than YYYY-MM-DD is not a date.
const DATE = 10;
// A category key from a select.
const KEY = 32;

export const recordItemForm = z.object({
	grid: id(),
	raisedOn: text(DATE, { required: () => m.error_date() }),
	person: optionalId(),
	text: text(ITEM_TEXT_MAX, { required: () => m.gp_text_required() })
});

export const toCaseForm = z.object({
	item: id(),
	category: text(KEY, { required: () => m.error_choose_one() }),
	urgent: checkbox()
});

export const toTopicForm = z.object({ item: id(), category: choice(CATEGORIES) });

export const toNoteForm = z.object({
	item: id(),
	note: text(ITEM_NOTE_MAX, { required: () => m.gp_note_required() })
});

export const addVolunteerForm = z.object({
	personId: id(() => m.error_choose_one()),
	skills: text(SKILLS_MAX),
	startDate: text(DATE, { required: () => m.error_date() })
});

export const endVolunteerForm = z.object({
	volunteerId: id(),
	endDate: text(DATE, { required: () => m.error_date() })
});
