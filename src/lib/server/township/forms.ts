// The township's filing forms: which filing (and its village, so another township's is not
// found), and for a return the reason, parsed by parseForm.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, text } from '../forms';
import { RETURN_REASON_MAX } from './filings';

// Longer than any village's slug: a longer value names no village, refused before the lookup.
const SLUG = 64;

export const acknowledgeFilingForm = z.object({
	village: text(SLUG, { required: true }),
	filing: id()
});

export const returnFilingForm = acknowledgeFilingForm.extend({
	reason: text(RETURN_REASON_MAX, { required: () => m.tfil_bad_reason() })
});
