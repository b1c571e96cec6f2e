import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { field, readForm } from '$lib/server/forms';
import {
	DISPLAY_COOKIE,
	DISPLAY_COOKIE_MAX_AGE,
	LARGE,
	parseDisplayChoice
} from '$lib/server/http/display-mode';
import { safeReturnPath } from '$lib/server/http/return-target';

// The header's 大字模式 switch: a plain form post like the language switch, so it works without
// JavaScript, and the page comes back in the chosen mode from the server's first paint.
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await readForm(request);
	const choice = parseDisplayChoice(field(form, 'mode'));
	if (!choice) {
		return new Response(m.display_choice_invalid(), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	// Only the server reads it (it paints the mode), so no script needs to.
	const options = {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: locals.secureCookies
	} as const;
	if (choice === 'large')
		cookies.set(DISPLAY_COOKIE, LARGE, { ...options, maxAge: DISPLAY_COOKIE_MAX_AGE });
	else cookies.delete(DISPLAY_COOKIE, options);
	redirect(303, safeReturnPath(field(form, 'to'), '/'));
};
