import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { field, readForm, type FieldErrors } from '$lib/server/forms';
import { discardFiles, storeFormFiles } from '$lib/server/topics/files';
import { readTopicForm } from '$lib/server/topics/form';
import { topicRefusalMessage } from '$lib/server/topics/messages';
import { ON_BEHALF_CHANNELS, type OnBehalfChannel } from '$lib/server/topics/rules';
import { MAX_ATTACHMENTS, type OnBehalf } from '$lib/server/topics/records';
import { createTopic, filingCandidates } from '$lib/server/topics/filing';
import { idParam, requireMember } from '$lib/server/villages/context';
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
	const { values, errors, input } = readTopicForm(form);
	const behalfValues = {
		forPerson: field(form, 'forPerson'),
		channel: field(form, 'channel'),
		consentKind: field(form, 'consentKind'),
		consentAt: field(form, 'consentAt')
	};
	let onBehalf: OnBehalf | undefined;
	const behalfErrors: FieldErrors = {};
	const personId = idParam(behalfValues.forPerson);
	if (behalfValues.forPerson) {
		const db = getDb();
		if (!personId || !mayFileFor(db, village.id, actor, personId))
			behalfErrors.forPerson = m.topic_not_your_villager();
		if (!(ON_BEHALF_CHANNELS as readonly string[]).includes(behalfValues.channel))
			behalfErrors.channel = m.error_choose_one();
		if (behalfValues.consentKind !== 'signed_note' && behalfValues.consentKind !== 'read_back') {
			behalfErrors.consentKind = m.topic_consent_required();
		}
		// The phone's datetime-local has no zone: the village's time is China's.
		const consentTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(behalfValues.consentAt)
			? new Date(`${behalfValues.consentAt}:00+08:00`)
			: new Date(NaN);
		if (
			behalfValues.consentKind === 'read_back' &&
			(Number.isNaN(consentTime.getTime()) || consentTime.getTime() > Date.now() + 60_000)
		) {
			behalfErrors.consentAt = m.topic_consent_time_required();
		}
		if (personId && !Object.keys(behalfErrors).length) {
			onBehalf = {
				personId,
				channel: behalfValues.channel as OnBehalfChannel,
				consentKind: behalfValues.consentKind as OnBehalf['consentKind'],
				consentAt:
					behalfValues.consentKind === 'read_back'
						? consentTime.toISOString()
						: new Date().toISOString()
			};
		}
	} else if (user.personId === null) {
		behalfErrors.forPerson = m.topic_choose_villager();
	}
	const allErrors = { ...errors, ...behalfErrors };
	if (!input || Object.keys(allErrors).length)
		return fail(400, { values: { ...values, ...behalfValues }, errors: allErrors });

	const materials = await storeFormFiles(form, 'files', 'material', MAX_ATTACHMENTS);
	if (!materials.ok)
		return fail(400, {
			values: { ...values, ...behalfValues },
			errors: { files: materials.message } as FieldErrors
		});
	const consent = onBehalf
		? await storeFormFiles(form, 'consentPhoto', 'consent', 1)
		: { ok: true as const, files: [] };
	if (!consent.ok) {
		await discardFiles(materials.files);
		return fail(400, {
			values: { ...values, ...behalfValues },
			errors: { consentPhoto: consent.message } as FieldErrors
		});
	}
	if (onBehalf?.consentKind === 'signed_note' && consent.files.length === 0) {
		await discardFiles(materials.files);
		return fail(400, {
			values: { ...values, ...behalfValues },
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
			values: { ...values, ...behalfValues },
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
