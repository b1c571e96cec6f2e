// The words for meeting types, states, methods, results, choices and roster kinds (browser-safe).
import { m } from '$lib/paraglide/messages';

const label =
	(table: Record<string, () => string>) =>
	(code: string): string =>
		table[code]?.() ?? code;

export const meetingTypeLabel = label({
	branch_committee: m.meeting_type_branch_committee,
	two_committees: m.meeting_type_two_committees,
	party_assembly: m.meeting_type_party_assembly,
	reps_meeting: m.meeting_type_reps_meeting,
	villagers_meeting: m.meeting_type_villagers_meeting,
	group_meeting: m.meeting_type_group_meeting,
	consultation: m.meeting_type_consultation,
	urgent_coordination: m.meeting_type_urgent_coordination,
	collective_members: m.meeting_type_collective_members
});

export const meetingStateLabel = label({
	draft: m.meeting_state_draft,
	notified: m.meeting_state_notified,
	open: m.meeting_state_open,
	closed: m.meeting_state_closed
});

export const methodLabel = label({
	hands: m.motion_method_hands,
	roll_call: m.motion_method_roll_call,
	named: m.motion_method_named,
	secret: m.motion_method_secret
});

export const motionStateLabel = label({
	draft: m.motion_state_draft,
	open: m.motion_state_open,
	closed: m.motion_state_closed
});

export const resultLabel = label({
	passed: m.motion_result_passed,
	failed: m.motion_result_failed,
	no_quorum: m.motion_result_no_quorum
});

export const choiceLabel = label({
	yes: m.choice_yes,
	no: m.choice_no,
	abstain: m.choice_abstain
});

/** Who a meeting calls, by the role that calls them; 'named' for a meeting of named parties. */
export const attendeeKindLabel = label({
	adult: m.mtg_attendee_kind_adult,
	party_full: m.mtg_attendee_kind_party_full,
	party_probationary: m.mtg_attendee_kind_party_probationary,
	village_rep: m.mtg_attendee_kind_village_rep,
	villagers_committee: m.mtg_attendee_kind_villagers_committee,
	branch_committee: m.mtg_attendee_kind_branch_committee,
	collective_member: m.mtg_attendee_kind_collective_member,
	named: m.mtg_attendee_kind_named
});
