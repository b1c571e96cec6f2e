// The township's filing inbox (备案): its villages' filings, waiting ones by default, oldest first;
// each acknowledged or returned with a reason (township/filings.ts). Post, then redirect (303).
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import {
	acknowledgeTownshipFiling,
	isFilingState,
	returnTownshipFiling,
	townshipFilingInbox,
	type DecideFilingResult
} from '$lib/server/township/filings';
import { acknowledgeFilingForm, returnFilingForm } from '$lib/server/township/forms';
import { requireTownship, townshipVillage } from '$lib/server/villages/context';
import { villagesOfTownship } from '$lib/server/villages/townships';

export const load: PageServerLoad = (event) => {
	const { townshipId } = requireTownship(event);
	const db = getDb();
	const params = event.url.searchParams;
	const asked = params.get('state') ?? 'filed';
	const state = isFilingState(asked) ? asked : null;
	const villages = villagesOfTownship(db, townshipId);
	const village = villages.find((v) => v.slug === params.get('village')) ?? null;
	const done = params.get('done');
	return {
		state: state ?? 'all',
		village: village?.slug ?? '',
		villages,
		filings: townshipFilingInbox(db, townshipId, { state, villageId: village?.id }, new Date()),
		done: done === 'acknowledged' || done === 'returned' ? done : null
	};
};

const refusalMessage = (reason: Exclude<DecideFilingResult, { ok: true }>['reason']) =>
	({
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		already_decided: m.tfil_already_decided,
		bad_reason: m.tfil_bad_reason
	})[reason]();

/** Parses the form, finds the village among the township's (404 otherwise) and runs the verb. */
async function decide<S extends typeof acknowledgeFilingForm | typeof returnFilingForm>(
	event: RequestEvent,
	verb: 'acknowledge' | 'return',
	schema: S,
	run: (
		actor: ReturnType<typeof actorOf>,
		villageId: number,
		data: z.output<S>
	) => DecideFilingResult
) {
	requireTownship(event);
	const parsed = parseForm(schema, await readForm(event.request));
	const filing = Number(parsed.values.filing) || null;
	if (!parsed.ok)
		return fail(400, {
			action: verb,
			filing,
			values: parsed.values,
			message: firstError(parsed.errors)
		});
	const { user, village } = townshipVillage(event, parsed.data.village);
	const r = run(actorOf(user), village.id, parsed.data);
	if (!r.ok)
		return fail(refusalStatus(r.reason), {
			action: verb,
			filing,
			values: parsed.values,
			message: refusalMessage(r.reason)
		});
	redirect(303, `/township/filings?done=${r.filing.state}`);
}

export const actions: Actions = {
	acknowledge: (event) =>
		decide(event, 'acknowledge', acknowledgeFilingForm, (actor, villageId, data) =>
			acknowledgeTownshipFiling(getDb(), actor, villageId, data.filing)
		),
	return: (event) =>
		decide(event, 'return', returnFilingForm, (actor, villageId, data) =>
			returnTownshipFiling(getDb(), actor, villageId, data.filing, data.reason)
		)
};
