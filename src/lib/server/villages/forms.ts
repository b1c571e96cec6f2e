// The administrator's form for a new village and its first clerk, parsed by parseForm.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { checkbox, text } from '../forms';
import { NAME_MAX, phone } from '../auth/forms';

// The slug is the village's address (/slug/...): lower-case Latin letters, digits and dashes.
const SLUG = /^[a-z][a-z0-9-]{1,31}$/;

const place = () => text(NAME_MAX);

export const newVillageForm = z.object({
	slug: text(NAME_MAX)
		.transform((s) => s.toLowerCase())
		.refine((s) => SLUG.test(s), { error: () => m.admin_slug_invalid() }),
	name: text(NAME_MAX, { required: true }),
	township: place(),
	district: place(),
	city: place(),
	province: place(),
	oneShoulder: checkbox(),
	clerkName: text(NAME_MAX, { required: true }),
	clerkPhone: phone()
});
