import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listMeetings } from '$lib/server/meetings/view';
import { isVillageStaff } from '$lib/server/permissions';
import { pageWindow } from '$lib/server/roster/people';
import { idParam, requireMember } from '$lib/server/villages/context';

const PAGE_SIZE = 20;

export const load: PageServerLoad = (event) => {
	const { village, user } = requireMember(event);
	const staff = isVillageStaff(user, village);
	const db = getDb();
	// Drafts are the clerk's working papers: only staff see them.
	const { total } = listMeetings(db, village.id, { includeDrafts: staff, limit: 0 });
	const { page, pages, offset } = pageWindow(
		total,
		idParam(event.url.searchParams.get('page')) ?? 1,
		PAGE_SIZE
	);
	const { items } = listMeetings(db, village.id, {
		includeDrafts: staff,
		limit: PAGE_SIZE,
		offset
	});
	return { staff, meetings: items, total, page, pages };
};
