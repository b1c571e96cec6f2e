// The words for every refusal of the meeting and vote verbs. They name the votes' refusals too,
// so this module reads their result types: see layers.test.ts for why that is allowed here.
import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import type {
	AddAgendaItemResult,
	AddGuestResult,
	CreateMeetingResult,
	UpdateDraftMeetingResult
} from './calling';
import type {
	AddSpeechResult,
	MarkAttendanceManyResult,
	MarkLeftResult,
	SignInResult
} from './attendance';
import type { MinutesRefusal } from './minutes';
import { EMERGENCY_REASON_MAX, type NotifyMeetingResult, type OpenMeetingResult } from './notice';
import type { ReNoticeMeetingResult } from './re-notice';
import { ENTRUSTMENT_NOTE_MAX, type EntrustmentRefusal } from './entrustments';
import type { CastBallotResult, RecordBallotsResult } from '../votes/ballots';
import type { CloseMeetingResult, CloseMotionResult } from '../votes/closing';
import type { CreateMotionResult, OpenMotionResult } from '../votes/motions';
import type { MarkRecusalResult } from '../votes/recusals';
import type { Clash } from '../venues/clash';
import { clashMessage } from '../venues/messages';

/** Every reason a meeting or motion command can refuse with. */
export type MeetingRefusal = Refusal<
	| CreateMeetingResult
	| UpdateDraftMeetingResult
	| AddAgendaItemResult
	| NotifyMeetingResult
	| ReNoticeMeetingResult
	| OpenMeetingResult
	| SignInResult
	| MarkAttendanceManyResult
	| MarkLeftResult
	| AddGuestResult
	| AddSpeechResult
	| CreateMotionResult
	| OpenMotionResult
	| CastBallotResult
	| RecordBallotsResult
	| CloseMotionResult
	| CloseMeetingResult
	| MarkRecusalResult
>;

/** Why a meeting or vote command was refused, in words the clerk or voter can act on. */
export function meetingRefusalMessage(
	reason: MeetingRefusal,
	params: {
		earliest?: string;
		meetingDate?: string;
		formula?: string;
		present?: number;
		ballots?: number;
		clash?: Clash;
	} = {}
): string {
	const messages: Record<MeetingRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		not_draft: m.meeting_refused_not_draft,
		not_notified: m.meeting_refused_not_notified,
		not_open: m.meeting_refused_not_open,
		closed: m.meeting_refused_closed,
		no_agenda: m.meeting_refused_no_agenda,
		too_late: () => m.meeting_refused_too_late({ earliest: params.earliest ?? '' }),
		too_early: () => m.meeting_refused_too_early({ earliest: params.earliest ?? '' }),
		not_meeting_day: () =>
			m.meeting_refused_not_meeting_day({ meetingDate: params.meetingDate ?? '' }),
		unchanged: m.meeting_refused_renotice_unchanged,
		other_rule_set: m.meeting_refused_renotice_other_rule_set,
		bad_reason: () => m.meeting_refused_bad_emergency_reason({ max: EMERGENCY_REASON_MAX }),
		no_temporary_notice: m.meeting_refused_no_temporary_notice,
		attendees_required: m.meeting_refused_attendees_required,
		none_ticked: m.meeting_refused_none_ticked,
		bad_attendee: m.meeting_refused_bad_attendee,
		empty_roster: m.meeting_refused_empty_roster,
		roster_unavailable: m.meeting_refused_roster_unavailable,
		bad_type: m.meeting_refused_bad_type,
		bad_title: m.meeting_refused_bad_title,
		bad_date: m.meeting_refused_bad_date,
		bad_time: m.mtg_new_bad_time,
		bad_place: m.meeting_refused_bad_place,
		bad_materials: m.meeting_refused_bad_materials,
		bad_group: m.meeting_refused_bad_group,
		bad_person: m.meeting_refused_bad_person,
		bad_topic: m.meeting_refused_bad_topic,
		bad_name: m.meeting_refused_bad_name,
		bad_text: m.meeting_refused_bad_text,
		not_on_roster: m.meeting_refused_not_on_roster,
		left: m.meeting_refused_left,
		not_signed_in: m.meeting_refused_not_signed_in,
		no_vote: m.meeting_refused_no_vote,
		bad_method: m.meeting_refused_bad_method,
		no_quorum: () => m.meeting_refused_no_quorum({ formula: params.formula ?? '' }),
		wrong_method: m.meeting_refused_wrong_method,
		not_a_voter: m.meeting_refused_not_a_voter,
		already_voted: m.meeting_refused_already_voted,
		bad_choice: m.meeting_refused_bad_choice,
		more_than_present: () => m.meeting_refused_more_than_present({ present: params.present ?? 0 }),
		more_than_ballots: m.meeting_refused_more_than_ballots,
		bad_tally: m.meeting_refused_bad_tally,
		bad_names: m.meeting_refused_bad_names,
		paper_already_counted: m.meeting_refused_paper_already_counted,
		unconfirmed: m.meeting_refused_unconfirmed,
		no_tally: m.meeting_refused_no_tally,
		motions_open: m.meeting_refused_motions_open,
		bad_minutes: m.meeting_refused_bad_minutes,
		recused: m.meeting_refused_recused,
		not_present_at_vote: m.meeting_refused_not_present_at_vote,
		bad_recusal_reason: m.meeting_refused_bad_recusal_reason,
		not_close_relative: m.meeting_refused_not_close_relative,
		already_recused: m.meeting_refused_already_recused,
		count_taken: m.meeting_refused_count_taken,
		bad_venue: m.ven_meeting_bad_venue,
		bad_end_time: m.ven_meeting_bad_end_time,
		venue_retired: m.ven_meeting_venue_retired,
		venue_clash: () => (params.clash ? clashMessage(params.clash) : m.ven_meeting_bad_venue())
	};
	return messages[reason]();
}

/** A motion command refused with 'not_open' / 'not_draft' speaks of the vote, not the meeting. */
export function motionRefusalMessage(
	reason: MeetingRefusal,
	params: { formula?: string; present?: number; ballots?: number } = {}
): string {
	if (reason === 'not_open') return m.meeting_refused_motion_not_open();
	if (reason === 'not_draft') return m.meeting_refused_not_draft_motion();
	return meetingRefusalMessage(reason, params);
}

/** Why a minutes command was refused; who may and what exists read as for the meeting. */
export function minutesRefusalMessage(reason: MinutesRefusal): string {
	const messages: Record<MinutesRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		confirmed: m.mtg_minutes_refused_confirmed,
		not_closed: m.mtg_minutes_refused_not_closed,
		not_attendee: m.mtg_minutes_refused_not_attendee,
		bad_text: m.mtg_minutes_refused_bad_text,
		bad_correction: m.mtg_minutes_refused_bad_correction,
		bad_reason: m.mtg_minutes_refused_bad_reason
	};
	return messages[reason]();
}

/** Why a written entrustment was refused, naming the rule of 集体经济组织法 第二十七条 it breaks. */
export function entrustmentRefusalMessage(reason: EntrustmentRefusal): string {
	const messages: Record<EntrustmentRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		wrong_meeting: m.entrust_refused_wrong_meeting,
		not_live: m.entrust_refused_not_live,
		bad_date: m.entrust_refused_bad_date,
		bad_note: () => m.entrust_refused_bad_note({ max: ENTRUSTMENT_NOTE_MAX }),
		principal_not_member: m.entrust_refused_principal_not_member,
		proxy_unknown: m.entrust_refused_proxy_unknown,
		same_person: m.entrust_refused_same_person,
		other_household: m.entrust_refused_other_household,
		proxy_deceased: m.entrust_refused_proxy_deceased,
		proxy_minor: m.entrust_refused_proxy_minor,
		proxy_not_member: m.entrust_refused_proxy_not_member,
		already_entrusted: m.entrust_refused_already_entrusted,
		principal_is_proxy: m.entrust_refused_principal_is_proxy,
		proxy_is_principal: m.entrust_refused_proxy_is_principal,
		second_proxy: m.entrust_refused_second_proxy
	};
	return messages[reason]();
}
