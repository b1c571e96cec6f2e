// The console's context, asked again by its load and by every one of its actions (the queue's too):
// staff of this village, and a meeting of this village.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { getMeeting } from '$lib/server/meetings/records';
import { actorOf } from '$lib/server/permissions';
import { idParam, requireStaff, type VillageEvent } from '$lib/server/villages/context';

export function consoleContext(event: VillageEvent & { params: { id?: string } }) {
	const { village, user } = requireStaff(event);
	const id = idParam(event.params.id);
	const meeting = id ? getMeeting(getDb(), village.id, id) : null;
	if (!meeting) error(404, m.error_not_found());
	const actor = actorOf(user);
	return { village, meeting, actor, base: `/${village.slug}/meetings/${meeting.id}/console` };
}

export type ConsoleContext = ReturnType<typeof consoleContext>;
