// Pages for the village's members (any role): a visitor signed out is sent to sign in, a login of
// another village or the administrator is refused here. A second line, not the only one. SvelteKit
// runs this load beside the page's own, not before it, and answers with the first refusal in tree
// order; but form actions and +server.ts endpoints run no layout load, so each keeps its own check.
import type { LayoutServerLoad } from './$types';
import { rendersAfterFormPost } from '$lib/server/http/action-name';
import { requireMember } from '$lib/server/villages/context';

export const load: LayoutServerLoad = (event) => {
	if (rendersAfterFormPost(event.request)) return;
	requireMember(event);
};
