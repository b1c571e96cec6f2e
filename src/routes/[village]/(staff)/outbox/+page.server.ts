import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { outboxOf } from '$lib/server/outbox/outbox';
import { requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const toDo = event.url.searchParams.get('show') === 'todo';
	return { toDo, messages: outboxOf(getDb(), village.id, { toDo }) };
};
