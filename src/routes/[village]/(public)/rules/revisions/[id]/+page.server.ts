import { error, fail, redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf, isMemberOf, isVillageStaff, type Actor } from '$lib/server/permissions';
import { mayFileForOthers } from '$lib/server/permissions/filing';
import { filingCandidates } from '$lib/server/topics/filing';
import { idParam, villageFromSlug } from '$lib/server/villages/context';
import { answerComment, commentOnChange, openComments } from '$lib/server/village-rules/comments';
import { draftChange, removeDraftChange } from '$lib/server/village-rules/drafts';
import { recordReview, sendForReview, withdrawRevision } from '$lib/server/village-rules/review';
import { revisionPage } from '$lib/server/village-rules/revision-page';
import { ofRevision } from '$lib/server/village-rules/revision-records';
import {
	answerForm,
	changeIdForm,
	commentForOthersForm,
	commentForm,
	commentOnBehalf,
	draftForm,
	noFields,
	periodForm,
	reviewForm
} from '$lib/server/village-rules/revision-forms';
import {
	revisionRefusalMessage,
	type RevisionRefusal
} from '$lib/server/village-rules/revision-messages';

// Public once the draft is put to the villagers (征求意见 is public by nature); before that, for
// the village's members. Commenters are named to staff only.
function context(event: Pick<RequestEvent, 'params' | 'locals' | 'url'>) {
	const village = villageFromSlug(event.params.village);
	const id = idParam(event.params.id);
	const user = event.locals.user;
	const member = isMemberOf(user, village);
	const actor: Actor | null = member && user ? actorOf(user) : null;
	const staff = isVillageStaff(user, village);
	return { village, id, user, actor, member, staff };
}

export const load: PageServerLoad = async (event) => {
	const { village, id, user, actor, member, staff } = context(event);
	const db = getDb();
	const filesForOthers = !!actor && mayFileForOthers(db, village.id, actor);
	const page = id
		? revisionPage(db, village.id, id, {
				member,
				staff,
				personId: actor?.personId ?? null,
				filesForOthers
			})
		: null;
	if (!page) {
		// A draft not yet put to the villagers is for members: a visitor signed out may be one.
		if (!user && id)
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		error(404, m.error_not_found());
	}
	const search = (event.url.searchParams.get('for') ?? '').slice(0, 32);
	return {
		page,
		forSearch: search,
		candidates:
			page.can.commentForOthers && actor ? filingCandidates(db, village.id, actor, search) : [],
		done: event.url.searchParams.get('done')
	};
};

/** What the page says after a successful post (?done=…). */
type Done =
	'drafted' | 'removed' | 'opened' | 'commented' | 'answered' | 'sent' | 'reviewed' | 'withdrawn';

/** One action: who asks, the form, one domain call, then back to the page (303) or the refusal. */
async function act<S extends z.ZodObject>(
	event: RequestEvent,
	section: string,
	schema: S,
	call: (
		actor: Actor,
		villageId: number,
		revisionId: number,
		data: z.output<S>
	) => { ok: true } | { ok: false; reason: RevisionRefusal },
	done: Done,
	anchor = ''
) {
	const { village, id, actor } = context(event);
	if (!actor || !id) return fail(403, { section, message: m.error_forbidden() });
	const parsed = parseForm(schema, await readForm(event.request));
	if (!parsed.ok)
		return fail(400, { section, values: parsed.values, message: firstError(parsed.errors) });
	const r = call(actor, village.id, id, parsed.data);
	if (!r.ok)
		return fail(refusalStatus(r.reason), {
			section,
			values: parsed.values,
			message: revisionRefusalMessage(r.reason)
		});
	redirect(303, `/${village.slug}/rules/revisions/${id}?done=${done}${anchor ? `#${anchor}` : ''}`);
}

const notHere = { ok: false, reason: 'not_found' } as const;

export const actions: Actions = {
	draft: (event) =>
		act(
			event,
			'draft',
			draftForm,
			(actor, villageId, id, f) =>
				draftChange(getDb(), actor, villageId, id, {
					change: f.change,
					articleKey: f.articleKey,
					afterKey: f.afterKey,
					chapter: f.chapter,
					body: f.body,
					reason: f.reason
				}),
			'drafted',
			'changes'
		),
	removeChange: (event) =>
		act(
			event,
			'removeChange',
			changeIdForm,
			(actor, villageId, id, f) =>
				ofRevision(getDb(), id, 'change', f.change)
					? removeDraftChange(getDb(), actor, villageId, f.change)
					: notHere,
			'removed',
			'changes'
		),
	openComments: (event) =>
		act(
			event,
			'openComments',
			periodForm,
			(actor, villageId, id, f) => openComments(getDb(), actor, villageId, id, f),
			'opened'
		),
	comment: (event) =>
		act(
			event,
			'comment',
			commentForm,
			(actor, villageId, id, f) =>
				ofRevision(getDb(), id, 'change', f.change)
					? commentOnChange(getDb(), actor, villageId, f.change, f.body)
					: notHere,
			'commented',
			'changes'
		),
	commentFor: (event) =>
		act(
			event,
			'commentFor',
			commentForOthersForm,
			(actor, villageId, id, f) =>
				ofRevision(getDb(), id, 'change', f.change)
					? commentOnChange(getDb(), actor, villageId, f.change, f.body, commentOnBehalf(f))
					: notHere,
			'commented',
			'changes'
		),
	answer: (event) =>
		act(
			event,
			'answer',
			answerForm,
			(actor, villageId, id, f) =>
				ofRevision(getDb(), id, 'comment', f.comment)
					? answerComment(getDb(), actor, villageId, f.comment, f.answer)
					: notHere,
			'answered',
			'changes'
		),
	send: (event) =>
		act(
			event,
			'send',
			noFields,
			(actor, villageId, id) => sendForReview(getDb(), actor, villageId, id),
			'sent'
		),
	review: (event) =>
		act(
			event,
			'review',
			reviewForm,
			(actor, villageId, id, f) => recordReview(getDb(), actor, villageId, id, f),
			'reviewed',
			'reviews'
		),
	withdraw: (event) =>
		act(
			event,
			'withdraw',
			noFields,
			(actor, villageId, id) => withdrawRevision(getDb(), actor, villageId, id),
			'withdrawn'
		)
};

// Read on cheap phones over slow networks: links and plain form posts, no JavaScript needed.
export const csr = false;
