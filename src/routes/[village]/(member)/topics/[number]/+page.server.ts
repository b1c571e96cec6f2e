import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { field, readForm, type FieldErrors } from '$lib/server/forms';
import { actorOf, isVillageStaff } from '$lib/server/permissions';
import { LIMITS, readTopicForm } from '$lib/server/topics/form';
import { topicRefusalMessage } from '$lib/server/topics/messages';
import { topicTimeline } from '$lib/server/topics/queries';
import {
	HIDE_REASON_MAX,
	ON_BEHALF_CHANNELS,
	type Art24Item,
	type OnBehalfChannel
} from '$lib/server/topics/rules';
import { addOpinion, hideOpinion, opinionsPage } from '$lib/server/topics/opinions';
import { completeDirect, triageTopic, type TriageRoute } from '$lib/server/topics/triage';
import {
	confirmTopic,
	submitDraft,
	updateDraft,
	withdrawTopic
} from '$lib/server/topics/proposing';
import { cosign, cosignStatus, hasCosigned, withdrawCosign } from '$lib/server/topics/cosigning';
import { filingCandidates } from '$lib/server/topics/filing';
import { findTopicByNumber, listAttachments, maySeeConsent } from '$lib/server/topics/records';
import { idParam, requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	// Drafts are visible only to whoever is writing them.
	if (!topic || (topic.state === 'draft' && topic.filedByUserId !== user.id))
		error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, user, topic, actor, staff: isVillageStaff(user, village) };
}

export const load: PageServerLoad = (event) => {
	const { village, topic, actor, staff, user } = context(event);
	const db = getDb();
	const isProposer = actor.personId !== null && actor.personId === topic.proposerPersonId;
	return {
		topic,
		attachments: listAttachments(db, topic.id)
			.filter(
				(a) => a.purpose !== 'consent' || maySeeConsent(topic, user.id, actor.personId, staff)
			)
			.map((a) => ({
				id: a.id,
				kind: a.kind,
				purpose: a.purpose,
				originalName: a.originalName,
				size: a.size
			})),
		cosign: cosignStatus(db, village.id, topic.id),
		cosigned: hasCosigned(db, topic.id, actor.personId),
		opinions: opinionsPage(db, topic.id, staff, idParam(event.url.searchParams.get('page')) ?? 1),
		timeline: topicTimeline(db, village.id, topic.id).map((e) => ({
			id: e.id,
			at: e.at,
			action: e.action,
			actorName: e.actorName,
			hash: e.hash
		})),
		staff,
		isProposer,
		isFiler: topic.filedByUserId === user.id,
		canVote: actor.personId !== null,
		behalfCandidates: filingCandidates(db, village.id, actor, '').slice(0, 50),
		filed: event.url.searchParams.get('filed')
	};
};

export const actions: Actions = {
	cosign: (event) => {
		const { village, topic, actor } = context(event);
		const r = cosign(getDb(), actor, village.id, topic.id);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: r.newObligations.length ? m.topic_cosigned_obligation() : m.topic_cosigned() };
	},

	uncosign: (event) => {
		const { village, topic, actor } = context(event);
		const r = withdrawCosign(getDb(), actor, village.id, topic.id);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_cosign_withdrawn() };
	},

	confirm: (event) => {
		const { village, topic, actor } = context(event);
		const r = confirmTopic(getDb(), actor, village.id, topic.id);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_confirmed() };
	},

	withdraw: (event) => {
		const { village, topic, actor } = context(event);
		const r = withdrawTopic(getDb(), actor, village.id, topic.id);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_withdrawn_notice() };
	},

	saveDraft: async (event) => {
		const { village, topic, actor } = context(event);
		const { values, errors, input } = readTopicForm(await readForm(event.request));
		if (!input) return fail(400, { values, errors });
		const r = updateDraft(getDb(), actor, village.id, topic.id, input);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_draft_saved() };
	},

	submitDraft: (event) => {
		const { village, topic, actor } = context(event);
		const r = submitDraft(getDb(), actor, village.id, topic.id);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/topics/${topic.number}?filed=submitted`);
	},

	opinion: async (event) => {
		const { village, topic, actor } = context(event);
		const form = await readForm(event.request);
		const body = field(form, 'body');
		const forPerson = idParam(field(form, 'forPerson'));
		const channel = field(form, 'channel');
		const errors: FieldErrors = {};
		if (!body) errors.body = m.error_required();
		else if ([...body].length > LIMITS.opinion)
			errors.body = m.error_too_long({ max: LIMITS.opinion });
		if (forPerson && !(ON_BEHALF_CHANNELS as readonly string[]).includes(channel))
			errors.channel = m.error_choose_one();
		if (Object.keys(errors).length)
			return fail(400, { opinion: body.slice(0, LIMITS.opinion), errors });
		const r = addOpinion(
			getDb(),
			actor,
			village.id,
			topic.id,
			body,
			forPerson ? { personId: forPerson, channel: channel as OnBehalfChannel } : undefined
		);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				opinion: body,
				message: topicRefusalMessage(r.reason)
			});
		return { notice: m.topic_opinion_added() };
	},

	hideOpinion: async (event) => {
		const { village, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.error_forbidden() });
		const form = await readForm(event.request);
		const opinionId = idParam(field(form, 'opinionId'));
		const reason = field(form, 'reason');
		if (!reason) return fail(400, { message: m.topic_hide_reason_required() });
		const r = opinionId ? hideOpinion(getDb(), actor, village.id, opinionId, reason) : null;
		if (r && !r.ok && r.reason === 'forbidden') return fail(403, { message: m.error_forbidden() });
		if (r && !r.ok && r.reason === 'hide_reason_too_long')
			return fail(400, { message: m.error_too_long({ max: HIDE_REASON_MAX }) });
		if (!r?.ok) return fail(404, { message: m.error_not_found() });
		return { notice: m.topic_opinion_hidden() };
	},

	triage: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.error_forbidden() });
		const form = await readForm(event.request);
		const answered = field(form, 'art24Answer');
		const route = field(form, 'route') as TriageRoute;
		const items = form.getAll('art24').filter((x): x is string => typeof x === 'string');
		const reason = field(form, 'reason');
		const values = {
			route,
			reason,
			art24Answer: answered,
			art24: items,
			mergeInto: field(form, 'mergeInto')
		};
		if (answered !== 'yes' && answered !== 'no')
			return fail(400, { triage: values, message: m.triage_answer_checklist() });
		if (answered === 'yes' && items.length === 0)
			return fail(400, { triage: values, message: m.triage_tick_items() });
		if (!['consultation', 'four_plus_two', 'direct', 'merge', 'not_accepted'].includes(route)) {
			return fail(400, { triage: values, message: m.triage_choose_route() });
		}
		// Unknown items go to the domain, which refuses them: never silently dropped past the gate.
		const art24 = answered === 'yes' ? (items as Art24Item[]) : [];
		const r = triageTopic(getDb(), actor, village.id, topic.id, {
			route,
			reason,
			art24,
			mergeIntoNumber: values.mergeInto || undefined
		});
		if (!r.ok) {
			const message = topicRefusalMessage(r.reason);
			return fail(
				refusalStatus(r.reason),
				r.reason === 'reason_too_long'
					? { triage: values, errors: { reason: message } }
					: { triage: values, message }
			);
		}
		return { notice: m.triage_done() };
	},

	complete: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.error_forbidden() });
		const outcome = field(await readForm(event.request), 'outcome');
		if (!outcome) return fail(400, { message: m.topic_outcome_required() });
		const r = completeDirect(getDb(), actor, village.id, topic.id, outcome);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_completed_notice() };
	}
};
