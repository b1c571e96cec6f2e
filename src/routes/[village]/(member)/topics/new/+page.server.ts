import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { discardFiles, storeFormFiles } from '$lib/server/topics/files';
import { consentAtOf, fileTopicForm, topicInput } from '$lib/server/topics/form';
import { topicRefusalMessage } from '$lib/server/topics/messages';
import type { OnBehalfChannel } from '$lib/server/topics/rules';
import { MAX_ATTACHMENTS, type OnBehalf } from '$lib/server/topics/records';
import { createTopic, filingCandidates } from '$lib/server/topics/filing';
import { requireMember } from '$lib/server/villages/context';
import { actorOf, mayFileFor, mayFileForOthers } from '$lib/server/permissions';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const actor = actorOf(user);
	const search = (event.url.searchParams.get('for') ?? '').slice(0, 32);
	const db = getDb();
	return {
		// Only people who may file for others see the on-behalf section.
		canFileForOthers: mayFileForOthers(db, village.id, actor),
		canFileForSelf: user.personId !== null,
		forSearch: search,
		candidates: filingCandidates(db, village.id, actor, search)
	};
};

async function file(event: RequestEvent, submit: boolean) {
	const { village, user } = requireMember(event);
	const actor = actorOf(user);
	const form = await readForm(event.request);
	const parsed = parseForm(fileTopicForm, form);
	const values = parsed.values;
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	const forPerson = parsed.ok ? parsed.data.forPerson : null;
	if (forPerson !== null && !mayFileFor(getDb(), village.id, actor, forPerson))
		errors.forPerson = m.topic_not_your_villager();
	else if (!values.forPerson && user.personId === null)
		errors.forPerson = m.topic_choose_villager();
	if (!parsed.ok || Object.keys(errors).length) return fail(400, { values, errors });
	const input = topicInput(parsed.data);
	const onBehalf: OnBehalf | undefined =
		forPerson === null
			? undefined
			: {
					personId: forPerson,
					channel: parsed.data.channel as OnBehalfChannel,
					consentKind: parsed.data.consentKind as OnBehalf['consentKind'],
					consentAt: consentAtOf(parsed.data)
				};

	const materials = await storeFormFiles(form, 'files', 'material', MAX_ATTACHMENTS);
	if (!materials.ok)
		return fail(400, {
			values,
			errors: { files: materials.message } as FieldErrors
		});
	const consent = onBehalf
		? await storeFormFiles(form, 'consentPhoto', 'consent', 1)
		: { ok: true as const, files: [] };
	if (!consent.ok) {
		await discardFiles(materials.files);
		return fail(400, {
			values,
			errors: { consentPhoto: consent.message } as FieldErrors
		});
	}
	if (onBehalf?.consentKind === 'signed_note' && consent.files.length === 0) {
		await discardFiles(materials.files);
		return fail(400, {
			values,
			errors: { consentPhoto: m.topic_consent_photo_required() } as FieldErrors
		});
	}
	const attachments = [...materials.files, ...consent.files];
	let result: ReturnType<typeof createTopic>;
	try {
		result = createTopic(getDb(), actor, village.id, input, { submit, onBehalf, attachments });
	} catch (e) {
		await discardFiles(attachments);
		throw e;
	}
	if (!result.ok) {
		await discardFiles(attachments);
		return fail(refusalStatus(result.reason), {
			values,
			message: topicRefusalMessage(result.reason)
		});
	}
	redirect(
		303,
		`/${village.slug}/topics/${result.topic.number}?filed=${submit ? 'submitted' : 'draft'}`
	);
}

export const actions: Actions = {
	submit: (event) => file(event, true),
	draft: (event) => file(event, false)
};

// Read and filled in on cheap phones over slow rural networks: everything here works by links and
// plain form posts, so the page ships no JavaScript at all (no framework to download and start).
export const csr = false;
