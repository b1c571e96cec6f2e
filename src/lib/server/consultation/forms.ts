// The consultation page's forms (parties, materials, meeting, outcome, route, feedback) and the
// urgent coordination's agreed actions done, one schema each, parsed by parseForm; limits are the
// domain's, so longer text is refused, never cut.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, id, optionalId, text } from '../forms';
import { DONE_NOTE_MAX } from './coordination';
import { CONSULT_ROUTES, CONSULT_TEXT_MAX, ROUTE_REASON_MAX } from './outcome';
import { PARTY_INTEREST_MAX, PARTY_NAME_MAX } from './preparation';

// An ISO date (YYYY-MM-DD): anything longer is not one; the domain checks the rest.
const DATE = 'YYYY-MM-DD'.length;

export const partyForm = z.object({
	person: optionalId(m.consult_error_bad_person),
	name: text(PARTY_NAME_MAX),
	interest: text(PARTY_INTEREST_MAX)
});

export const materialsForm = z.object({ date: text(DATE) });

export const meetingLinkForm = z.object({ meeting: id(m.consult_error_bad_meeting) });

export const outcomeForm = z.object({
	outcome: text(CONSULT_TEXT_MAX, { required: m.consult_error_bad_text })
});

export const routeForm = z.object({
	route: choice(CONSULT_ROUTES, m.consult_error_bad_route),
	reason: text(ROUTE_REASON_MAX)
});

export const feedbackForm = z.object({
	feedback: text(CONSULT_TEXT_MAX, { required: m.consult_error_bad_text })
});

/** The agreed actions done: the day (the domain checks it against the meeting and today). */
export const coordinationDoneForm = z.object({
	doneOn: text(DATE, { required: m.consult_coord_error_bad_done_date }),
	note: text(DONE_NOTE_MAX)
});
