// The words of each kind of message, from the message catalogue in the village's language
// (zh-CN): the producers hand the facts, so a title or body reads the same from every event.
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';

const ZH = { locale: 'zh-CN' as const };

export interface Words {
	title: string;
	body: string;
}

export interface MeetingFacts {
	title: string;
	meetingDate: string;
	startsAt: string;
	place: string;
}

const when = (f: MeetingFacts) => ({
	title: f.title,
	date: f.meetingDate,
	time: f.startsAt || m.obx_msg_time_tbd({}, ZH),
	place: f.place || m.obx_msg_place_tbd({}, ZH)
});

export const meetingCalledWords = (f: MeetingFacts): Words => ({
	title: m.obx_msg_meeting_called_title({ title: f.title }, ZH),
	body: m.obx_msg_meeting_called_body(when(f), ZH)
});

export const meetingMovedWords = (f: MeetingFacts): Words => ({
	title: m.obx_msg_meeting_moved_title({ title: f.title }, ZH),
	body: m.obx_msg_meeting_moved_body(when(f), ZH)
});

export const voteOpenedWords = (f: { meeting: string; title: string }): Words => ({
	title: m.obx_msg_vote_opened_title({ title: f.title }, ZH),
	body: m.obx_msg_vote_opened_body(f, ZH)
});

export const topicAnsweredWords = (f: { number: string; title: string }): Words => ({
	title: m.obx_msg_topic_answered_title({ number: f.number }, ZH),
	body: m.obx_msg_topic_answered_body(f, ZH)
});

export const objectionAnsweredWords = (f: { notice: string }): Words => ({
	title: m.obx_msg_objection_answered_title(f, ZH),
	body: m.obx_msg_objection_answered_body(f, ZH)
});

export const caseDispatchedWords = (f: { number: string; title: string }): Words => ({
	title: m.obx_msg_case_dispatched_title({ number: f.number }, ZH),
	body: m.obx_msg_case_dispatched_body(f, ZH)
});

export const caseOverdueWords = (f: { number: string; title: string }): Words => ({
	title: m.obx_msg_case_overdue_title({ number: f.number }, ZH),
	body: m.obx_msg_case_overdue_body(f, ZH)
});

export const visitDueWords = (f: { household: string }): Words => ({
	title: m.obx_msg_visit_due_title(f, ZH),
	body: m.obx_msg_visit_due_body(f, ZH)
});

/** The page a message links to, under the village's public address. */
export function villagePath(db: Db, villageId: number, ...parts: (string | number)[]): string {
	const slug = db
		.prepare('select slug from villages where id = ?')
		.pluck()
		.get(villageId) as string;
	return ['', slug, ...parts.map((p) => encodeURIComponent(String(p)))].join('/');
}

/** The text for the village's WeChat group: the title, the body (time and place), and the link. */
export function wechatText(
	message: { title: string; body: string; link: string },
	origin: string
): string {
	const lines = [message.title, message.body];
	if (message.link)
		lines.push(m.obx_wechat_details({ url: new URL(message.link, origin).href }, ZH));
	return lines.join('\n');
}
