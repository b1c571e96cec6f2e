// The console's notice forms: sending the notice (named attendees, a temporary notice's reason)
// and moving a notified meeting to another day (a re-notice). Dates and times are the domain's
// to check; a reason over its limit is refused here, never cut short.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { firstError, optionalId, parseForm, text } from '../forms';
import { accepted, echo, ids, refused, type Parsed } from './console-forms';
import { EMERGENCY_REASON_MAX } from './notice';

// Anything longer is not a date or a time.
const SHORT = 64;

const reason = () => text(EMERGENCY_REASON_MAX);

export const notifyForm = z.object({
	attendee: ids(() => m.meeting_refused_bad_attendee()),
	reason: reason()
});

export function parseNotify(
	form: FormData
): Parsed<{ attendees: number[]; emergencyReason: string }, { reason: string }> {
	const p = parseForm(notifyForm, form);
	const values = { reason: echo(p.values.reason, EMERGENCY_REASON_MAX) };
	if (!p.ok) return refused(firstError(p.errors), values);
	return accepted({ attendees: p.data.attendee, emergencyReason: p.data.reason }, values);
}

export const reNoticeForm = z.object({
	meetingDate: text(SHORT),
	startsAt: text(SHORT),
	endsAt: text(SHORT),
	venueId: optionalId(() => m.ven_meeting_bad_venue()),
	reason: reason()
});

export function parseReNotice(form: FormData) {
	const p = parseForm(reNoticeForm, form);
	const values = {
		meetingDate: echo(p.values.meetingDate, SHORT),
		startsAt: echo(p.values.startsAt, SHORT),
		endsAt: echo(p.values.endsAt, SHORT),
		venueId: echo(p.values.venueId, SHORT),
		reason: echo(p.values.reason, EMERGENCY_REASON_MAX)
	};
	if (!p.ok) return refused(firstError(p.errors), values);
	// A form without the venue select (an older page) keeps the meeting's venue and end time.
	const hasVenue = form.has('venueId');
	return accepted(
		{
			meetingDate: p.data.meetingDate,
			startsAt: p.data.startsAt,
			...(hasVenue ? { venueId: p.data.venueId, endsAt: p.data.endsAt } : {}),
			emergencyReason: p.data.reason
		},
		values
	);
}
