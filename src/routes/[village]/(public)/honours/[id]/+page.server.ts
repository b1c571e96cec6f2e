import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf, isMemberOf, isVillageStaff, mayFileForOthers } from '$lib/server/permissions';
import { filingCandidates } from '$lib/server/topics/filing';
import { castHonourBallot, recordMeetingCount } from '$lib/server/honours/ballots';
import {
	ballotForm,
	chosenIds,
	meetingCountForm,
	meetingVotes,
	nominateForm,
	nominateInput,
	reviewForm
} from '$lib/server/honours/forms';
import { honourRefusalMessage } from '$lib/server/honours/messages';
import { nominate, reviewNomination } from '$lib/server/honours/nominations';
import {
	categoriesOf,
	categoriesVotedBy,
	closedMeetingsOf,
	findRound,
	nominationsBy,
	nominationsOf,
	nomineeCandidates,
	publicHonourees,
	turnoutOf
} from '$lib/server/honours/records';
import { countRound, publishRound, roundResults } from '$lib/server/honours/results';
import {
	cancelRound,
	closeNominations,
	nominationsOpenOn,
	openVoting,
	votingOpenOn
} from '$lib/server/honours/rounds';
import {
	idParam,
	requireMember,
	requireStaff,
	villageFromSlug
} from '$lib/server/villages/context';

// Public once published (the honourees only); before that, a page for the village's members.
function context(event: Pick<RequestEvent, 'params' | 'locals'>) {
	const village = villageFromSlug(event.params.village);
	const id = idParam(event.params.id);
	const round = id ? findRound(getDb(), village.id, id) : null;
	const member = isMemberOf(event.locals.user, village);
	if (!round || (round.state !== 'published' && !member)) error(404, m.error_not_found());
	return { village, round, member, staff: isVillageStaff(event.locals.user, village) };
}

const DONE = ['nominated', 'voted', 'reviewed', 'saved'] as const;

export const load: PageServerLoad = (event) => {
	const { village, round, member, staff } = context(event);
	const db = getDb();
	const user = event.locals.user;
	const now = new Date();
	const categories = categoriesOf(db, round.id);
	const actor = member && user ? actorOf(user) : null;
	const nominationsOpen = !!actor && nominationsOpenOn(round, now);
	const votingOpen = !!actor && votingOpenOn(round, now);
	const all = staff || votingOpen ? nominationsOf(db, round.id) : [];
	const search = (event.url.searchParams.get('q') ?? '').slice(0, 32);
	const forSearch = (event.url.searchParams.get('for') ?? '').slice(0, 32);
	const results = staff && round.state === 'counted' ? roundResults(db, round) : null;
	return {
		round,
		categories,
		honourees: publicHonourees(db, village.id, round.id),
		member,
		staff,
		nominationsOpen,
		votingOpen,
		search,
		forSearch,
		nominees: nominationsOpen ? nomineeCandidates(db, village.id, search) : [],
		canFileForOthers: nominationsOpen && mayFileForOthers(db, village.id, actor!),
		canFileForSelf: user?.personId != null,
		onBehalfCandidates:
			nominationsOpen && actor ? filingCandidates(db, village.id, actor, forSearch) : [],
		mine: actor ? nominationsBy(db, round.id, actor.personId, actor.userId) : [],
		// The ballot: accepted nominations of each category, while the vote is open.
		ballot: votingOpen
			? all
					.filter((n) => n.review === 'accepted')
					.map((n) => ({
						id: n.id,
						categoryId: n.categoryId,
						name: n.nomineeName,
						reason: n.reason
					}))
			: [],
		voted: votingOpen && actor?.personId ? categoriesVotedBy(db, round.id, actor.personId) : [],
		nominations: staff ? all : [],
		results: results
			? Object.fromEntries([...results].map(([c, r]) => [c, r]))
			: ({} as Record<number, { honoured: number[]; tied: number[] }>),
		turnout: staff ? Object.fromEntries(turnoutOf(db, round.id)) : {},
		closedMeetings:
			staff && round.state === 'voting' && round.voteMode === 'meeting'
				? closedMeetingsOf(db, village.id)
				: [],
		done: (DONE as readonly string[]).includes(event.url.searchParams.get('done') ?? '')
			? event.url.searchParams.get('done')
			: null
	};
};

const back = (slug: string, id: number, done?: (typeof DONE)[number]) =>
	redirect(303, `/${slug}/honours/${id}${done ? `?done=${done}` : ''}#top`);

const refused = (reason: string, values?: unknown) =>
	fail(refusalStatus(reason), { values, message: honourRefusalMessage(reason) });

/** A staff step on the whole round: who asks, one verb, back to the page. */
function roundStep(
	verb: typeof closeNominations | typeof openVoting | typeof cancelRound | typeof countRound
) {
	return async (event: RequestEvent) => {
		const { village, user } = requireStaff(event);
		const id = idParam(event.params.id);
		if (!id) error(404, m.error_not_found());
		const r = verb(getDb(), actorOf(user), village.id, id);
		if (!r.ok) return refused(r.reason);
		back(village.slug, id, 'saved');
	};
}

export const actions: Actions = {
	nominate: async (event) => {
		const { village, user } = requireMember(event);
		const id = idParam(event.params.id);
		if (!id) error(404, m.error_not_found());
		const parsed = parseForm(nominateForm, await readForm(event.request));
		const values = parsed.values;
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors as FieldErrors });
		const subject = categoriesOf(getDb(), id).find((c) => c.id === parsed.data.category)?.subject;
		const r = nominate(getDb(), actorOf(user), village.id, nominateInput(id, parsed.data, subject));
		if (!r.ok) return refused(r.reason, values);
		back(village.slug, id, 'nominated');
	},
	vote: async (event) => {
		const { village, user } = requireMember(event);
		const id = idParam(event.params.id);
		if (!id) error(404, m.error_not_found());
		const parsed = parseForm(ballotForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const r = castHonourBallot(getDb(), actorOf(user), village.id, {
			roundId: id,
			categoryId: parsed.data.category,
			nominationIds: chosenIds(parsed.data)
		});
		// The ballot is never echoed back: a refused one is cast again from scratch.
		if (!r.ok) return refused(r.reason);
		back(village.slug, id, 'voted');
	},
	review: async (event) => {
		const { village, user } = requireStaff(event);
		const id = idParam(event.params.id);
		if (!id) error(404, m.error_not_found());
		const parsed = parseForm(reviewForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const r = reviewNomination(getDb(), actorOf(user), village.id, {
			roundId: id,
			nominationId: parsed.data.nomination,
			decision: parsed.data.decision,
			note: parsed.data.note
		});
		if (!r.ok) return refused(r.reason);
		back(village.slug, id, 'reviewed');
	},
	closeNominations: roundStep(closeNominations),
	openVoting: roundStep(openVoting),
	count: roundStep(countRound),
	cancel: roundStep(cancelRound),
	meetingCount: async (event) => {
		const { village, user } = requireStaff(event);
		const id = idParam(event.params.id);
		if (!id) error(404, m.error_not_found());
		const form = await readForm(event.request);
		const parsed = parseForm(meetingCountForm, form);
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
		const r = recordMeetingCount(getDb(), actorOf(user), village.id, {
			roundId: id,
			meetingId: parsed.data.meeting,
			votes: meetingVotes(form)
		});
		if (!r.ok) return refused(r.reason);
		back(village.slug, id, 'saved');
	},
	publish: async (event) => {
		const { village, user } = requireStaff(event);
		const id = idParam(event.params.id);
		if (!id) error(404, m.error_not_found());
		const r = publishRound(getDb(), actorOf(user), village.id, id);
		if (!r.ok) return refused(r.reason);
		redirect(303, `/${village.slug}/notices/${r.noticeSeq}`);
	}
};
