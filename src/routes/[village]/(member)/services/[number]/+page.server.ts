import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { requireMember } from '$lib/server/villages/context';
import { canViewCase } from '$lib/server/services/access';
import {
	casePage,
	completeCaseForm,
	declineForm,
	dispatchForm,
	followUpForm,
	progressForm,
	rateForm,
	referForm
} from '$lib/server/services/case-page';
import { dispatchCase } from '$lib/server/services/dispatch';
import { referCase, withdrawCase } from '$lib/server/services/ends';
import { caseToTopic } from '$lib/server/services/from-topic';
import {
	acceptCase,
	completeCase,
	declineCase,
	recordProgress
} from '$lib/server/services/handling';
import { caseRefusalMessage, type CaseRefusal } from '$lib/server/services/messages';
import { rateCase, recordFollowUp } from '$lib/server/services/rating';
import { findCaseByNumber } from '$lib/server/services/records';

// Anyone who may not see the case is told it does not exist, so a number leaks nothing.
function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const actor = actorOf(user);
	const c = findCaseByNumber(getDb(), village.id, event.params.number);
	if (!c || !canViewCase(getDb(), village.id, actor, c)) error(404, m.error_not_found());
	return { village, actor, c };
}

type Outcome = { ok: true } | { ok: false; reason: CaseRefusal };

/** Post/redirect/get on success, so a reload does not offer to send the form again. */
function answer(event: RequestEvent, r: Outcome, done: string, values?: unknown) {
	if (!r.ok)
		return fail(refusalStatus(r.reason), { message: caseRefusalMessage(r.reason), values });
	redirect(303, `${event.url.pathname}?done=${done}`);
}

export const load: PageServerLoad = (event) => {
	const { village, actor, c } = context(event);
	return {
		...casePage(getDb(), village.id, actor, c, todayInChina()),
		done: event.url.searchParams.get('done')
	};
};

export const actions: Actions = {
	dispatch: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(dispatchForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const { assignee, note } = p.data;
		const r = dispatchCase(getDb(), actor, village.id, c.id, { assigneePersonId: assignee, note });
		return answer(event, r, 'dispatched', p.values);
	},

	accept: (event) => {
		const { village, actor, c } = context(event);
		return answer(event, acceptCase(getDb(), actor, village.id, c.id), 'accepted');
	},

	decline: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(declineForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const r = declineCase(getDb(), actor, village.id, c.id, p.data.reason);
		return answer(event, r, 'declined', p.values);
	},

	progress: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(progressForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const r = recordProgress(getDb(), actor, village.id, c.id, p.data.note);
		return answer(event, r, 'progress', p.values);
	},

	complete: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(completeCaseForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const r = completeCase(getDb(), actor, village.id, c.id, p.data.result);
		return answer(event, r, 'completed', p.values);
	},

	rate: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(rateForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const r = rateCase(getDb(), actor, village.id, c.id, p.data);
		return answer(event, r, 'rated', p.values);
	},

	followUp: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(followUpForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const { note, next } = p.data;
		const r = recordFollowUp(getDb(), actor, village.id, c.id, { note, reopen: next === 'reopen' });
		return answer(event, r, 'followUp', p.values);
	},

	refer: async (event) => {
		const { village, actor, c } = context(event);
		const p = parseForm(referForm, await readForm(event.request));
		if (!p.ok) return fail(400, { message: firstError(p.errors), values: p.values });
		const r = referCase(getDb(), actor, village.id, c.id, p.data.reason);
		return answer(event, r, 'referred', p.values);
	},

	withdraw: (event) => {
		const { village, actor, c } = context(event);
		return answer(event, withdrawCase(getDb(), actor, village.id, c.id), 'withdrawn');
	},

	toTopic: (event) => {
		const { village, actor, c } = context(event);
		return answer(event, caseToTopic(getDb(), actor, village.id, c.id), 'toTopic');
	}
};
