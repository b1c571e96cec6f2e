import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { outboxCount, outboxOf } from '$lib/server/outbox/outbox';
import { idParam, requireStaff } from '$lib/server/villages/context';

// A village queues a few hundred messages a year: the outbox shows them a page at a time.
const PER_PAGE = 20;

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const toDo = event.url.searchParams.get('show') === 'todo';
	const pages = Math.max(1, Math.ceil(outboxCount(db, village.id, { toDo }) / PER_PAGE));
	const page = Math.min(idParam(event.url.searchParams.get('page')) ?? 1, pages);
	return {
		toDo,
		page,
		pages,
		messages: outboxOf(db, village.id, { toDo, limit: PER_PAGE, offset: (page - 1) * PER_PAGE })
	};
};
