// The speakers' queue's forms (console and phone) and the words for its refusals: each parser
// turns one action's FormData into typed input or the one message the form shows.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { firstError, id, parseForm, text, whole } from '../forms';
import { SPEECH_SUMMARY_MAX, type SpeakerRefusal } from './speakers';

type Parsed<T> = { ok: true; input: T } | { ok: false; message: string };

const parsed = <S extends z.ZodObject, T>(
	schema: S,
	form: FormData,
	input: (data: z.output<S>) => T
): Parsed<T> => {
	const p = parseForm(schema, form);
	return p.ok ? { ok: true, input: input(p.data) } : { ok: false, message: firstError(p.errors) };
};

const itemForm = z.object({ item: id() });
const limitForm = z.object({ minutes: whole(1, 60, { required: true }) });
const personForm = z.object({ person: id(() => m.spk_choose_person()) });
const requestForm = z.object({ request: id() });
const endForm = z.object({ request: id(), summary: text(SPEECH_SUMMARY_MAX) });

export const parseDiscuss = (form: FormData) =>
	parsed(itemForm, form, (d) => ({ agendaItemId: d.item }));

export const parseSpeakerLimit = (form: FormData) =>
	parsed(limitForm, form, (d) => ({ limitSeconds: d.minutes! * 60 }));

export const parseAddSpeaker = (form: FormData) =>
	parsed(personForm, form, (d) => ({ personId: d.person }));

export const parseSpeakerRequest = (form: FormData) =>
	parsed(requestForm, form, (d) => ({ requestId: d.request }));

export const parseEndSpeech = (form: FormData) =>
	parsed(endForm, form, (d) => ({ requestId: d.request, summary: d.summary }));

/** Why the queue refused, in words the clerk or the attendee can act on. */
export function speakerRefusalMessage(reason: SpeakerRefusal): string {
	const messages: Record<SpeakerRefusal, () => string> = {
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		not_open: m.meeting_refused_not_open,
		no_item: m.spk_refused_no_item,
		not_present: m.spk_refused_not_present,
		someone_speaking: m.spk_refused_someone_speaking,
		not_waiting: m.spk_refused_not_waiting,
		not_speaking: m.spk_refused_not_speaking,
		not_current_item: m.spk_refused_not_current_item,
		bad_limit: m.spk_refused_bad_limit,
		bad_summary: () => m.spk_refused_bad_summary({ max: SPEECH_SUMMARY_MAX })
	};
	return messages[reason]();
}
