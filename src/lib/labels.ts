// The words for every domain code shown to people, in the current language (browser-safe).
// One shape for all: a table from code to message, and what to show for a code not in it.
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import type { TopicTimelineAction } from '$lib/server/topics/queries';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

// `.in(locale)` for words that must be in one language whatever the reader's: the board's Chinese.
const label = (table: Record<string, Message>, fallback?: Message) => {
	const inLocale =
		(locale?: Locale) =>
		(code: string): string =>
			(table[code] ?? fallback)?.({}, { locale }) ?? code;
	return Object.assign(inLocale(), { in: inLocale });
};

// ---------- accounts and the roster ----------

/** An account's role; every village account that is not staff is a villager's. */
export const roleLabel = label(
	{
		admin: m.role_admin,
		clerk: m.role_clerk,
		secretary: m.role_secretary,
		township_official: m.role_township_official,
		township_reviewer: m.role_township_reviewer
	},
	m.role_villager
);

export const rosterRoleLabel = label({
	household_rep: m.rrole_household_rep,
	village_rep: m.rrole_village_rep,
	party_member: m.rrole_party_member,
	branch_committee: m.rrole_branch_committee,
	villagers_committee: m.rrole_villagers_committee,
	branch_secretary: m.rrole_branch_secretary,
	supervision_committee: m.rrole_supervision_committee,
	grid_head: m.rrole_grid_head,
	clerk: m.rrole_clerk
});

/** A roster role held on a day, as the accounts page lists it: full and probationary members apart. */
export const heldRoleLabel = label({
	household_rep: m.rrole_household_rep,
	village_rep: m.rrole_village_rep,
	party_full: m.rrole_party_member,
	party_probationary: m.roster_party_probationary,
	branch_committee: m.rrole_branch_committee,
	villagers_committee: m.rrole_villagers_committee,
	branch_secretary: m.rrole_branch_secretary,
	supervision_committee: m.rrole_supervision_committee,
	grid_head: m.rrole_grid_head,
	clerk: m.rrole_clerk
});

/** What a recorded relative is to the person (民法典 art. 1045's close relatives). */
export const relationKindLabel = label({
	spouse: m.relation_kind_spouse,
	parent: m.relation_kind_parent,
	child: m.relation_kind_child,
	sibling: m.relation_kind_sibling,
	grandparent: m.relation_kind_grandparent,
	grandchild: m.relation_kind_grandchild
});

/** A person's status; anything else is the list's "all" filter. */
export const statusLabel = label(
	{ resident: m.status_resident, moved_out: m.status_moved_out, deceased: m.status_deceased },
	m.status_all
);

// ---------- topics ----------

export const categoryLabel = label(
	{
		development: m.category_development,
		ecology: m.category_ecology,
		talent: m.category_talent,
		livelihood: m.category_livelihood,
		village_rules: m.category_village_rules,
		culture: m.category_culture,
		dispute: m.category_dispute
	},
	m.category_other
);

export const channelLabel = label(
	{
		online: m.channel_online,
		grid_point: m.channel_grid_point,
		household_visit: m.channel_household_visit,
		phone: m.channel_phone,
		hall_window: m.channel_hall_window,
		representative: m.channel_representative,
		cadre: m.channel_cadre
	},
	m.channel_higher_authority
);

export const topicStateLabel = label(
	{
		draft: m.tstate_draft,
		submitted: m.tstate_submitted,
		consultation: m.tstate_consultation,
		four_plus_two: m.tstate_four_plus_two,
		direct: m.tstate_direct,
		merged: m.tstate_merged,
		not_accepted: m.tstate_not_accepted,
		withdrawn: m.tstate_withdrawn
	},
	m.tstate_completed
);

/** How a topic reached 办结 on its track. */
export const topicEndLabel = label(
	{
		direct: m.topic_end_direct,
		archive: m.topic_end_archive,
		feedback: m.topic_end_feedback,
		vote_failed: m.topic_end_vote_failed
	},
	m.topic_end_coordination
);

/** An item of the art. 24 checklist; the village's own major-matters list for anything else. */
export const art24Label = label(
	{
		collective_income: m.art24_collective_income,
		public_welfare: m.art24_public_welfare,
		land_contracting: m.art24_land_contracting,
		collective_project: m.art24_collective_project,
		homestead: m.art24_homestead,
		requisition_compensation: m.art24_requisition_compensation,
		property_disposal: m.art24_property_disposal,
		subsidised_staff: m.art24_subsidised_staff,
		village_planning: m.art24_village_planning,
		assistance: m.art24_assistance
	},
	m.art24_village_major
);

/** Typed over every action a topic's timeline can show, so a name without words fails to compile. */
const TIMELINE_LABELS: Record<TopicTimelineAction, () => string> = {
	'topic.created': m.tl_created,
	'topic.drafted': m.tl_drafted,
	'topic.draft_updated': m.tl_draft_updated,
	'topic.submitted': m.tl_submitted,
	'topic.confirmed': m.tl_confirmed,
	'topic.withdrawn': m.tl_withdrawn,
	'topic.deleted': m.tl_deleted,
	'topic.cosigned': m.tl_cosigned,
	'topic.cosign_withdrawn': m.tl_cosign_withdrawn,
	'topic.obligation_reached': m.tl_obligation_reached,
	'topic.opinion_added': m.tl_opinion_added,
	'topic.opinion_hidden': m.tl_opinion_hidden,
	'topic.read_back_recorded': m.tl_read_back_recorded,
	'topic.triaged': m.tl_triaged,
	'topic.completed': m.tl_completed,
	'topic.archived': m.tl_archived,
	'topic.ended_after_failed_vote': m.tl_ended_after_failed_vote,
	'topic.feedback_published': m.tl_feedback_published,
	'topic.coordination_done': m.tl_coordination_done,
	'topic.moved_to_four_plus_two': m.tl_moved_to_four_plus_two,
	'procedure.steps_recorded': m.tl_procedure_steps_recorded,
	'procedure.sent_back': m.tl_procedure_sent_back,
	'procedure.ended': m.tl_procedure_ended,
	'procedure.archived': m.tl_procedure_archived,
	'procedure.reps_authorized': m.tl_procedure_reps_authorized
};

/** A timeline entry's action; one this version cannot name reads as a change, never as its code. */
export const timelineActionLabel = (action: TopicTimelineAction | null): string =>
	(action ? TIMELINE_LABELS[action] : m.tl_other)();

// ---------- meetings and votes ----------

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
	supervision_committee: m.mtg_attendee_kind_supervision_committee,
	named: m.mtg_attendee_kind_named
});

// ---------- the 4+2 procedure ----------

const stepNames = label({
	1: m.proc_step_1,
	2: m.proc_step_2,
	3: m.proc_step_3,
	4: m.proc_step_4,
	5: m.proc_step_5,
	6: m.proc_step_6
});

export const stepName = (step: number): string => stepNames(String(step));

export const stepLabel = (step: number): string =>
	m.proc_step_label({ step, name: stepName(step) });

type Position = { kind: 'at'; step: number } | { kind: 'complete' | 'ended' | 'archived' };

export function positionLabel(p: Position): string {
	if (p.kind === 'at') return m.proc_position_at({ step: p.step });
	return {
		complete: m.proc_position_complete,
		ended: m.proc_position_ended,
		archived: m.proc_position_archived
	}[p.kind]();
}

// ---------- the notice board ----------

export const noticeKindLabel = label(
	{
		meeting: m.notice_kind_meeting,
		resolution: m.notice_kind_resolution,
		consultation_outcome: m.notice_kind_consultation_outcome,
		consultation_feedback: m.notice_kind_consultation_feedback,
		implementation_result: m.notice_kind_implementation_result,
		general: m.notice_kind_general,
		finance: m.notice_kind_finance
	},
	m.notice_kind_general
);

export const objectionChannelLabel = label(
	{
		online: m.objection_channel_online,
		letter: m.objection_channel_letter,
		in_person: m.objection_channel_in_person,
		phone: m.objection_channel_phone,
		suggestion_box: m.objection_channel_suggestion_box
	},
	m.objection_channel_letter
);

const objectionRoutePart = label({
	office: m.settings_objection_office,
	hours: m.settings_objection_hours,
	supervision: m.settings_supervision_contact
});

/** The parts of the offline objection route still unset, as one phrase ("受理地点、办公时间和…"). */
export const objectionRoutePartLabels = (parts: readonly string[]): string =>
	new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(parts.map(objectionRoutePart));
