// Pages for township staff (an official or a reviewer) only. A second line, not the only one:
// form actions run no layout load, so each action keeps its own check (requireTownship).
import type { LayoutServerLoad } from './$types';
import { rendersAfterFormPost } from '$lib/server/http/action-name';
import { requireTownship } from '$lib/server/villages/context';

export const load: LayoutServerLoad = (event) => {
	if (rendersAfterFormPost(event.request)) return;
	requireTownship(event);
};
