// What the vote page's live script (static/meeting-live.js) polls instead of the page itself: the
// meeting's own count of changes, kept by triggers on every table of the meeting's rows (migration
// 034), so it moves exactly when the page may have changed and tells a reader nothing about the
// rest of the village. A change to a name or a topic's title the page quotes shows at the next load.
import type { Db } from '$lib/server/db';

const statements = new WeakMap<Db, ReturnType<Db['prepare']>>();

/** The meeting's count of changes (0 before its first): one primary-key lookup. */
export function liveStamp(db: Db, meetingId: number): number {
	let s = statements.get(db);
	if (!s) {
		s = db
			.prepare('select coalesce(max(version), 0) from meeting_changes where meeting_id = ?')
			.pluck();
		statements.set(db, s);
	}
	return s.get(meetingId) as number;
}
