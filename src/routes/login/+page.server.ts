import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { checkLogin } from '$lib/server/auth/accounts';
import { normalizePhone } from '$lib/server/auth/phone';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { loginByAccount, loginByAddress } from '$lib/server/auth/throttle';
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

		const accountKey = `phone:${phone}`;
		const addressKey = `addr:${event.getClientAddress()}`;
		const waitMs = Math.max(loginByAccount.waitMs(accountKey), loginByAddress.waitMs(addressKey));
		if (waitMs > 0) {
			return fail(429, {
				phone: phoneInput,
				message: m.auth_wait({ seconds: Math.ceil(waitMs / 1000) })
			});
		}

		const db = getDb();
		const result = await checkLogin(db, phone, password);
		if (!result.ok) {
			loginByAccount.fail(accountKey);
			loginByAddress.fail(addressKey);
			return fail(400, { phone: phoneInput, message: m.auth_login_failed() });
		}
		loginByAccount.succeed(accountKey);
		const token = generateSessionToken();
		const session = createSession(db, token, result.userId);
		setSessionCookie(event.cookies, token, session.expiresAt, event.locals.secureCookies);
		redirect(303, safeReturnPath(event.url.searchParams.get('next'), homeOf(result)));
	}
};
