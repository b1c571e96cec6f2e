import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { escalationForm, objectionAnswerForm, objectionForm } from '$lib/server/notices/forms';
import { noticeRefusalMessage } from '$lib/server/notices/messages';
import { getNotice } from '$lib/server/notices/notices';
import {
	answerObjection,
	escalateObjection,
	fileObjection,
	OBJECTION_TEXT_MAX
} from '$lib/server/notices/objections';
import { noticeUrl } from '$lib/server/notices/qr';
import { noticeBodyFor, noticeView, resolutionNoticeOf } from '$lib/server/board/notice-view';
import { getObjectionRoute } from '$lib/server/villages/objection-route';
import { getLocale } from '$lib/paraglide/runtime';
import { type Actor, actorOf, isMemberOf, isVillageStaff } from '$lib/server/permissions';
import { idParam, villageFromSlug } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';
import { speechEngine } from '$lib/server/speech/serve';
import { noticeReading } from '$lib/server/speech/text';

// Public page: anyone reads the notice; a signed-in member of the village may act on it.
function context(event: Pick<RequestEvent, 'params' | 'locals'>) {
	const village = villageFromSlug(event.params.village);
	const seq = idParam(event.params.seq);
	const notice = seq ? getNotice(getDb(), village.id, seq) : null;
	if (!notice) error(404, m.error_not_found());
	const user = event.locals.user;
	const member = isMemberOf(user, village);
	const actor: Actor | null = member && user ? actorOf(user) : null;
	return { village, notice, actor, staff: isVillageStaff(user, village) };
}

const DONE = ['filed', 'answered', 'escalated'] as const;

export const load: PageServerLoad = async (event) => {
	const { village, notice, actor, staff } = context(event);
	const found = noticeView(getDb(), village.id, notice.seq, actor?.personId ?? null)!;
	const body = noticeBodyFor(getDb(), village.id, notice, getLocale());
	const view = { ...found, notice: { ...found.notice, body } };
	const done = event.url.searchParams.get('done');
	return {
		view,
		route: getObjectionRoute(getDb(), village.id),
		resolutionWords: resolutionNoticeOf(getDb(), village.id, notice, getLocale()),
		...(await noticeUrl(event.url.origin, village.slug, notice.seq)),
		canFile: !!actor && actor.personId !== null && view.windowOpen,
		signedIn: !!actor,
		staffHere: staff,
		textMax: OBJECTION_TEXT_MAX,
		speech: noticeReading(view.notice),
		serverAudio: !!(await speechEngine()),
		done: (DONE as readonly string[]).includes(done ?? '') ? done : null
	};
};

const back = (slug: string, seq: number, done: (typeof DONE)[number], anchor = 'objections') =>
	redirect(303, `/${slug}/notices/${seq}?done=${done}#${anchor}`);

/** The objection with this id if it was filed on this notice, else null. */
function ownObjection(villageId: number, seq: number, id: number | null) {
	if (!id) return null;
	return noticeView(getDb(), villageId, seq, null)!.objections.find((o) => o.id === id) ?? null;
}

export const actions: Actions = {
	object: async (event) => {
		const { village, notice, actor } = context(event);
		if (!actor) return fail(403, { section: 'object', message: m.objection_refused_forbidden() });
		const parsed = parseForm(objectionForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				section: 'object',
				text: parsed.values.text,
				message: firstError(parsed.errors)
			});
		const { text } = parsed.data;
		const r = fileObjection(getDb(), actor, village.id, notice.id, text);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'object',
				text,
				message: noticeRefusalMessage(r.reason, 'answer')
			});
		back(village.slug, notice.seq, 'filed', `objection-${r.objection.ordinal}`);
	},

	answer: async (event) => {
		const { village, notice, actor, staff } = context(event);
		if (!actor || !staff) return fail(403, { section: 'answer', message: m.error_forbidden() });
		const parsed = parseForm(objectionAnswerForm, await readForm(event.request));
		// Only an objection on this notice is answered from its page.
		const own = ownObjection(village.id, notice.seq, idParam(parsed.values.objection));
		if (!own) return fail(400, { section: 'answer', message: m.error_not_found() });
		if (!parsed.ok)
			return fail(400, {
				section: 'answer',
				objection: own.id,
				answer: parsed.values.answer,
				message: firstError(parsed.errors)
			});
		const r = answerObjection(getDb(), actor, village.id, own.id, parsed.data.answer);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'answer',
				objection: own.id,
				answer: parsed.data.answer,
				message: noticeRefusalMessage(r.reason, 'answer')
			});
		back(village.slug, notice.seq, 'answered', `objection-${own.ordinal}`);
	},

	escalate: async (event) => {
		const { village, notice, actor } = context(event);
		if (!actor) return fail(403, { section: 'escalate', message: m.objection_refused_forbidden() });
		const parsed = parseForm(escalationForm, await readForm(event.request));
		const own = parsed.ok ? ownObjection(village.id, notice.seq, parsed.data.objection) : null;
		if (!own) return fail(400, { section: 'escalate', message: m.error_not_found() });
		const r = escalateObjection(getDb(), actor, village.id, own.id);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'escalate',
				objection: own.id,
				message: noticeRefusalMessage(r.reason, 'answer')
			});
		back(village.slug, notice.seq, 'escalated', `objection-${own.ordinal}`);
	}
};

// Read and filled in on cheap phones over slow rural networks: everything here works by links and
// plain form posts, so the page ships no JavaScript at all (no framework to download and start).
export const csr = false;
