import type { RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listGrids } from '$lib/server/roster/structure';
import { listTopics } from '$lib/server/topics/queries';
import {
	CATEGORIES,
	CHANNELS,
	TOPIC_STATES,
	type Category,
	type Channel,
	type TopicState
} from '$lib/server/topics/rules';
import { idParam, requireMember } from '$lib/server/villages/context';

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
	v && (list as readonly string[]).includes(v) ? (v as T) : null;

/** The list's filters from its query string; anything unknown is ignored. */
export function topicFiltersFrom(url: URL) {
	const q = url.searchParams;
	return {
		state: oneOf<TopicState>(TOPIC_STATES, q.get('state')),
		category: oneOf<Category>(CATEGORIES, q.get('category')),
		channel: oneOf<Channel>(CHANNELS, q.get('channel')),
		gridId: idParam(q.get('grid')),
		overdue: q.get('overdue') === '1',
		search: (q.get('q') ?? '').slice(0, 100),
		page: idParam(q.get('page')) ?? 1
	};
}

/** The village's topics, or only the asking user's own (proposed, or filed by them). */
export function loadTopicList(event: RequestEvent<{ village: string }>, mine: boolean) {
	const { village, user } = requireMember(event);
	const filters = topicFiltersFrom(event.url);
	const db = getDb();
	return {
		mine,
		filters,
		topics: listTopics(db, village.id, {
			...filters,
			mine: mine ? { personId: user.personId, userId: user.id } : undefined
		}),
		grids: listGrids(db, village.id).map((g) => ({ id: g.id, name: g.name }))
	};
}

export type TopicListData = ReturnType<typeof loadTopicList> & {
	village: { slug: string; name: string };
	staff: boolean;
};
