import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { DEVICE_COOKIE, setDeviceCookie } from '$lib/server/auth/devices';
import { signIn } from '$lib/server/auth/sign-in';
import { parseForm, readForm } from '$lib/server/forms';
import { loginForm } from '$lib/server/auth/forms';
import { safeReturnPath } from '$lib/server/http/return-target';
import { homeOf } from '$lib/server/auth/home';
import { checkinTargetOf } from '$lib/server/meetings/checkin';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeReturnPath(url.searchParams.get('next'), '');
	if (locals.user) redirect(303, next || homeOf(locals.user));
	// A scanned hall code leads here first: say which meeting the sign-in is for.
	return { checkin: next ? checkinTargetOf(getDb(), next) : null };
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(loginForm, await readForm(event.request));
		const phoneInput = parsed.values.phone;
		if (!parsed.ok) return fail(400, { phone: phoneInput, errors: parsed.errors });
		const { phone, password } = parsed.data;

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

// The first page of every phone's visit, and the most asked-for page that nobody's session can
// cache: a plain form post does the sign-in, so no client code ships and no copy of the page's
// data is serialised for a framework to hydrate, which was most of what the page cost to render.
export const csr = false;
