// What the vote page's live script (static/meeting-live.js) polls instead of the page itself.
// Every change a meeting page shows (a sign-in, a motion opened or closed, a ballot, the floor
// queue) writes an audit entry of its village in the same transaction, so the village's last
// entry moves exactly when the page may have changed. Another topic's change of the same village
// moves it too: that costs one needless fetch of the page, never a missed update.
import type { Db } from '$lib/server/db';

const statements = new WeakMap<Db, ReturnType<Db['prepare']>>();

/** The id of the village's last audit entry (0 before the first): read through audit_village. */
export function liveStamp(db: Db, villageId: number): number {
	let s = statements.get(db);
	if (!s) {
		s = db.prepare('select coalesce(max(id), 0) from audit where village_id = ?').pluck();
		statements.set(db, s);
	}
	return s.get(villageId) as number;
}
