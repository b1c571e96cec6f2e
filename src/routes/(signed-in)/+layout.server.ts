// Pages for any signed-in account; a visitor signed out is sent to sign in. A second line, not the
// only one. SvelteKit runs this load beside the page's own, not before it, and answers with the
// first refusal in tree order; but form actions run no layout load, so each keeps its own check.
import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { rendersAfterFormPost } from '$lib/server/http/action-name';

export const load: LayoutServerLoad = ({ locals, url, request }) => {
	if (rendersAfterFormPost(request)) return;
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
};
