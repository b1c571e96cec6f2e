import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { correctionForm } from '$lib/server/procedure/forms';
import { actorOf, isMemberOf, isVillageStaff } from '$lib/server/permissions';
import { correctResolution } from '$lib/server/procedure/resolutions';
import { procedureRefusalMessage } from '$lib/server/procedure/messages';
import { publishResolutionById } from '$lib/server/procedure/publication';
import { resolutionView } from '$lib/server/procedure/view';
import { filingOfSubject } from '$lib/server/procedure/township-filing';
import { idParam, requireStaff, villageFromSlug } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

// Public: anyone may read a resolution (docs/domain.md §8); members also get the links to the topic
// and the minutes, staff the correction form, and the publish button only while it can succeed
// (its usual place is the dashboard's "待公布的决议"). Its filing with the township is public in
// full, a return's reason included: the township's official word on a public decision.
export const load: PageServerLoad = ({ params, locals }) => {
	const village = villageFromSlug(params.village);
	const id = idParam(params.id);
	const view = id === null ? null : resolutionView(getDb(), village.id, id);
	if (!view) error(404, m.error_not_found());
	const user = locals.user;
	const member = !!user && isMemberOf(user, village);
	const filing = filingOfSubject(getDb(), village.id, { resolutionId: view.resolution.id });
	return {
		...view,
		resolution: {
			id: view.resolution.id,
			number: view.resolution.number,
			text: view.resolution.text,
			adoptedOn: view.resolution.adoptedOn,
			auditHeadHash: view.resolution.auditHeadHash
		},
		topic: view.topic && { number: view.topic.number, title: view.topic.title },
		member,
		staff: !!user && isVillageStaff(user, village),
		blockMessage: view.publicationBlock && procedureRefusalMessage(view.publicationBlock, {}),
		filing: filing && {
			state: filing.state,
			filedAt: filing.filedAt,
			decidedAt: filing.decidedAt,
			reason: filing.reason
		}
	};
};

function resolutionOf(event: Parameters<Actions[string]>[0]) {
	const { village, user } = requireStaff(event);
	const id = idParam(event.params.id);
	if (id === null || !resolutionView(getDb(), village.id, id)) error(404, m.error_not_found());
	return { village, id, actor: actorOf(user) };
}

export const actions: Actions = {
	correct: async (event) => {
		const { village, id, actor } = resolutionOf(event);
		const parsed = parseForm(correctionForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok)
			return fail(400, {
				action: 'correct',
				errors: parsed.errors,
				values,
				message: firstError(parsed.errors)
			});
		const r = correctResolution(getDb(), actor, village.id, id, parsed.data);
		if (!r.ok && r.reason === 'forbidden')
			return fail(403, {
				action: 'correct',
				errors: {},
				values,
				message: m.error_forbidden()
			});
		if (!r.ok) {
			const errors =
				r.reason === 'bad_text'
					? { text: m.proc_res_bad_text() }
					: r.reason === 'bad_reason'
						? { reason: m.proc_res_bad_reason() }
						: {};
			return fail(r.reason === 'not_found' ? 404 : 400, {
				action: 'correct',
				errors,
				values,
				message: errors.text ?? errors.reason ?? m.error_not_found()
			});
		}
		return { action: 'correct', notice: m.proc_res_corrected() };
	},
	publish: async (event) => {
		const { village, id, actor } = resolutionOf(event);
		const r = publishResolutionById(getDb(), actor, village.id, id);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				action: 'publish',
				message: procedureRefusalMessage(r.reason, r)
			});
		return { action: 'publish', notice: m.proc_published() };
	}
};
