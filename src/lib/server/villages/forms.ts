// The administrator's form for a new village and its first clerk, and the clerk's forms for the
// village's settings, meeting rules and offline objection route, parsed by parseForm.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, text, whole } from '../forms';
import { NAME_MAX, phone } from '../auth/forms';
import {
	HOLIDAYS_MAX,
	NOTICE_DAYS_MAX,
	NOTICE_DAYS_MIN,
	REPS_NOTICE_DAYS_MAX,
	TRIAGE_DAYS_MAX,
	TRIAGE_DAYS_MIN
} from './settings';
import { OBJECTION_ROUTE_FIELD_MAX } from './objection-route';

// The slug is the village's address (/slug/...): lower-case Latin letters, digits and dashes.
const SLUG = /^[a-z][a-z0-9-]{1,31}$/;

const place = () => text(NAME_MAX);

export const newVillageForm = z.object({
	slug: text(NAME_MAX)
		.transform((s) => s.toLowerCase())
		.refine((s) => SLUG.test(s), { error: () => m.admin_slug_invalid() }),
	name: text(NAME_MAX, { required: true }),
	township: place(),
	district: place(),
	city: place(),
	province: place(),
	oneShoulder: checkbox(),
	clerkName: text(NAME_MAX, { required: true }),
	clerkPhone: phone()
});

// A holiday is an ISO date and a separator: a longer list holds more than the village may keep.
const HOLIDAY_CHARS = 'YYYY-MM-DD\n'.length;

// A required whole() is never null; the pipe only tells the type so.
const days = (min: number, max: number) => whole(min, max, { required: true }).pipe(z.number());

export const settingsForm = z.object({
	triageDays: days(TRIAGE_DAYS_MIN, TRIAGE_DAYS_MAX),
	noticeDays: days(NOTICE_DAYS_MIN, NOTICE_DAYS_MAX),
	// One date a line, or separated by spaces or commas (as copied from a calendar).
	holidays: text(HOLIDAYS_MAX * HOLIDAY_CHARS).transform((s) =>
		s.split(/[\s,，、]+/).filter(Boolean)
	),
	oneShoulder: checkbox()
});

// A lower number than the law's is the domain's to refuse (with the law named), not the form's.
export const ruleOptionsForm = z.object({
	partyAssemblyTwoThirds: checkbox(),
	repsPassOnTotal: checkbox(),
	recusedPresent: checkbox(),
	repsNoticeDays: whole(0, REPS_NOTICE_DAYS_MAX)
});

// Each part may be left empty: the wall notice then leaves it out and the desk says it is missing.
export const objectionRouteForm = z.object({
	office: text(OBJECTION_ROUTE_FIELD_MAX),
	hours: text(OBJECTION_ROUTE_FIELD_MAX),
	supervision: text(OBJECTION_ROUTE_FIELD_MAX)
});
