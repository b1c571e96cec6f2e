import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { speechResponse } from '$lib/server/speech/serve';
import { topicReading } from '$lib/server/speech/text';
import { findTopicByNumber } from '$lib/server/topics/records';
import { requireMember } from '$lib/server/villages/context';

// The topic read aloud: only to whoever may read its page (members; a draft, its writer).
export const GET: RequestHandler = async (event) => {
	const { village, user } = requireMember(event);
	const topic = findTopicByNumber(getDb(), village.id, event.params.number);
	if (!topic || (topic.state === 'draft' && topic.filedByUserId !== user.id))
		error(404, m.error_not_found());
	return speechResponse(
		event.request,
		`topic-${village.id}-${topic.id}`,
		topicReading(topic),
		false
	);
};
