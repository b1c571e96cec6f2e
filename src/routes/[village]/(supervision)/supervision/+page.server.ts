import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { discloseResult } from '$lib/server/implementation/disclosure';
import { implRefusal } from '$lib/server/implementation/messages';
import { citeOrganicLaw } from '$lib/server/law/organic-law';
import { supervisionOpinionForm } from '$lib/server/supervision/forms';
import { supervisionWorkspace } from '$lib/server/supervision/workspace';
import { idParam, requireSupervisor } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	const { village } = requireSupervisor(event);
	const today = todayInChina();
	return {
		workspace: supervisionWorkspace(getDb(), village.id, today),
		cadenceArticle: citeOrganicLaw('disclosure', today, getLocale()),
		disclosed: idParam(event.url.searchParams.get('disclosed'))
	};
};

export const actions: Actions = {
	disclose: async (event) => {
		const { village, user } = requireSupervisor(event);
		const parsed = parseForm(supervisionOpinionForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				topicId: Number(parsed.values.topicId) || null,
				opinion: parsed.values.opinion,
				message: firstError(parsed.errors)
			});
		const { topicId, opinion } = parsed.data;
		const r = discloseResult(getDb(), actorOf(user), village.id, topicId, { opinion });
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				topicId,
				opinion,
				message: r.reason === 'forbidden' ? m.impl_error_not_supervisor() : implRefusal(r.reason)
			});
		// Post/redirect/get: a reload shows the result and never offers to send the opinion again.
		redirect(303, `/${village.slug}/supervision?disclosed=${r.noticeSeq}`);
	}
};
