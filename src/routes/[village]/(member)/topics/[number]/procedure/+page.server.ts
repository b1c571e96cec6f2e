import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { failedVoteForm, stepForm } from '$lib/server/procedure/forms';
import { actorOf, isVillageStaff } from '$lib/server/permissions';
import { findTopicByNumber } from '$lib/server/topics/records';
import { onFourPlusTwoTrack } from '$lib/server/topics/rules';
import { requireMember } from '$lib/server/villages/context';
import { recordFailedVote, recordStep } from '$lib/server/procedure/matters';
import { procedureRefusalMessage } from '$lib/server/procedure/messages';
import { publishResolution } from '$lib/server/procedure/publication';
import { procedureView } from '$lib/server/procedure/view';
import { refusalStatus } from '$lib/server/http/refusal';

function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	if (!topic || !onFourPlusTwoTrack(topic)) error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, topic, actor, staff: isVillageStaff(user, village) };
}

export const load: PageServerLoad = (event) => {
	const { village, topic, staff } = context(event);
	const view = procedureView(getDb(), village.id, topic.id)!;
	return {
		topic: { id: topic.id, number: topic.number, title: topic.title, category: topic.category },
		oneShoulder: village.oneShoulder,
		position: view.matter.position,
		events: view.matter.events,
		steps: view.steps,
		motions: view.motions,
		resolution: view.resolution && { id: view.resolution.id, number: view.resolution.number },
		notice: view.notice && {
			seq: view.notice.seq,
			postedOn: view.notice.postedOn,
			postedUntil: view.notice.postedUntil
		},
		staff
	};
};

function refused(
	r: Parameters<typeof procedureRefusalMessage>[1] & {
		reason: Parameters<typeof procedureRefusalMessage>[0];
	},
	motionId?: number
) {
	return fail(refusalStatus(r.reason), {
		message: procedureRefusalMessage(r.reason, r),
		motionId: motionId ?? null
	});
}

export const actions: Actions = {
	step: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.proc_refused_forbidden(), motionId: null });
		const parsed = parseForm(stepForm, await readForm(event.request));
		if (!parsed.ok) return refused({ reason: 'motion_not_found' });
		const motionId = parsed.data.motion;
		const r = recordStep(getDb(), actor, village.id, topic.id, motionId);
		if (!r.ok) return refused(r, motionId);
		return { notice: m.proc_recorded() };
	},
	failed: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.proc_refused_forbidden(), motionId: null });
		const parsed = parseForm(failedVoteForm, await readForm(event.request));
		if (!parsed.ok && parsed.errors.motion) return refused({ reason: 'motion_not_found' });
		const motionId = parsed.ok ? parsed.data.motion : Number(parsed.values.motion);
		if (!parsed.ok && parsed.errors.choice) return refused({ reason: 'bad_choice' }, motionId);
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors), motionId });
		const { choice, reason } = parsed.data;
		const r = recordFailedVote(getDb(), actor, village.id, topic.id, motionId, { choice, reason });
		if (!r.ok) return refused(r, motionId);
		return { notice: m.proc_recorded() };
	},
	publish: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.proc_refused_forbidden(), motionId: null });
		const r = publishResolution(getDb(), actor, village.id, topic.id);
		if (!r.ok) return refused(r);
		return { notice: m.proc_published(), seq: r.notice.seq };
	}
};
