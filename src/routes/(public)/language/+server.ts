import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { field, readForm } from '$lib/server/forms';
import { safeReturnPath } from '$lib/server/http/return-target';

// A plain form post, so the switch works without JavaScript; the choice lives in a cookie that
// the i18n middleware reads on every request.
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await readForm(request);
	const locale = field(form, 'locale');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax',
			secure: false
		});
	}
	redirect(303, safeReturnPath(field(form, 'to'), '/'));
};
