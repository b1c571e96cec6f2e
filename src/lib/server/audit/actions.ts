// Every name an audit entry can carry, in one list and one tense: the entry records what happened
// ("meeting.closed"), so every name is `subject.past_participle`. Grep for a name here to find the
// one command that writes it.

export const AUDIT_ACTIONS = [
	'account.activated',
	'account.activation_code_issued',
	'account.created',
	'account.demo_password_set',
	'account.disabled',
	'account.enabled',
	'account.password_changed',
	'ballot.cast',
	'ballot.paper_counted',
	'ballot.roll_call_recorded',
	'consultation.feedback_recorded',
	'consultation.materials_sent',
	'consultation.meeting_linked',
	'consultation.outcome_recorded',
	'consultation.party_added',
	'consultation.route_chosen',
	'coordination.actions_done',
	'coordination.outcome_recorded',
	'filing.acknowledged',
	'filing.filed',
	'filing.returned',
	'grid_point.item_recorded',
	'grid_point.item_resolved',
	'hall_event.attendance_recorded',
	'hall_event.booked',
	'hall_event.cancelled',
	'hall_event.changed',
	'hall_event.checked_in',
	'hall_event.checkin_key_issued',
	'honour_ballot.cast',
	'honour_nomination.filed',
	'honour_nomination.reviewed',
	'honour_round.cancelled',
	'honour_round.counted',
	'honour_round.meeting_count_recorded',
	'honour_round.nominations_closed',
	'honour_round.opened',
	'honour_round.published',
	'honour_round.voting_opened',
	'household.contact_assigned',
	'household.contact_ended',
	'household.notes_updated',
	'household.visit_followed_up',
	'household.visit_logged',
	'implementation.completed',
	'implementation.disclosed',
	'implementation.progress_reported',
	'implementation.started',
	'meeting.agenda_item_added',
	'meeting.checkin_key_issued',
	'meeting.closed',
	'meeting.created',
	'meeting.discussion_started',
	'meeting.entrustment_recorded',
	'meeting.floor_request_removed',
	'meeting.floor_request_withdrawn',
	'meeting.floor_requested',
	'meeting.floor_requests_lapsed',
	'meeting.guest_added',
	'meeting.left',
	'meeting.minutes_attested',
	'meeting.minutes_confirmed',
	'meeting.minutes_corrected',
	'meeting.minutes_text_saved',
	'meeting.notified',
	'meeting.opened',
	'meeting.re_noticed',
	'meeting.signed_in',
	'meeting.speaker_limit_set',
	'meeting.speech_ended',
	'meeting.speech_recorded',
	'meeting.speech_started',
	'meeting.township_invited',
	'meeting.township_signed_in',
	'meeting.updated',
	'meeting.written_opinion_recorded',
	'message.delivered',
	'message.delivery_failed',
	'message.marked_done',
	'message.queued',
	'message.sent',
	'motion.closed',
	'motion.created',
	'motion.hands_counted',
	'motion.opened',
	'motion.presence_fixed',
	'motion.recusal_marked',
	'notice.posted',
	'objection.answered',
	'objection.escalated',
	'objection.filed',
	'objection.recorded',
	'person.preferred_channel_set',
	'procedure.archived',
	'procedure.ended',
	'procedure.reps_authorized',
	'procedure.sent_back',
	'procedure.steps_recorded',
	'referral.answered',
	'referral.opened',
	'resolution.adopted',
	'resolution.corrected',
	'roster.activation_sheet_issued',
	'roster.collective_member_added',
	'roster.collective_membership_ended',
	'roster.grids_added',
	'roster.groups_added',
	'roster.household_updated',
	'roster.imported',
	'roster.notify_preference_set',
	'roster.party_full_membership_recorded',
	'roster.person_deceased',
	'roster.person_moved',
	'roster.person_moved_out',
	'roster.person_updated',
	'roster.relation_recorded',
	'roster.relation_removed',
	'roster.role_assigned',
	'roster.role_ended',
	'rules_document.recorded',
	'rules_revision.change_drafted',
	'rules_revision.change_removed',
	'rules_revision.comment_answered',
	'rules_revision.commented',
	'rules_revision.comments_opened',
	'rules_revision.opened',
	'rules_revision.reviewed',
	'rules_revision.sent_for_review',
	'rules_revision.withdrawn',
	'rules_version.enacted',
	'rules_version.filed',
	'rules_version.filing_acknowledged',
	'service_case.accepted',
	'service_case.became_topic',
	'service_case.closed',
	'service_case.completed',
	'service_case.declined',
	'service_case.dispatched',
	'service_case.filed',
	'service_case.followed_up',
	'service_case.progress_recorded',
	'service_case.rated',
	'service_case.referred',
	'service_case.reopened',
	'service_case.withdrawn',
	'topic.archived',
	'topic.completed',
	'topic.confirmed',
	'topic.coordination_done',
	'topic.cosign_withdrawn',
	'topic.cosigned',
	'topic.created',
	'topic.deleted',
	'topic.draft_updated',
	'topic.drafted',
	'topic.ended_after_failed_vote',
	'topic.feedback_published',
	'topic.moved_to_four_plus_two',
	'topic.obligation_reached',
	'topic.opinion_added',
	'topic.opinion_hidden',
	'topic.read_back_recorded',
	'topic.submitted',
	'topic.triaged',
	'topic.withdrawn',
	'venue.added',
	'venue.changed',
	'venue.retired',
	'village.created',
	'village.hall_rules_changed',
	'village.rule_options_changed',
	'village.service_categories_changed',
	'village.settings_changed',
	'village.visit_cadence_changed',
	'volunteer.added',
	'volunteer.ended',
	'vote.cast',
	'vote.retracted'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry is about: the `subject_type` column. */
export type AuditSubject =
	| 'account'
	| 'consultation'
	| 'grid'
	| 'grid_point_item'
	| 'hall_event'
	| 'honour_nomination'
	| 'honour_round'
	| 'household'
	| 'implementation'
	| 'meeting'
	| 'message'
	| 'motion'
	| 'notice'
	| 'objection'
	| 'person'
	| 'reps_authorization'
	| 'resolution'
	| 'roster'
	| 'rules_document'
	| 'rules_revision'
	| 'rules_version'
	| 'service_case'
	| 'topic'
	| 'township_filing'
	| 'township_referral'
	| 'user'
	| 'venue'
	| 'village'
	| 'volunteer';

/**
 * Names written before the names above were made one tense. The chain hashes every entry, so old
 * entries keep the name they were written with; readers translate them through this table.
 */
export const FORMER_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
	'account.create': 'account.created',
	'ballot.paper': 'ballot.paper_counted',
	'ballot.roll_call': 'ballot.roll_call_recorded',
	'consultation.feedback': 'consultation.feedback_recorded',
	'consultation.meeting': 'consultation.meeting_linked',
	'consultation.outcome': 'consultation.outcome_recorded',
	'consultation.party': 'consultation.party_added',
	'consultation.route': 'consultation.route_chosen',
	'coordination.outcome': 'coordination.outcome_recorded',
	'implementation.complete': 'implementation.completed',
	'implementation.disclose': 'implementation.disclosed',
	'implementation.progress': 'implementation.progress_reported',
	'implementation.start': 'implementation.started',
	'meeting.agenda_add': 'meeting.agenda_item_added',
	'meeting.checkin_key': 'meeting.checkin_key_issued',
	'meeting.close': 'meeting.closed',
	'meeting.create': 'meeting.created',
	'meeting.guest_add': 'meeting.guest_added',
	'meeting.minutes_attest': 'meeting.minutes_attested',
	'meeting.minutes_confirm': 'meeting.minutes_confirmed',
	'meeting.minutes_correction': 'meeting.minutes_corrected',
	'meeting.minutes_text': 'meeting.minutes_text_saved',
	'meeting.notify': 'meeting.notified',
	'meeting.open': 'meeting.opened',
	'meeting.sign_in': 'meeting.signed_in',
	'meeting.speech': 'meeting.speech_recorded',
	'meeting.update': 'meeting.updated',
	'meeting.written_opinion': 'meeting.written_opinion_recorded',
	'motion.close': 'motion.closed',
	'motion.create': 'motion.created',
	'motion.hands': 'motion.hands_counted',
	'motion.open': 'motion.opened',
	'notice.post': 'notice.posted',
	'objection.answer': 'objection.answered',
	'objection.escalate': 'objection.escalated',
	'objection.file': 'objection.filed',
	'procedure.steps': 'procedure.steps_recorded',
	'resolution.adopt': 'resolution.adopted',
	'resolution.correct': 'resolution.corrected',
	'roster.party_full_membership': 'roster.party_full_membership_recorded',
	'topic.create': 'topic.created',
	'topic.delete': 'topic.deleted',
	'village.create': 'village.created',
	'vote.retract': 'vote.retracted'
};

const known = new Set<string>(AUDIT_ACTIONS);

/** The current name of a stored entry's action, whichever name it was written with. */
export function currentAuditAction(stored: string): AuditAction | null {
	if (known.has(stored)) return stored as AuditAction;
	return FORMER_AUDIT_ACTIONS[stored] ?? null;
}

/** Every stored name that means `action`, for a query's `action in (…)`. */
export function storedNamesOf(action: AuditAction): string[] {
	return [
		action,
		...Object.entries(FORMER_AUDIT_ACTIONS)
			.filter(([, current]) => current === action)
			.map(([former]) => former)
	];
}
