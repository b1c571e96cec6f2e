import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';
import { enactForm } from '$lib/server/village-rules/forms';
import { enactRevision } from '$lib/server/village-rules/enactment';
import { enactView } from '$lib/server/village-rules/enact-view';
import { rulesRefusalMessage } from '$lib/server/village-rules/messages';
import { idParam, requireStaff } from '$lib/server/villages/context';

// Staff: a reviewed revision the villagers' meeting has adopted is put in force from a date.
export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const id = idParam(event.params.id);
	const view = id === null ? null : enactView(getDb(), village.id, id);
	if (!view) error(404, m.error_not_found());
	return view;
};

export const actions: Actions = {
	default: async (event) => {
		const { village, user } = requireStaff(event);
		const id = idParam(event.params.id);
		if (id === null) error(404, m.error_not_found());
		const parsed = parseForm(enactForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				values: parsed.values,
				message: firstError(parsed.errors)
			});
		const r = enactRevision(getDb(), actorOf(user), village.id, id, {
			effectiveOn: parsed.data.effectiveOn,
			resolutionId: parsed.data.resolution
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				errors: {},
				values: parsed.values,
				message: rulesRefusalMessage(r.reason)
			});
		redirect(303, `/${village.slug}/rules/${r.kind}/versions/${r.version.number}`);
	}
};
