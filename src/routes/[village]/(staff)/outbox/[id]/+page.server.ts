import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { callsByGrid, deliveriesOf, findMessage } from '$lib/server/outbox/outbox';
import { wechatText } from '$lib/server/outbox/words';
import { idParam, requireStaff } from '$lib/server/villages/context';

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const db = getDb();
	const id = idParam(event.params.id);
	const message = id === null ? null : findMessage(db, village.id, id);
	if (!message) error(404, m.error_not_found());
	return {
		message,
		deliveries: deliveriesOf(db, village.id, message.id),
		callGrids: callsByGrid(db, village.id, message.id),
		wechat: wechatText(message, event.url.origin)
	};
};
