import { m } from '$lib/paraglide/messages';
import { meetingTypeLabel } from '$lib/labels';
import type { MeetingType } from '../votes/rules';
import { STEP_MEETINGS } from './rules';
import { openMotionRefusal } from '../meetings/console-refusals';
import type { AuthorizationRefusal } from './matters';
import type { OpenMotionGateResult } from './opening';
import type { ProcedureRefusal } from './publication';
import type { StepRefusal } from './rules';

/** The failed-vote form's own refusal (neither "send back" nor "end" chosen) reads here too. */
type ProcedureFormRefusal = ProcedureRefusal | 'bad_choice';

/** Why a procedure command was refused, naming the rule: the step and the meeting it needs. */
export function procedureRefusalMessage(
	reason: ProcedureFormRefusal,
	params: { step?: number; expected?: readonly MeetingType[] } = {}
): string {
	const step = params.step ?? 0;
	const expected =
		params.expected ?? (step >= 1 && step <= 4 ? STEP_MEETINGS[step as 1 | 2 | 3 | 4] : []);
	const types = expected.map(meetingTypeLabel).join(' / ');
	const messages: Record<ProcedureFormRefusal, () => string> = {
		forbidden: m.proc_refused_forbidden,
		not_found: m.proc_refused_not_found,
		motion_not_found: m.proc_refused_motion_not_found,
		ended: m.proc_refused_ended,
		archived: m.proc_refused_archived,
		complete: m.proc_refused_complete,
		not_a_meeting_step: () => m.proc_refused_not_a_meeting_step({ step }),
		other_topic: m.proc_refused_other_topic,
		meeting_not_closed: m.proc_refused_meeting_not_closed,
		motion_not_passed: m.proc_refused_motion_not_passed,
		wrong_meeting: () => m.proc_refused_wrong_meeting({ step, types }),
		needs_villagers_meeting: m.proc_refused_needs_villagers_meeting,
		reps_not_authorized: m.proc_refused_reps_not_authorized,
		before_previous_step: () => m.proc_refused_before_previous_step({ step }),
		not_a_review_step: () => m.proc_refused_not_a_review_step({ step }),
		motion_passed: m.proc_refused_motion_passed,
		reason_required: m.proc_refused_reason_required,
		bad_choice: m.proc_refused_bad_choice,
		not_at_step_5: () => m.proc_refused_not_at_step_5({ step }),
		no_resolution: m.proc_refused_no_resolution,
		already_published: m.proc_refused_already_published,
		four_plus_two: m.proc_refused_four_plus_two
	};
	return messages[reason]();
}

/** Why recording an authorisation of the representatives' meeting was refused. */
export function authorizationRefusalMessage(reason: AuthorizationRefusal): string {
	const messages: Record<AuthorizationRefusal, () => string> = {
		forbidden: m.proc_refused_forbidden,
		motion_not_found: m.proc_auth_refused_motion_not_found,
		not_a_villagers_meeting: m.proc_auth_refused_not_a_villagers_meeting,
		not_passed: m.proc_auth_refused_not_passed,
		bad_scope: m.proc_auth_refused_bad_scope,
		bad_period: m.proc_auth_refused_bad_period,
		before_adoption: m.proc_auth_refused_before_adoption,
		already_recorded: m.proc_auth_refused_already_recorded
	};
	return messages[reason]();
}

const VOTE_REFUSALS = ['forbidden', 'not_found', 'not_open', 'not_draft', 'no_quorum'] as const;
type VoteRefusal = Extract<OpenMotionGateResult, { reason: (typeof VOTE_REFUSALS)[number] }>;

/** Why the console could not open a vote: the meeting's own reason, or the 4+2 step it cannot carry. */
export function openMotionGateRefusal(r: Extract<OpenMotionGateResult, { ok: false }>): string {
	if ((VOTE_REFUSALS as readonly string[]).includes(r.reason))
		return openMotionRefusal(r as VoteRefusal);
	const step = r as { reason: StepRefusal; step?: number; expected?: readonly MeetingType[] };
	return m.proc_open_refused({ reason: procedureRefusalMessage(step.reason, step) });
}
