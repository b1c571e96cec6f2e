// The recusal form, on the clerk's console (who is recused) and on the member's phone (themselves):
// the motion, the reason, and on the console the member. Read before anything touches the database.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { firstError, id, parseForm, text } from '../forms';
import { RECUSAL_REASON_MAX } from './recusals';

export const recusalForm = z.object({
	motion: id(),
	person: id(),
	reason: text(RECUSAL_REASON_MAX, { required: () => m.meeting_refused_bad_recusal_reason() })
});

export const selfRecusalForm = recusalForm.omit({ person: true });

export type ParsedRecusal =
	| { ok: true; motionId: number; personId: number | null; reason: string }
	| { ok: false; motionId: number | null; message: string; reason: string };

/** The console's form names the member; the member's own form does not (`self`). */
export function parseRecusal(form: FormData, self: boolean): ParsedRecusal {
	const p = self ? parseForm(selfRecusalForm, form) : parseForm(recusalForm, form);
	const motion = parseForm(z.object({ motion: id() }), form);
	const motionId = motion.ok ? motion.data.motion : null;
	if (!p.ok)
		return { ok: false, motionId, message: firstError(p.errors), reason: p.values.reason ?? '' };
	return {
		ok: true,
		motionId,
		personId: 'person' in p.data ? (p.data.person as number) : null,
		reason: p.data.reason
	} as ParsedRecusal;
}
