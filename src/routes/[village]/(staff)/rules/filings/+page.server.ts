import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { todayInChina } from '$lib/server/calendar/dates';
import {
	acknowledgeFiling,
	fileRulesVersion,
	filingsOfVillage
} from '$lib/server/village-rules/filing';
import { acknowledgeForm, fileForm } from '$lib/server/village-rules/forms';
import { rulesRefusalMessage } from '$lib/server/village-rules/messages';
import { requireStaff } from '$lib/server/villages/context';

// Staff: each version's filing with the township (备案): the day sent and how, then the receipt.
export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const today = todayInChina();
	return { filings: filingsOfVillage(getDb(), village.id, today), today };
};

export const actions: Actions = {
	file: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(fileForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				action: 'file',
				values: parsed.values,
				message: firstError(parsed.errors)
			});
		const { version, ...input } = parsed.data;
		const r = fileRulesVersion(getDb(), actorOf(user), village.id, version, input);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'file',
				values: parsed.values,
				message: rulesRefusalMessage(r.reason)
			});
		return { action: 'file', notice: m.rtx_filed() };
	},
	acknowledge: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(acknowledgeForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				action: 'acknowledge',
				values: parsed.values,
				message: firstError(parsed.errors)
			});
		const { version, ...input } = parsed.data;
		const r = acknowledgeFiling(getDb(), actorOf(user), village.id, version, input);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'acknowledge',
				values: parsed.values,
				message: rulesRefusalMessage(r.reason)
			});
		return { action: 'acknowledge', notice: m.rtx_acknowledged() };
	}
};
