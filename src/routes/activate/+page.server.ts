import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { redeemActivationCode } from '$lib/server/auth/accounts';
import { normalizePhone } from '$lib/server/auth/phone';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { activationByAccount, loginByAddress } from '$lib/server/auth/throttle';
import { field, readForm, secretField, type FieldErrors } from '$lib/server/forms';

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const phoneInput = field(form, 'phone');
		const codeInput = field(form, 'code');
		const password = secretField(form, 'password');
		const errors: FieldErrors<'phone' | 'code' | 'password'> = {};
		const phone = normalizePhone(phoneInput);
		const code = codeInput.replace(/\D/g, '');
		if (!phoneInput) errors.phone = m.error_required();
		else if (!phone) errors.phone = m.auth_phone_invalid();
		if (!codeInput) errors.code = m.error_required();
		else if (code.length !== 8) errors.code = m.auth_code_format();
		if (!password) errors.password = m.error_required();
		const values = { phone: phoneInput, code: codeInput };
		if (!phone || Object.keys(errors).length > 0) return fail(400, { ...values, errors });

		const accountKey = `activate:${phone}`;
		const addressKey = `addr:${event.getClientAddress()}`;
		const waitMs = Math.max(
			activationByAccount.waitMs(accountKey),
			loginByAddress.waitMs(addressKey)
		);
		if (waitMs > 0) {
			return fail(429, { ...values, message: m.auth_wait({ seconds: Math.ceil(waitMs / 1000) }) });
		}

		const db = getDb();
		const result = await redeemActivationCode(db, phone, code, password);
		if (!result.ok) {
			if (result.reason === 'weak_password') {
				return fail(400, {
					...values,
					errors: { password: passwordProblemMessage(result.problem) } as typeof errors
				});
			}
			activationByAccount.fail(accountKey);
			loginByAddress.fail(addressKey);
			return fail(400, { ...values, message: m.auth_code_invalid() });
		}
		activationByAccount.succeed(accountKey);
		const token = generateSessionToken();
		const session = createSession(db, token, result.userId);
		setSessionCookie(event.cookies, token, session.expiresAt, event.locals.secureCookies);
		redirect(303, '/account?activated=1');
	}
};
