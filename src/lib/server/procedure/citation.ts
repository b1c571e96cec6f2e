// The authorisation a resolution relied on (issue 15 item 4): a representatives' meeting decides a
// villagers' meeting's matter only under its authorisation, so the resolution's page and notice
// name it — the villagers' meeting that gave it, its date, scope and term.
import type { Db } from '../db';
import { findTopic } from '../topics/records';
import { authorizationFor, type AuthorizationView } from './authorizations';
import type { Resolution } from './resolutions';

/** Null for a resolution of any other meeting, or of a motion without a topic. */
export function citedAuthorization(
	db: Db,
	villageId: number,
	resolution: Pick<Resolution, 'meetingId' | 'topicId'>
): AuthorizationView | null {
	if (resolution.topicId === null) return null;
	const meeting = db
		.prepare('select type, meeting_date from meetings where id = ? and village_id = ?')
		.get(resolution.meetingId, villageId) as { type: string; meeting_date: string } | undefined;
	if (meeting?.type !== 'reps_meeting') return null;
	const topic = findTopic(db, villageId, resolution.topicId);
	return topic && authorizationFor(db, villageId, topic, meeting.meeting_date);
}
