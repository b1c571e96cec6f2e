// The write-ahead log keeps the page images of every commit until a checkpoint copies them into the
// main file, and even then the file keeps its old frames until it is truncated. For a secret ballot
// that history pairs each receipt with the counter its commit raised, so a close erases it.
import type { Db } from './index';

const RETRY_MS = 1000;
const retrying = new WeakSet<Db>();

/** One TRUNCATE checkpoint that never waits: false when a reader still needs old frames. */
function truncateNow(db: Db): boolean {
	// Inside a caller's transaction the checkpoint could not see its commit: wait for it.
	if (db.inTransaction) return false;
	const timeout = db.pragma('busy_timeout', { simple: true }) as number;
	// The server's one connection must not block every request while another process reads.
	db.pragma('busy_timeout = 0');
	try {
		const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
		return r.busy === 0;
	} finally {
		db.pragma(`busy_timeout = ${timeout}`);
	}
}

/**
 * Copies every committed frame into the main file and truncates the WAL to zero bytes. A reader
 * holding an older snapshot (a backup, a verifier in another process) keeps the frames it needs:
 * then it says 'pending' and tries again every `retryMs` until the readers are done.
 */
export function truncateWal(db: Db, retryMs = RETRY_MS): 'truncated' | 'pending' {
	if (truncateNow(db)) return 'truncated';
	if (!retrying.has(db)) {
		retrying.add(db);
		const retry = () => {
			if (!db.open || truncateNow(db)) retrying.delete(db);
			else setTimeout(retry, retryMs).unref();
		};
		setTimeout(retry, retryMs).unref();
	}
	return 'pending';
}
