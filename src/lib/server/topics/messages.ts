import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import type { CosignResult } from './cosigning';
import type { CreateTopicResult } from './filing';
import type { OpinionResult } from './opinions';
import type { ReadBackResult } from './read-back';
import type { TopicChangeResult } from './records';
import { OUTCOME_MAX, TRIAGE_REASON_MAX } from './rules';
import type { CompleteResult, TriageResult } from './triage';

/** Every reason a topic command can refuse with; each must be worded below. */
export type TopicRefusal = Refusal<
	| CreateTopicResult
	| TopicChangeResult
	| CosignResult
	| OpinionResult
	| TriageResult
	| CompleteResult
	| ReadBackResult
>;

/** Why a topic command was refused, in words the villager or clerk can act on. */
export function topicRefusalMessage(reason: TopicRefusal): string {
	const messages: Record<TopicRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		wrong_state: m.topic_wrong_state,
		bad_category: m.error_choose_one,
		not_a_villager: m.topic_not_a_villager,
		not_your_villager: m.topic_not_your_villager,
		not_adult: m.topic_not_adult,
		already_cosigned: m.topic_already_cosigned,
		not_cosigned: m.topic_not_cosigned,
		own_topic: m.topic_cosign_own_topic,
		major_needs_four_plus_two: m.triage_major_needs_four_plus_two,
		village_rules_need_meeting: m.triage_village_rules_need_meeting,
		reason_required: m.triage_reason_required,
		reason_too_long: () => m.error_too_long({ max: TRIAGE_REASON_MAX }),
		outcome_too_long: () => m.error_too_long({ max: OUTCOME_MAX }),
		merge_target: m.triage_merge_target,
		bad_item: m.error_choose_one,
		art24_contradiction: m.triage_art24_contradiction,
		mixed_bodies: m.triage_mixed_bodies,
		not_on_behalf: m.topic_not_on_behalf,
		already_answered: m.topic_already_answered,
		read_back_in_future: m.readback_in_future,
		read_back_before_filing: m.readback_before_filing
	};
	return messages[reason]();
}
