import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { firstError, parseForm, readForm } from '$lib/server/forms';
import { correctionForm, minutesTextForm } from '$lib/server/meetings/forms';
import { minutesRefusalMessage } from '$lib/server/meetings/messages';
import {
	appendCorrection,
	attestSignedSheet,
	confirmMinutes,
	CORRECTION_REASON_MAX,
	CORRECTION_TEXT_MAX,
	MINUTES_TEXT_MAX,
	minutesTextOpen,
	setMinutesText
} from '$lib/server/meetings/minutes';
import { minutesOf, minutesStanding } from '$lib/server/meetings/minutes-view';
import { resolutionsOfMeeting } from '$lib/server/procedure/resolutions';
import { actorOf, isVillageStaff } from '$lib/server/permissions';
import { discardFiles, storeFormFiles } from '$lib/server/topics/files';
import { idParam, requireMember } from '$lib/server/villages/context';
import { refusalStatus } from '$lib/server/http/refusal';

// Every load and action starts here: a member of this village, and a meeting of this village.
function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { village, user } = requireMember(event);
	const staff = isVillageStaff(user, village);
	const id = idParam(event.params.id);
	const minutes = id ? minutesOf(getDb(), village.id, id) : null;
	// A draft meeting is the staff's working copy: others see no such meeting.
	if (!minutes || (minutes.meeting.state === 'draft' && !staff)) error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, user, staff, minutes, actor, id: minutes.meeting.id };
}

const DONE = ['text', 'confirmed', 'already', 'attested', 'corrected'] as const;

export const load: PageServerLoad = (event) => {
	const { village, minutes, staff, user, id } = context(event);
	const done = event.url.searchParams.get('done');
	return {
		minutes,
		staff,
		standing: minutesStanding(getDb(), id, user.personId),
		textOpen: minutesTextOpen(getDb(), minutes.meeting),
		resolutions: resolutionsOfMeeting(getDb(), village.id, id),
		done: (DONE as readonly string[]).includes(done ?? '') ? done : null,
		limits: {
			text: MINUTES_TEXT_MAX,
			correction: CORRECTION_TEXT_MAX,
			reason: CORRECTION_REASON_MAX
		}
	};
};

const back = (slug: string, id: number, done: (typeof DONE)[number]) =>
	redirect(303, `/${slug}/meetings/${id}/minutes?done=${done}`);

export const actions: Actions = {
	saveText: async (event) => {
		const { village, actor, staff, id } = context(event);
		if (!staff) return fail(403, { section: 'staff', message: m.error_forbidden() });
		const parsed = parseForm(minutesTextForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				section: 'text',
				text: parsed.values.text,
				message: firstError(parsed.errors)
			});
		const { text } = parsed.data;
		const r = setMinutesText(getDb(), actor, village.id, id, text);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'text',
				text,
				message: minutesRefusalMessage(r.reason)
			});
		back(village.slug, id, 'text');
	},

	confirm: (event) => {
		const { village, actor, id } = context(event);
		const r = confirmMinutes(getDb(), actor, village.id, id);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'confirm',
				message: minutesRefusalMessage(r.reason)
			});
		back(village.slug, id, r.alreadyConfirmed ? 'already' : 'confirmed');
	},

	attest: async (event) => {
		const { village, actor, staff, id, minutes } = context(event);
		if (!staff) return fail(403, { section: 'staff', message: m.error_forbidden() });
		// Refuse before storing anything: a file for an open meeting would only be thrown away.
		if (minutes.meeting.state !== 'closed')
			return fail(400, { section: 'attest', message: minutesRefusalMessage('not_closed') });
		const stored = await storeFormFiles(await readForm(event.request), 'sheet', 'material', 1);
		if (!stored.ok) return fail(400, { section: 'attest', message: stored.message });
		const [file] = stored.files;
		if (!file) return fail(400, { section: 'attest', message: m.mtg_minutes_attest_required() });
		const r = attestSignedSheet(getDb(), actor, village.id, id, file);
		if (!r.ok) {
			await discardFiles(stored.files);
			return fail(refusalStatus(r.reason), {
				section: 'attest',
				message: minutesRefusalMessage(r.reason)
			});
		}
		back(village.slug, id, 'attested');
	},

	correct: async (event) => {
		const { village, actor, staff, id } = context(event);
		if (!staff) return fail(403, { section: 'staff', message: m.error_forbidden() });
		const parsed = parseForm(correctionForm, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				section: 'correct',
				correction: { text: parsed.values.correction, reason: parsed.values.reason },
				message: firstError(parsed.errors)
			});
		const correction = { text: parsed.data.correction, reason: parsed.data.reason };
		const r = appendCorrection(getDb(), actor, village.id, id, correction);
		if (!r.ok)
			return fail(refusalStatus(r.reason), {
				section: 'correct',
				correction,
				message: minutesRefusalMessage(r.reason)
			});
		back(village.slug, id, 'corrected');
	}
};
