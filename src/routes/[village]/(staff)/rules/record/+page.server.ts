import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, firstError } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { recordForm } from '$lib/server/village-rules/forms';
import { rulesRefusalMessage } from '$lib/server/village-rules/messages';
import { RULES_KINDS, findDocument, versionsOf } from '$lib/server/village-rules/records';
import { recordExistingText } from '$lib/server/village-rules/recording';
import { requireStaff } from '$lib/server/villages/context';

// Staff: the text the village already has, typed in once per document; later versions come only
// from revisions adopted by the villagers' meeting.
export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const open = RULES_KINDS.filter((kind) => {
		const doc = findDocument(db, village.id, kind);
		return !doc || versionsOf(db, doc.id).length === 0;
	});
	return { open, villageName: village.name };
};

export const actions: Actions = {
	default: async (event) => {
		const { village, user } = requireStaff(event);
		const parsed = parseForm(recordForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				values: parsed.values,
				message: firstError(parsed.errors)
			});
		const r = recordExistingText(getDb(), actorOf(user), village.id, parsed.data);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				errors: {},
				values: parsed.values,
				message: rulesRefusalMessage(r.reason, 'line' in r ? { line: r.line } : {})
			});
		redirect(303, `/${village.slug}/rules/${parsed.data.kind}/versions/${r.version.number}`);
	}
};
