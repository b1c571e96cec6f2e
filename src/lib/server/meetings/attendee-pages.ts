// Shared by the attendee's pages (the meeting page and check-in): which meeting the URL names, who
// may see it, and refusals worded for the person holding the phone.
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { getMeeting } from '$lib/server/meetings/records';
import { type MeetingRefusal } from '$lib/server/meetings/messages';
import { motionRefusalMessage } from '$lib/server/meetings/messages';
import { isMemberOf, isVillageStaff } from '$lib/server/permissions';
import { idParam, villageFromSlug } from '$lib/server/villages/context';

type Event = Pick<RequestEvent, 'locals'> & { params: { village?: string; id?: string } };

/** The meeting in the URL; a draft, another village's id or nonsense reads as missing. */
export function meetingFromParams(event: Event) {
	const village = villageFromSlug(event.params.village ?? '');
	const user = event.locals.user;
	const staff = isVillageStaff(user, village);
	const id = idParam(event.params.id);
	const meeting = id ? getMeeting(getDb(), village.id, id) : null;
	// The notice is public once sent; a draft is the staff's work in progress.
	if (!meeting || (meeting.state === 'draft' && !staff)) error(404, m.error_not_found());
	return { village, meeting, user, staff, member: isMemberOf(user, village) };
}

const SELF: Partial<Record<MeetingRefusal, () => string>> = {
	not_on_roster: m.mtg_attendee_refused_not_on_roster,
	forbidden: m.mtg_attendee_refused_not_on_roster,
	left: m.mtg_attendee_refused_left,
	not_signed_in: m.mtg_attendee_refused_not_signed_in,
	not_a_voter: m.mtg_attendee_refused_not_a_voter,
	recused: m.mtg_attendee_refused_recused,
	not_present_at_vote: m.mtg_attendee_refused_not_present_at_vote,
	not_found: m.mtg_attendee_bad_motion
};

/** The shared refusal texts speak of "this person" to the clerk; on one's own phone, of "you". */
export function attendeeRefusalMessage(reason: MeetingRefusal): string {
	return SELF[reason]?.() ?? motionRefusalMessage(reason);
}
