// The forms of signing in, activating and managing accounts: one schema each, parsed by
// parseForm, so a bad phone number or a missing password reads the same on every page.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { choice, id, secret, text } from '../forms';
import { normalizePhone } from './phone';

// Long enough for any number typed with spaces, dashes and +86; anything longer is not a phone.
const PHONE_INPUT_MAX = 40;
export const NAME_MAX = 64;

/** A mainland mobile number, read as its 11 digits. */
export const phone = () =>
	text(PHONE_INPUT_MAX, { required: true })
		.refine((s) => normalizePhone(s) !== null, { error: () => m.auth_phone_invalid() })
		.transform((s) => normalizePhone(s) as string);

/** The roles a village's staff open accounts for. */
export const VILLAGE_ROLES = ['villager', 'clerk', 'secretary'] as const;
export type VillageRole = (typeof VILLAGE_ROLES)[number];

const personName = () => text(NAME_MAX, { required: true });

export const loginForm = z.object({ phone: phone(), password: secret() });

export const activationForm = z.object({
	phone: phone(),
	// The slip prints the code in groups; spaces and dashes typed with it do not count.
	code: text(PHONE_INPUT_MAX, { required: true })
		.refine((s) => s.replace(/\D/g, '').length === 8, { error: () => m.auth_code_format() })
		.transform((s) => s.replace(/\D/g, '')),
	password: secret()
});

export const changePasswordForm = z.object({ current: secret(), password: secret() });

export const openAccountForm = z.object({
	name: personName(),
	phone: phone(),
	role: choice(VILLAGE_ROLES)
});

/** Any of the account buttons: the account they act on. */
export const accountForm = z.object({ accountId: id(() => m.error_not_found()) });

export const addStaffForm = z.object({
	villageId: id(() => m.error_choose_one()),
	role: choice(['clerk', 'secretary']),
	staffName: personName(),
	staffPhone: phone()
});

/** The administrator's new township account: which township, which role, who, and their office. */
export const townshipAccountForm = z.object({
	townshipId: id(() => m.error_choose_one()),
	townshipRole: choice(['township_official', 'township_reviewer']),
	officialName: personName(),
	officialPhone: phone(),
	position: text(NAME_MAX)
});
