// The words for the outbox's codes (kinds of message, channels, delivery states), in the current
// language; browser-safe, so the outbox pages and the roster's channel choice share them.
import { m } from '$lib/paraglide/messages';

type Message = () => string;

const label =
	(table: Record<string, Message>) =>
	(code: string): string =>
		table[code]?.() ?? code;

export const messageKindLabel = label({
	meeting_called: m.obx_kind_meeting_called,
	meeting_moved: m.obx_kind_meeting_moved,
	vote_opened: m.obx_kind_vote_opened,
	topic_answered: m.obx_kind_topic_answered,
	objection_answered: m.obx_kind_objection_answered,
	case_dispatched: m.obx_kind_case_dispatched,
	case_overdue: m.obx_kind_case_overdue,
	visit_due: m.obx_kind_visit_due
});

export const CHANNEL_CODES = ['online', 'call', 'sms', 'wechat', 'loudspeaker'] as const;

export const channelLabel = label({
	online: m.obx_channel_online,
	call: m.obx_channel_call,
	sms: m.obx_channel_sms,
	wechat: m.obx_channel_wechat,
	loudspeaker: m.obx_channel_loudspeaker
});

export const DELIVERY_STATE_CODES = ['pending', 'sent', 'delivered', 'done', 'failed'] as const;

export const deliveryStateLabel = label({
	pending: m.obx_state_pending,
	sent: m.obx_state_sent,
	delivered: m.obx_state_delivered,
	done: m.obx_state_done,
	failed: m.obx_state_failed
});
