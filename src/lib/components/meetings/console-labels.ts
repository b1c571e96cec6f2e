// Display names of the meeting codes the list, the new-meeting form and the console show.
import { m } from '$lib/paraglide/messages';

const TYPE: Record<string, () => string> = {
	branch_committee: m.meeting_type_branch_committee,
	two_committees: m.meeting_type_two_committees,
	party_assembly: m.meeting_type_party_assembly,
	reps_meeting: m.meeting_type_reps_meeting,
	villagers_meeting: m.meeting_type_villagers_meeting,
	group_meeting: m.meeting_type_group_meeting,
	consultation: m.meeting_type_consultation,
	urgent_coordination: m.meeting_type_urgent_coordination,
	collective_members: m.meeting_type_collective_members
};

const STATE: Record<string, () => string> = {
	draft: m.meeting_state_draft,
	notified: m.meeting_state_notified,
	open: m.meeting_state_open,
	closed: m.meeting_state_closed
};

const METHOD: Record<string, () => string> = {
	hands: m.motion_method_hands,
	roll_call: m.motion_method_roll_call,
	named: m.motion_method_named,
	secret: m.motion_method_secret
};

const MOTION_STATE: Record<string, () => string> = {
	draft: m.motion_state_draft,
	open: m.motion_state_open,
	closed: m.motion_state_closed
};

const RESULT: Record<string, () => string> = {
	passed: m.motion_result_passed,
	failed: m.motion_result_failed,
	no_quorum: m.motion_result_no_quorum
};

const CHOICE: Record<string, () => string> = {
	yes: m.choice_yes,
	no: m.choice_no,
	abstain: m.choice_abstain
};

const label = (table: Record<string, () => string>) => (code: string) => table[code]?.() ?? code;

export const meetingTypeLabel = label(TYPE);
export const meetingStateLabel = label(STATE);
export const motionMethodLabel = label(METHOD);
export const motionStateLabel = label(MOTION_STATE);
export const motionResultLabel = label(RESULT);
export const choiceLabel = label(CHOICE);
