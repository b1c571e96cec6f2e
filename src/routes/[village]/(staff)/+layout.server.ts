// Pages for the village's clerk and branch secretary: anyone else is sent to sign in or refused here.
// A second line, not the only one. SvelteKit runs this load beside the page's own, not before it,
// and answers with the first refusal in tree order, so a refused visitor gets this one; but form
// actions and +server.ts endpoints run no layout load, so each of them keeps its own requireStaff.
import type { LayoutServerLoad } from './$types';
import { rendersAfterFormPost } from '$lib/server/http/action-name';
import { requireStaff } from '$lib/server/villages/context';

export const load: LayoutServerLoad = (event) => {
	if (rendersAfterFormPost(event.request)) return;
	requireStaff(event);
};
