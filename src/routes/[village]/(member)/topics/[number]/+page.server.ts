import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { todayInChina } from '$lib/server/calendar/dates';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { actorOf, isVillageStaff } from '$lib/server/permissions';
import {
	completeForm,
	hideOpinionForm,
	opinionForm,
	readBackForm,
	consentTime,
	topicForm,
	topicInput,
	triageForm
} from '$lib/server/topics/form';
import { topicRefusalMessage } from '$lib/server/topics/messages';
import { topicTimeline } from '$lib/server/topics/queries';
import {
	HIDE_REASON_MAX,
	matterListOn,
	type Art24Item,
	type OnBehalfChannel
} from '$lib/server/topics/rules';
import { addOpinion, hideOpinion, opinionsPage } from '$lib/server/topics/opinions';
import { completeDirect } from '$lib/server/topics/triage';
import { caseOfTopic, triageToService } from '$lib/server/services/from-topic';
import { canViewCase } from '$lib/server/services/access';
import {
	awaitsConfirmation,
	confirmTopic,
	submitDraft,
	updateDraft,
	withdrawTopic
} from '$lib/server/topics/proposing';
import { cosign, cosignStatus, hasCosigned, withdrawCosign } from '$lib/server/topics/cosigning';
import { filingCandidates } from '$lib/server/topics/filing';
import { findTopicByNumber, listAttachments, maySeeConsent } from '$lib/server/topics/records';
import { mayRecordReadBack, readBackOf, recordReadBack } from '$lib/server/topics/read-back';
import { notifyPreferenceOf } from '$lib/server/roster/notify';
import { idParam, requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { consultationOf } from '$lib/server/consultation/consultation';
import { speechEngine } from '$lib/server/speech/serve';
import { openRulesRevision } from '$lib/server/village-rules/drafts';
import { openRevisionForm } from '$lib/server/village-rules/revision-forms';
import { revisionRefusalMessage } from '$lib/server/village-rules/revision-messages';
import { revisionOfTopic } from '$lib/server/village-rules/revision-records';
import { topicReading } from '$lib/server/speech/text';

function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	// Drafts are visible only to whoever is writing them.
	if (!topic || (topic.state === 'draft' && topic.filedByUserId !== user.id))
		error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, user, topic, actor, staff: isVillageStaff(user, village) };
}

// Read by villagers on cheap phones: links and plain form posts do everything, so the page ships no
// framework. The clerk's triage form loads its own small script (static/triage.js) for its
// reactions; without it the server refuses a route the checklist rules out, as it always does.
export const csr = false;

export const load: PageServerLoad = async (event) => {
	const { village, topic, actor, staff, user } = context(event);
	const db = getDb();
	const isProposer = actor.personId !== null && actor.personId === topic.proposerPersonId;
	const linked = caseOfTopic(db, village.id, topic.id);
	return {
		// The service case handling the topic directly, or the one it came from: for who may see it.
		serviceCase:
			linked && canViewCase(db, village.id, actor, linked)
				? { number: linked.number, cameFrom: linked.state === 'became_topic' }
				: null,
		// A topic sent to 直接办理 before it opened a case is still closed by the old 办结 form.
		legacyDirect: topic.state === 'direct' && !linked,
		topic,
		speech: topicReading(topic),
		serverAudio: !!(await speechEngine()),
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
		// Its consultation stays readable after the topic moves to the 4+2 track or ends.
		consulted: consultationOf(db, village.id, topic.id) !== null,
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
		readBack: topic.onBehalf ? readBackOf(db, topic.id) : null,
		mayRecordReadBack: topic.onBehalf && mayRecordReadBack(db, village.id, actor, topic),
		awaitsConfirmation: awaitsConfirmation(topic),
		mayPrintReceipt:
			topic.state !== 'draft' && maySeeConsent(topic, user.id, actor.personId, staff),
		// Whom staff ask to pass the answer on, for a proposer who asked to be told through someone.
		notifyVia:
			staff && topic.proposerPersonId !== null
				? notifyPreferenceOf(db, village.id, topic.proposerPersonId)
				: null,
		canVote: actor.personId !== null,
		behalfCandidates: filingCandidates(db, village.id, actor, '').slice(0, 50),
		filed: event.url.searchParams.get('filed'),
		// 村规民约修订草案: the revision this topic holds, or for staff the form that opens one.
		rulesRevision:
			topic.category === 'village_rules' ? revisionOfTopic(db, village.id, topic.id) : null,
		mayOpenRevision:
			staff &&
			topic.category === 'village_rules' &&
			(topic.state === 'submitted' || topic.state === 'four_plus_two') &&
			!revisionOfTopic(db, village.id, topic.id),
		// The checklist in force today for the triage form; the one of its triage day for the items.
		triageList: matterListOn(todayInChina()),
		itemsList: topic.triagedAt ? matterListOn(todayInChina(new Date(topic.triagedAt))) : null
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

	readBack: async (event) => {
		const { village, topic, actor } = context(event);
		const parsed = parseForm(readBackForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { readBack: parsed.values, errors: parsed.errors });
		const { outcome, readBackAt } = parsed.data;
		const r = recordReadBack(getDb(), actor, village.id, topic.id, {
			outcome,
			readBackAt: consentTime(readBackAt)
		});
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				readBack: parsed.values,
				message: topicRefusalMessage(r.reason)
			});
		return {
			notice: outcome === 'confirmed' ? m.readback_done_confirmed() : m.readback_done_withdrawn()
		};
	},

	withdraw: (event) => {
		const { village, topic, actor } = context(event);
		const r = withdrawTopic(getDb(), actor, village.id, topic.id);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_withdrawn_notice() };
	},

	saveDraft: async (event) => {
		const { village, topic, actor } = context(event);
		const parsed = parseForm(topicForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const r = updateDraft(getDb(), actor, village.id, topic.id, topicInput(parsed.data));
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
		const parsed = parseForm(opinionForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { opinion: parsed.values.body, errors: parsed.errors });
		const { body, forPerson, channel } = parsed.data;
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
		// Post/redirect/get: reloading the page afterwards must not offer to send the form again.
		redirect(303, `/${village.slug}/topics/${topic.number}?filed=opinion#opinions-title`);
	},

	hideOpinion: async (event) => {
		const { village, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(hideOpinionForm, await readForm(event.request));
		if (!parsed.ok && parsed.errors.reason) return fail(400, { message: parsed.errors.reason });
		const r = parsed.ok
			? hideOpinion(getDb(), actor, village.id, parsed.data.opinionId, parsed.data.reason)
			: null;
		if (r && !r.ok && r.reason === 'forbidden') return fail(403, { message: m.error_forbidden() });
		if (r && !r.ok && r.reason === 'hide_reason_too_long')
			return fail(400, { message: m.error_too_long({ max: HIDE_REASON_MAX }) });
		if (!r?.ok) return fail(404, { message: m.error_not_found() });
		return { notice: m.topic_opinion_hidden() };
	},

	triage: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(triageForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok)
			return fail(
				400,
				// A reason over its limit is shown beside the reason, as the domain's refusal is.
				parsed.errors.reason
					? { triage: values, errors: { reason: parsed.errors.reason } }
					: { triage: values, message: firstError(parsed.errors) }
			);
		const { art24Answer, art24, route, reason, mergeInto } = parsed.data;
		// The items go as ticked, with the answer: the domain refuses unknown items and any
		// disagreement between them, so nothing ticked is dropped past the gate.
		const r = triageToService(getDb(), actor, village.id, topic.id, {
			route,
			reason,
			art24: art24 as Art24Item[],
			art24Answer,
			mergeIntoNumber: mergeInto || undefined
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
		const parsed = parseForm(completeForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = completeDirect(getDb(), actor, village.id, topic.id, parsed.data.outcome);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: topicRefusalMessage(r.reason) });
		return { notice: m.topic_completed_notice() };
	},

	openRevision: async (event) => {
		const { village, topic, actor, staff } = context(event);
		if (!staff) return fail(403, { message: m.error_forbidden() });
		const parsed = parseForm(openRevisionForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: firstError(parsed.errors) });
		const r = openRulesRevision(getDb(), actor, village.id, {
			topicId: topic.id,
			kind: parsed.data.kind
		});
		if (!r.ok) return fail(refusalStatus(r.reason), { message: revisionRefusalMessage(r.reason) });
		redirect(303, `/${village.slug}/rules/revisions/${r.revisionId}`);
	}
};
