import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/devices';
import { activate } from '$lib/server/auth/sign-in';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms';
import { activationForm } from '$lib/server/auth/forms';

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(activationForm, await readForm(event.request));
		const values = { phone: parsed.values.phone, code: parsed.values.code };
		if (!parsed.ok) return fail(400, { ...values, errors: parsed.errors });
		const { phone, code, password } = parsed.data;

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
					errors: { password: passwordProblemMessage(result.problem) } as FieldErrors<
						'phone' | 'code' | 'password'
					>
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
