// The notice forms (the desk's new notice and correction, filing, recording and answering an
// objection), one
// schema each, parsed by parseForm; limits are the domain's, so longer text is refused, never cut.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, choice, id, text } from '../forms';
import { DESK_KINDS, NOTICE_BODY_MAX, NOTICE_SUMMARY_MAX, NOTICE_TITLE_MAX } from './notices';
import { OBJECTION_TEXT_MAX, PAPER_CHANNELS } from './objections';
import { OBJECTOR_CONTACT_MAX, OBJECTOR_NAME_MAX } from './paper-objections';

const noticeText = {
	title: text(NOTICE_TITLE_MAX, { required: () => m.notice_refused_bad_title() }),
	summary: text(NOTICE_SUMMARY_MAX),
	body: text(NOTICE_BODY_MAX, { required: () => m.notice_refused_bad_body() })
};

export const deskNoticeForm = z.object({
	kind: choice(DESK_KINDS, () => m.notice_refused_bad_kind()),
	...noticeText,
	objections: checkbox()
});

export const noticeCorrectionForm = z.object({
	corrects: id(() => m.notice_refused_not_found()),
	...noticeText
});

export const objectionForm = z.object({
	text: text(OBJECTION_TEXT_MAX, { required: () => m.objection_refused_bad_text() })
});

export const objectionAnswerForm = z.object({
	objection: id(() => m.error_not_found()),
	answer: text(OBJECTION_TEXT_MAX, { required: () => m.objection_refused_bad_text() })
});

export const escalationForm = z.object({ objection: id(() => m.error_not_found()) });

// The day received is checked by the domain against the notice's dates, with its own message.
export const paperObjectionForm = z.object({
	notice: id(() => m.notice_refused_not_found()),
	channel: choice(PAPER_CHANNELS, () => m.objection_refused_bad_channel()),
	name: text(OBJECTOR_NAME_MAX, { required: () => m.objection_refused_bad_name() }),
	contact: text(OBJECTOR_CONTACT_MAX),
	receivedOn: text(10, { required: () => m.objection_refused_bad_received() }),
	text: text(OBJECTION_TEXT_MAX, { required: () => m.objection_refused_bad_text() })
});
