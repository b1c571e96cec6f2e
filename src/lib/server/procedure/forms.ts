// The 4+2 procedure's forms (recording a step or a failed vote, authorizing the representatives,
// correcting a resolution), one schema each, parsed by parseForm.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, id, text, textList } from '../forms';
import { CORRECTION_REASON_MAX, CORRECTION_TEXT_MAX } from './resolutions';

// The domain refuses a failed vote's reason beyond this (matters.ts).
export const FAILED_VOTE_REASON_MAX = 500;
// Category and item codes and ISO dates: anything longer is not one.
const CODE = 64;

export const stepForm = z.object({ motion: id() });

export const failedVoteForm = z.object({
	motion: id(),
	choice: choice(['send_back', 'end']),
	reason: text(FAILED_VOTE_REASON_MAX)
});

export const authorizationForm = z.object({
	motion: id(),
	categories: textList(CODE),
	items: textList(CODE),
	validFrom: text(CODE),
	validTo: text(CODE)
});

export const correctionForm = z.object({
	text: text(CORRECTION_TEXT_MAX, { required: () => m.proc_res_bad_text() }),
	reason: text(CORRECTION_REASON_MAX, { required: () => m.proc_res_bad_reason() })
});
