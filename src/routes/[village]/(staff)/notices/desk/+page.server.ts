import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import {
	deskNoticeForm,
	noticeCorrectionForm,
	objectionAnswerForm,
	paperObjectionForm
} from '$lib/server/notices/forms';
import { noticeRefusalMessage } from '$lib/server/notices/messages';
import { DESK_KINDS, postStaffNotice } from '$lib/server/notices/notices';
import {
	answerObjection,
	isOverdue,
	OBJECTION_TEXT_MAX,
	openObjections,
	PAPER_CHANNELS
} from '$lib/server/notices/objections';
import { noticesTakingObjections } from '$lib/server/notices/listing';
import { recordPaperObjection } from '$lib/server/notices/paper-objections';
import { getObjectionRoute, missingParts } from '$lib/server/villages/objection-route';
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
			noticeTitle: o.noticeTitle,
			// Staff-only: who brought a paper objection, and how to send them the answer.
			channel: o.channel,
			objectorName: o.objectorName,
			objectorContact: o.objectorContact
		})),
		kinds: DESK_KINDS,
		posted,
		answered: event.url.searchParams.has('answered'),
		recorded: idParam(event.url.searchParams.get('recorded')),
		textMax: OBJECTION_TEXT_MAX,
		objectable: noticesTakingObjections(getDb(), village.id, today).map((n) => ({
			seq: n.seq,
			title: n.title,
			objectionsUntil: n.objectionsUntil!
		})),
		channels: PAPER_CHANNELS,
		today,
		routeMissing: missingParts(getObjectionRoute(getDb(), village.id))
	};
};

export const actions: Actions = {
	post: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(deskNoticeForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok)
			return fail(400, { section: 'post', values, message: firstError(parsed.errors) });
		const { objections, ...input } = parsed.data;
		const r = postStaffNotice(getDb(), actorOf(user), village.id, {
			...input,
			takesObjections: objections
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'post',
				values,
				message: noticeRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/notices/desk?posted=${r.notice.seq}`);
	},

	correct: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(noticeCorrectionForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok)
			return fail(400, { section: 'correct', values, message: firstError(parsed.errors) });
		const { corrects, ...input } = parsed.data;
		const r = postStaffNotice(getDb(), actorOf(user), village.id, {
			...input,
			correctsSeq: corrects
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'correct',
				values,
				message: noticeRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/notices/desk?posted=${r.notice.seq}`);
	},

	answer: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(objectionAnswerForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				section: 'answer',
				objection: idParam(parsed.values.objection),
				answer: parsed.values.answer,
				message: firstError(parsed.errors)
			});
		const { objection, answer } = parsed.data;
		const r = answerObjection(getDb(), actorOf(user), village.id, objection, answer);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'answer',
				objection,
				answer,
				message: noticeRefusalMessage(r.reason, 'answer')
			});
		redirect(303, `/${village.slug}/notices/desk?answered`);
	},

	record: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(paperObjectionForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok)
			return fail(400, { section: 'record', values, message: firstError(parsed.errors) });
		const { notice, ...input } = parsed.data;
		const r = recordPaperObjection(getDb(), actorOf(user), village.id, {
			...input,
			noticeSeq: notice
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'record',
				values,
				message: noticeRefusalMessage(r.reason, 'paper')
			});
		redirect(303, `/${village.slug}/notices/desk?recorded=${notice}#record-title`);
	}
};
