// The words for meeting types, states, methods, results and choices (browser-safe).
import { m } from '$lib/paraglide/messages';

const label =
	<K extends string>(table: Record<K, () => string>) =>
	(key: K): string =>
		table[key]();

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
