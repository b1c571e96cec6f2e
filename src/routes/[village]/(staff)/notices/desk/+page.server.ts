import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { field, readForm } from '$lib/server/forms';
import { noticeRefusalMessage } from '$lib/server/notices/messages';
import { DESK_KINDS, postStaffNotice } from '$lib/server/notices/notices';
import {
	answerObjection,
	isOverdue,
	OBJECTION_TEXT_MAX,
	openObjections
} from '$lib/server/notices/objections';
import { todayInChina } from '$lib/server/calendar/dates';
import { actorOf } from '$lib/server/permissions';
import { idParam, requireStaff } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const today = todayInChina();
	const posted = idParam(event.url.searchParams.get('posted'));
	return {
		open: openObjections(getDb(), village.id).map((o) => ({
			id: o.id,
			ordinal: o.ordinal,
			text: o.text,
			answerDue: o.answerDue,
			overdue: isOverdue(o, today),
			noticeSeq: o.noticeSeq,
			noticeTitle: o.noticeTitle
		})),
		kinds: DESK_KINDS,
		posted,
		answered: event.url.searchParams.has('answered'),
		textMax: OBJECTION_TEXT_MAX
	};
};

function noticeFields(form: FormData) {
	return {
		kind: field(form, 'kind'),
		title: field(form, 'title'),
		summary: field(form, 'summary'),
		body: field(form, 'body')
	};
}

/** A refused notice goes back to the form cut to its fields' sizes, not as a 1 MB paste. */
function echoOf(input: ReturnType<typeof noticeFields>) {
	return {
		kind: input.kind.slice(0, 32),
		title: input.title.slice(0, 200),
		summary: input.summary.slice(0, 500),
		body: input.body.slice(0, 20000)
	};
}

export const actions: Actions = {
	post: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const input = noticeFields(form);
		const r = postStaffNotice(getDb(), actorOf(user), village.id, {
			...input,
			takesObjections: field(form, 'objections') === 'on'
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'post',
				values: echoOf(input),
				message: noticeRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/notices/desk?posted=${r.notice.seq}`);
	},

	correct: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const input = noticeFields(form);
		const seqText = field(form, 'corrects');
		const seq = idParam(seqText);
		if (!seq)
			return fail(400, {
				section: 'correct',
				values: { ...echoOf(input), corrects: seqText.slice(0, 32) },
				message: noticeRefusalMessage('not_found')
			});
		const r = postStaffNotice(getDb(), actorOf(user), village.id, { ...input, correctsSeq: seq });
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'correct',
				values: { ...echoOf(input), corrects: seqText.slice(0, 32) },
				message: noticeRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/notices/desk?posted=${r.notice.seq}`);
	},

	answer: async (event) => {
		const { village, user } = requireStaff(event);
		const form = await readForm(event.request);
		const id = idParam(field(form, 'objection'));
		const text = field(form, 'answer');
		const r = id
			? answerObjection(getDb(), actorOf(user), village.id, id, text)
			: ({ ok: false, reason: 'not_found' } as const);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'answer',
				objection: id,
				answer: text.slice(0, OBJECTION_TEXT_MAX),
				message: noticeRefusalMessage(r.reason, 'answer')
			});
		redirect(303, `/${village.slug}/notices/desk?answered`);
	}
};
