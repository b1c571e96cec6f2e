// The forms of the venue list, the 红白理事会 rules and the booking desk: one schema each. The
// domain checks again what needs the database (a clash, a limit, a retired venue).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, choice, id, text, whole } from '../forms';
import { EVENT_KINDS } from './records';
import { EVENT_DESCRIPTION_MAX, EVENT_ORGANISER_MAX, EVENT_TITLE_MAX } from './booking';
import { CANCEL_REASON_MAX } from './booking-changes';
import {
	HALL_GUESTS_MAX,
	HALL_HOURS_MAX,
	HALL_RULES_TEXT_MAX,
	HALL_TABLES_MAX
} from './hall-rules';
import { VENUE_CAPACITY_MAX, VENUE_NAME_MAX } from './venues';

// Dates and times: anything longer is not one.
const SHORT = 16;
const HOUSEHOLD_KEY_MAX = 64;

export const venueForm = z.object({
	name: text(VENUE_NAME_MAX, { required: true }),
	capacity: whole(1, VENUE_CAPACITY_MAX, { required: true }),
	outdoor: checkbox(),
	position: whole(1, 1000)
});

export const venueIdForm = z.object({ venueId: id(() => m.ven_no_venue()) });

export const retireVenueForm = z.object({
	venueId: id(() => m.ven_no_venue()),
	from: text(SHORT, { required: true })
});

export const hallRulesForm = z.object({
	privateUses: checkbox(),
	maxTables: whole(1, HALL_TABLES_MAX),
	maxGuests: whole(1, HALL_GUESTS_MAX),
	maxHours: whole(1, HALL_HOURS_MAX),
	text: text(HALL_RULES_TEXT_MAX)
});

const bookingFields = {
	venueId: id(() => m.ven_no_venue()),
	title: text(EVENT_TITLE_MAX, { required: true }),
	date: text(SHORT, { required: true }),
	startTime: text(SHORT, { required: true }),
	endTime: text(SHORT, { required: true }),
	expected: whole(0, VENUE_CAPACITY_MAX),
	tables: whole(0, HALL_TABLES_MAX),
	organiser: text(EVENT_ORGANISER_MAX),
	description: text(EVENT_DESCRIPTION_MAX)
};

export const bookingForm = z.object({
	...bookingFields,
	kind: choice(EVENT_KINDS, () => m.ven_bad_kind()),
	household: text(HOUSEHOLD_KEY_MAX)
});

export const changeBookingForm = z.object(bookingFields);

export const cancelBookingForm = z.object({ reason: text(CANCEL_REASON_MAX, { required: true }) });
