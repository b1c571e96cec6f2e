// The console's attendance checklist form: every ticked person as an id. One value that is not an
// id refuses the whole list (nothing is marked), and the ids that were read go back as ticks.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { cleanText, parseForm } from '../forms';
import { idParam } from '../villages/context';
import { ids } from './console-forms';

export const markPresentForm = z.object({
	person: ids(() => m.meeting_refused_not_on_roster())
});

export type ParsedMarkPresent =
	{ ok: true; personIds: number[] } | { ok: false; message: string; ticked: number[] };

export function parseMarkPresent(form: FormData): ParsedMarkPresent {
	const p = parseForm(markPresentForm, form);
	if (p.ok) return { ok: true, personIds: p.data.person };
	return {
		ok: false,
		message: p.errors.person ?? m.error_invalid(),
		ticked: form
			.getAll('person')
			.map((v) => idParam(cleanText(v)))
			.filter((n): n is number => n !== null)
	};
}
