import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { normalizePhone } from '$lib/server/auth/phone';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/devices';
import { signIn } from '$lib/server/auth/sign-in';
import { field, readForm, secretField, type FieldErrors } from '$lib/server/forms';
import { safeReturnPath } from '$lib/server/http/return-target';
import { homeOf } from '$lib/server/auth/home';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next'), homeOf(locals.user)));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const phoneInput = field(form, 'phone');
		const password = secretField(form, 'password');
		const errors: FieldErrors<'phone' | 'password'> = {};
		const phone = normalizePhone(phoneInput);
		if (!phoneInput) errors.phone = m.error_required();
		else if (!phone) errors.phone = m.auth_phone_invalid();
		if (!password) errors.password = m.error_required();
		if (!phone || errors.password) return fail(400, { phone: phoneInput, errors });

		const db = getDb();
		const result = await signIn(db, {
			phone,
			password,
			address: event.getClientAddress(),
			deviceToken: event.cookies.get(DEVICE_COOKIE)
		});
		if (!result.ok && result.reason === 'wait') {
			return fail(429, {
				phone: phoneInput,
				message: m.auth_wait({ seconds: Math.ceil(result.waitMs / 1000) })
			});
		}
		if (!result.ok) return fail(400, { phone: phoneInput, message: m.auth_login_failed() });
		setDeviceCookie(event.cookies, result.deviceToken, event.locals.secureCookies);
		const token = generateSessionToken();
		const session = createSession(db, token, result.userId);
		setSessionCookie(event.cookies, token, session.expiresAt, event.locals.secureCookies);
		redirect(303, safeReturnPath(event.url.searchParams.get('next'), homeOf(result)));
	}
};
