// Why an outbox command was refused, in the reader's language: every reason of each result type
// must be worded here, or the type check fails.
import { m } from '$lib/paraglide/messages';
import type { Refusal } from '../result';
import type { MarkDeliveredResult, SetPreferredChannelResult } from './delivery';

type OutboxRefusal = Refusal<MarkDeliveredResult> | Refusal<SetPreferredChannelResult>;

export function outboxRefusalMessage(reason: OutboxRefusal): string {
	const messages: Record<OutboxRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		not_by_hand: m.obx_not_by_hand,
		already_done: m.obx_already_done,
		bad_channel: m.obx_bad_channel
	};
	return messages[reason]();
}
