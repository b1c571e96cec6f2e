import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { changePassword } from '$lib/server/auth/accounts';
import { passwordProblemMessage } from '$lib/server/auth/messages';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/auth/session';
import { parseForm, readForm } from '$lib/server/forms';
import { changePasswordForm } from '$lib/server/auth/forms';
import { findVillage } from '$lib/server/villages/villages';
import { refusalStatus } from '$lib/server/http/refusal';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const village = locals.user.villageId ? findVillage(getDb(), locals.user.villageId) : null;
	return {
		account: { name: locals.user.name, role: locals.user.role, phone: locals.user.phone },
		accountVillage: village ? { name: village.name, slug: village.slug } : null,
		activated: url.searchParams.has('activated')
	};
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = event.locals.user;
		if (!user) redirect(303, '/login');
		const parsed = parseForm(changePasswordForm, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { current, password: next } = parsed.data;
		const db = getDb();
		const result = await changePassword(db, user.id, current, next);
		if (!result.ok) {
			return fail(refusalStatus(result.reason), {
				errors:
					result.reason === 'wrong_password'
						? { current: m.account_wrong_password() }
						: { password: passwordProblemMessage(result.problem) }
			});
		}
		// Every session ended with the change; this browser gets a fresh one.
		const token = generateSessionToken();
		const session = createSession(db, token, user.id);
		setSessionCookie(event.cookies, token, session.expiresAt, event.locals.secureCookies);
		return { changed: true };
	}
};
