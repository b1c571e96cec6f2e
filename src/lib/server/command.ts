// The one shape of a domain command (a verb that changes something): who may act → one
// BEGIN IMMEDIATE transaction → load what it acts on → check it → change it → audit → result.
// Every verb under src/lib/server goes through `command`, so a reader who knows this file knows
// the order of every change, and an audit entry can never be written outside its change.
import { appendAudit } from './audit/chain.js';
import type { AuditAction, AuditSubject } from './audit/actions';
import type { Db } from './db';
import { groupCommit } from './db/group-commit';
import type { Actor } from './permissions/actor';

export type Forbidden = { ok: false; reason: 'forbidden' };
export type NotFound = { ok: false; reason: 'not_found' };

export const forbidden: Forbidden = Object.freeze({ ok: false, reason: 'forbidden' });
export const notFound: NotFound = Object.freeze({ ok: false, reason: 'not_found' });

export interface AuditEntry {
	action: AuditAction;
	subjectType: AuditSubject;
	subjectId: number | string | null;
	before?: unknown;
	after?: unknown;
}

/** What a command's steps are handed: the connection, who acts, where, the moment, and the log. */
export interface CommandContext {
	db: Db;
	/** Null only for the system itself (migrations' seeding, the demo), never for a request. */
	actor: Actor | null;
	villageId: number | null;
	now: Date;
	/** Appends one entry to the audit chain, in this command's transaction. */
	audit(entry: AuditEntry): void;
}

export interface CommandSpec<S, R> {
	actor: Actor | null;
	villageId: number | null;
	now?: Date;
	/**
	 * Checked first, before anything is loaded, so someone who may not act at all learns nothing
	 * about whether the subject exists (staff-only verbs).
	 */
	may?: (ctx: CommandContext) => boolean;
	/** The subject, read inside the transaction; null or undefined answers `not_found`. */
	load?: (ctx: CommandContext) => S | null | undefined;
	/** Checked on the loaded subject, for rights that depend on it (the proposer's own topic). */
	allowed?: (subject: S, ctx: CommandContext) => boolean;
	/**
	 * The change itself: write, audit through `ctx.audit` and answer. An answer with `ok: false`
	 * rolls back whatever `run` wrote before refusing, so a refusal never leaves half a record;
	 * throwing rolls back too.
	 */
	run: (subject: S, ctx: CommandContext) => R;
}

/**
 * Runs one command. Inside a caller's transaction it joins it (better-sqlite3 nests it as a
 * savepoint), so a verb that posts a notice as part of notifying a meeting commits with it.
 */
export function command<S = undefined, R = never>(
	db: Db,
	spec: CommandSpec<S, R>
): R | Forbidden | NotFound {
	const now = spec.now ?? new Date();
	const ctx: CommandContext = {
		db,
		actor: spec.actor,
		villageId: spec.villageId,
		now,
		audit: (entry) => {
			appendAudit(db, {
				villageId: spec.villageId,
				actorId: spec.actor?.userId ?? null,
				at: now,
				...entry
			});
		}
	};
	// Ballots queued for a group commit reached the server before this command: they commit
	// first, so a close counts every ballot that came before it (db/group-commit.ts).
	if (!db.inTransaction) groupCommit(db).flush();
	try {
		return db
			.transaction((): R | Forbidden | NotFound => {
				if (spec.may && !spec.may(ctx)) return forbidden;
				let subject = undefined as S;
				if (spec.load) {
					const loaded = spec.load(ctx);
					if (loaded === null || loaded === undefined) return notFound;
					subject = loaded;
				}
				if (spec.allowed && !spec.allowed(subject, ctx)) return forbidden;
				const result = spec.run(subject, ctx);
				if (refused(result)) throw new Refused(result);
				return result;
			})
			.immediate();
	} catch (e) {
		if (e instanceof Refused) return e.result as R;
		throw e;
	}
}

const refused = (r: unknown) =>
	typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false;

/** Carries a refusal out of the transaction so better-sqlite3 rolls back what `run` wrote. */
class Refused {
	constructor(readonly result: unknown) {}
}
