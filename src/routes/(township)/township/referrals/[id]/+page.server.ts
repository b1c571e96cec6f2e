import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf, isTownshipOfficialFor } from '$lib/server/permissions';
import { idParam, requireTownship } from '$lib/server/villages/context';
import { answerReferral, REFERRAL_ANSWER_MAX } from '$lib/server/township/referrals';
import {
	answerReferralForm,
	referralPage,
	referralRefusalMessage
} from '$lib/server/township/referral-page';

// A referral of another township's village is not found, as its villages are.
function context(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const { user, townshipId } = requireTownship(event);
	const id = idParam(event.params.id);
	const page = id ? referralPage(getDb(), townshipId, id, todayInChina()) : null;
	if (!page) error(404, m.error_not_found());
	return { user, page };
}

export const load: PageServerLoad = (event) => {
	const { user, page } = context(event);
	return {
		...page,
		canAnswer:
			page.referral.answer === null &&
			isTownshipOfficialFor(getDb(), actorOf(user), page.referral.villageId),
		answerMax: REFERRAL_ANSWER_MAX,
		done: event.url.searchParams.has('answered')
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const { user, page } = context(event);
		const parsed = parseForm(answerReferralForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { answer: parsed.values.answer, message: firstError(parsed.errors) });
		const r = answerReferral(
			getDb(),
			actorOf(user),
			page.referral.villageId,
			page.referral.id,
			parsed.data
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				answer: parsed.data.answer,
				message: referralRefusalMessage(r.reason)
			});
		redirect(303, `/township/referrals/${page.referral.id}?answered`);
	}
};
