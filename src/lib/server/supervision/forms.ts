// The supervision workspace's one form: a committee member's opinion on a completed
// implementation, naming the topic by id (discloseResult finds it only in this village).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { id, text } from '../forms';
import { OPINION_MAX } from '../implementation/implementation';

export const supervisionOpinionForm = z.object({
	topicId: id(() => m.error_not_found()),
	opinion: text(OPINION_MAX, { required: () => m.impl_error_bad_opinion() })
});
