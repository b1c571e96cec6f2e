// Group commit. With synchronous=FULL every transaction ends in an fsync of the WAL, and in the
// vote storm that fsync was a third of the server's time: one per ballot. Commands queued here
// run together in ONE transaction, each inside its own savepoint, and each caller's promise
// settles only after that transaction's COMMIT has returned, so an acknowledged ballot is a
// stored ballot, as before, and a crash loses only ballots nobody was told were stored.
//
// Invariants:
// - A batch is opened, run and committed in one synchronous call: no await, no other request, no
//   read can run while it is open, so nobody ever sees a row that is not yet committed.
// - A command that throws, or answers `{ ok: false }`, rolls back to its own savepoint: its
//   writes and its audit entry disappear, the others of the batch stand.
// - If SQLite rolls the whole transaction back (I/O error, disk full) or the COMMIT fails, every
//   command of the batch is rejected: nothing of it was stored, so nothing is acknowledged.
//
// When: at the first loop turn after the first command, unless requests are still waiting for
// their turn (src/lib/server/http/turns.ts): then the batch waits for them, up to `maxWaitMs`
// after its first command or `maxCommands` commands. An idle server commits at once; a saturated
// one shares each fsync among the ballots that arrived in the meantime.
import type { Db } from './index';
import { turnsWaiting } from '../http/turns';

export interface GroupCommitOptions {
	/** Commits once this many commands are queued. */
	maxCommands?: number;
	/** The longest a command waits for others before its batch commits. */
	maxWaitMs?: number;
	/** Whether more commands are likely soon (requests waiting for their turn). */
	busy?: () => boolean;
}

interface Queued {
	work: () => unknown;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

const refused = (r: unknown) =>
	typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false;

export class GroupCommit {
	/** Transactions committed and commands run through them, since the connection was opened. */
	readonly stats = { commits: 0, commands: 0 };
	private queue: Queued[] = [];
	private openedAt = 0;
	private scheduled = false;
	private readonly maxCommands: number;
	private readonly maxWaitMs: number;
	private readonly busy: () => boolean;

	constructor(
		private readonly db: Db,
		options: GroupCommitOptions = {}
	) {
		this.maxCommands = options.maxCommands ?? 64;
		this.maxWaitMs = options.maxWaitMs ?? 10;
		this.busy = options.busy ?? (() => turnsWaiting() > 0);
	}

	/**
	 * Queues a synchronous command (its own transaction or savepoint nests inside the batch) and
	 * resolves with its answer once the batch holding it is committed, or rejects with what it
	 * threw, or with the error that kept the batch from committing.
	 */
	run<R>(work: () => R): Promise<R> {
		return new Promise<R>((resolve, reject) => {
			if (!this.queue.length) this.openedAt = performance.now();
			this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
			if (this.queue.length >= this.maxCommands) this.flush();
			else if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(this.check);
			}
		});
	}

	private readonly check = () => {
		this.scheduled = false;
		if (!this.queue.length) return;
		if (this.busy() && performance.now() - this.openedAt < this.maxWaitMs) {
			this.scheduled = true;
			setImmediate(this.check);
			return;
		}
		this.flush();
	};

	/** Runs and commits every queued command now, in one transaction. */
	flush(): void {
		const batch = this.queue;
		this.queue = [];
		if (!batch.length) return;
		const db = this.db;
		const answers: { ok: boolean; value: unknown }[] = [];
		try {
			db.prepare('begin immediate').run();
		} catch (e) {
			for (const q of batch) q.reject(e);
			return;
		}
		try {
			for (const q of batch) {
				db.prepare('savepoint group_commit').run();
				try {
					const value = q.work();
					if (refused(value)) db.prepare('rollback to group_commit').run();
					db.prepare('release group_commit').run();
					answers.push({ ok: true, value });
				} catch (e) {
					// Some errors end the whole transaction: then there is no savepoint left to undo.
					if (!db.inTransaction) throw e;
					db.prepare('rollback to group_commit').run();
					db.prepare('release group_commit').run();
					answers.push({ ok: false, value: e });
				}
			}
			db.prepare('commit').run();
		} catch (e) {
			if (db.inTransaction) db.prepare('rollback').run();
			for (const q of batch) q.reject(e);
			return;
		}
		this.stats.commits++;
		this.stats.commands += batch.length;
		batch.forEach((q, i) => (answers[i].ok ? q.resolve : q.reject)(answers[i].value));
	}
}

const perConnection = new WeakMap<Db, GroupCommit>();

/** The group commit of a connection (one per connection, so every writer shares its batches). */
export function groupCommit(db: Db): GroupCommit {
	let g = perConnection.get(db);
	if (!g) {
		g = new GroupCommit(db);
		perConnection.set(db, g);
	}
	return g;
}
