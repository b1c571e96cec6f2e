// Pages for the members of the village's supervision committee on the day: a visitor signed out
// is sent to sign in, anyone else (the clerk included) is refused. A second line: each page and
// form action checks for itself, since form actions run no layout load.
import type { LayoutServerLoad } from './$types';
import { rendersAfterFormPost } from '$lib/server/http/action-name';
import { requireSupervisor } from '$lib/server/villages/context';

export const load: LayoutServerLoad = (event) => {
	if (rendersAfterFormPost(event.request)) return;
	requireSupervisor(event);
};
