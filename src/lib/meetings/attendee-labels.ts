// Display names of the meeting codes the attendee's pages and the hall show (browser-safe).
import { m } from '$lib/paraglide/messages';

const pick = (labels: Record<string, () => string>, code: string) => labels[code]?.() ?? code;

export const meetingTypeLabel = (type: string) =>
	pick(
		{
			branch_committee: m.meeting_type_branch_committee,
			two_committees: m.meeting_type_two_committees,
			party_assembly: m.meeting_type_party_assembly,
			reps_meeting: m.meeting_type_reps_meeting,
			villagers_meeting: m.meeting_type_villagers_meeting,
			group_meeting: m.meeting_type_group_meeting,
			consultation: m.meeting_type_consultation,
			urgent_coordination: m.meeting_type_urgent_coordination,
			collective_members: m.meeting_type_collective_members
		},
		type
	);

export const meetingStateLabel = (state: string) =>
	pick(
		{
			draft: m.meeting_state_draft,
			notified: m.meeting_state_notified,
			open: m.meeting_state_open,
			closed: m.meeting_state_closed
		},
		state
	);

export const methodLabel = (method: string) =>
	pick(
		{
			hands: m.motion_method_hands,
			roll_call: m.motion_method_roll_call,
			named: m.motion_method_named,
			secret: m.motion_method_secret
		},
		method
	);

export const choiceLabel = (choice: string) =>
	pick({ yes: m.choice_yes, no: m.choice_no, abstain: m.choice_abstain }, choice);

/** Who a meeting calls, by the role that calls them; 'named' for a meeting of named parties. */
export const attendeeKindLabel = (kind: string) =>
	pick(
		{
			adult: m.mtg_attendee_kind_adult,
			party_full: m.mtg_attendee_kind_party_full,
			party_probationary: m.mtg_attendee_kind_party_probationary,
			village_rep: m.mtg_attendee_kind_village_rep,
			villagers_committee: m.mtg_attendee_kind_villagers_committee,
			branch_committee: m.mtg_attendee_kind_branch_committee,
			collective_member: m.mtg_attendee_kind_collective_member,
			named: m.mtg_attendee_kind_named
		},
		kind
	);
