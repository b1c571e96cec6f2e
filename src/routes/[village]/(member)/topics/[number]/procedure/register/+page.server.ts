import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findTopicByNumber } from '$lib/server/topics/records';
import { onFourPlusTwoTrack } from '$lib/server/topics/rules';
import { requireMember } from '$lib/server/villages/context';
import { registerOf } from '$lib/server/implementation/register';

export const load: PageServerLoad = (event) => {
	const { village } = requireMember(event);
	const db = getDb();
	const topic = findTopicByNumber(db, village.id, event.params.number);
	const register = topic && onFourPlusTwoTrack(topic) ? registerOf(db, village.id, topic.id) : null;
	if (!register) error(404, m.error_not_found());
	return { register };
};
