import { m } from '$lib/paraglide/messages';
import type { NoticeRefusal } from './objections';

/** Why a notice or objection command was refused, in words the clerk or villager can act on. */
export function noticeRefusalMessage(
	reason: NoticeRefusal,
	context: 'notice' | 'answer' | 'paper' = 'notice'
): string {
	const messages: Record<NoticeRefusal, () => string> = {
		forbidden: context === 'paper' ? m.error_forbidden : m.objection_refused_forbidden,
		not_found: context === 'notice' ? m.notice_refused_not_found : m.error_not_found,
		window_closed:
			context === 'paper' ? m.objection_refused_received_late : m.objection_refused_window_closed,
		no_objections: m.objection_refused_no_objections,
		bad_text: m.objection_refused_bad_text,
		already_answered: m.objection_refused_already_answered,
		not_answered: m.objection_refused_not_answered,
		already_escalated: m.objection_refused_already_escalated,
		bad_kind: m.notice_refused_bad_kind,
		bad_title: m.notice_refused_bad_title,
		bad_body: m.notice_refused_bad_body,
		bad_summary: m.notice_refused_bad_summary,
		bad_link: m.notice_refused_not_found,
		bad_channel: m.objection_refused_bad_channel,
		bad_name: m.objection_refused_bad_name,
		bad_contact: m.objection_refused_bad_contact,
		bad_received: m.objection_refused_bad_received
	};
	return messages[reason]();
}
