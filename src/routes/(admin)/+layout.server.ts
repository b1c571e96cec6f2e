// Pages for the system administrator only. A second line, not the only one. SvelteKit runs this load
// beside the page's own, not before it, and answers with the first refusal in tree order; but form
// actions run no layout load, so each action below keeps its own check.
import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { rendersAfterFormPost } from '$lib/server/http/action-name';
import { m } from '$lib/paraglide/messages';
import { isSystemAdmin } from '$lib/server/permissions';

export const load: LayoutServerLoad = ({ locals, url, request }) => {
	if (rendersAfterFormPost(request)) return;
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	if (!isSystemAdmin(locals.user)) error(403, m.error_forbidden());
};
