import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { normalizePhone } from '$lib/server/auth/phone';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/devices';
import { activate } from '$lib/server/auth/sign-in';
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

		const db = getDb();
		const result = await activate(db, {
			phone,
			code,
			newPassword: password,
			address: event.getClientAddress(),
			deviceToken: event.cookies.get(DEVICE_COOKIE)
		});
		if (!result.ok) {
			if (result.reason === 'wait') {
				return fail(429, {
					...values,
					message: m.auth_wait({ seconds: Math.ceil(result.waitMs / 1000) })
				});
			}
			if (result.reason === 'weak_password') {
				return fail(400, {
					...values,
					errors: { password: passwordProblemMessage(result.problem) } as typeof errors
				});
			}
			return fail(400, { ...values, message: m.auth_code_invalid() });
		}
		setDeviceCookie(event.cookies, result.deviceToken, event.locals.secureCookies);
		const token = generateSessionToken();
		const session = createSession(db, token, result.userId);
		setSessionCookie(event.cookies, token, session.expiresAt, event.locals.secureCookies);
		redirect(303, '/account?activated=1');
	}
};
