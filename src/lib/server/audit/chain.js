// The hash-chained audit log (docs/domain.md §9.1): hash = SHA-256(prev_hash ‖ canonical(entry)).
// Plain JavaScript so that `npm run audit:verify` runs beside the built server without dev tools.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth, so one value always has one text.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
	if (value === undefined) return 'null';
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) {
			throw new Error('audit values must be finite numbers');
		}
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	const obj = /** @type {Record<string, unknown>} */ (value);
	const keys = Object.keys(obj)
		.filter((k) => obj[k] !== undefined)
		.sort();
	return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}

/**
 * @typedef {{
 *   id: number, at: string, village_id: number | null, actor_id: number | null,
 *   action: string, subject_type: string, subject_id: string | null,
 *   before: string | null, after: string | null, prev_hash: string, hash: string
 * }} AuditRow
 */

/** @param {Omit<AuditRow, 'hash'>} row */
export function hashEntry(row) {
	const body = canonicalJson({
		id: row.id,
		at: row.at,
		village_id: row.village_id,
		actor_id: row.actor_id,
		action: row.action,
		subject_type: row.subject_type,
		subject_id: row.subject_id,
		before: row.before,
		after: row.after
	});
	return createHash('sha256')
		.update(row.prev_hash + body, 'utf8')
		.digest('hex');
}

/** @type {WeakMap<object, { last: import('better-sqlite3').Statement, insert: import('better-sqlite3').Statement }>} */
const statements = new WeakMap();

/** @param {import('better-sqlite3').Database} db */
function prepared(db) {
	let s = statements.get(db);
	if (!s) {
		s = {
			last: db.prepare(
				"select coalesce((select seq from sqlite_sequence where name = 'audit'), 0) as id, coalesce((select hash from audit order by id desc limit 1), ?) as hash"
			),
			insert: db.prepare(
				`insert into audit (id, at, village_id, actor_id, action, subject_type, subject_id, before, after, prev_hash, hash)
				 values (@id, @at, @village_id, @actor_id, @action, @subject_type, @subject_id, @before, @after, @prev_hash, @hash)`
			)
		};
		statements.set(db, s);
	}
	return s;
}

/**
 * Appends one entry. Call it inside the transaction that makes the change it records, so the
 * change and its entry commit or roll back together.
 * @param {import('better-sqlite3').Database} db
 * @param {{ villageId: number | null, actorId: number | null, action: string, subjectType: string,
 *   subjectId?: string | number | null, before?: unknown, after?: unknown, at?: Date }} entry
 * @returns {AuditRow}
 */
export function appendAudit(db, entry) {
	if (!db.inTransaction)
		throw new Error('appendAudit must run inside the transaction of the change');
	const s = prepared(db);
	const last = /** @type {{ id: number, hash: string }} */ (s.last.get(GENESIS_HASH));
	/** @type {Omit<AuditRow, 'hash'>} */
	const row = {
		id: last.id + 1,
		at: (entry.at ?? new Date()).toISOString(),
		village_id: entry.villageId,
		actor_id: entry.actorId,
		action: entry.action,
		subject_type: entry.subjectType,
		subject_id: entry.subjectId == null ? null : String(entry.subjectId),
		before: entry.before === undefined ? null : canonicalJson(entry.before),
		after: entry.after === undefined ? null : canonicalJson(entry.after),
		prev_hash: last.hash
	};
	const full = { ...row, hash: hashEntry(row) };
	s.insert.run(full);
	return full;
}

/** @param {import('better-sqlite3').Database} db */
export function auditHead(db) {
	const row = /** @type {{ id: number, hash: string } | undefined} */ (
		db.prepare('select id, hash from audit order by id desc limit 1').get()
	);
	return row ?? { id: 0, hash: GENESIS_HASH };
}

/**
 * Recomputes the whole chain. A rewritten row breaks its own hash; a deleted row breaks the
 * numbering and the next row's link; a deleted tail leaves the sequence ahead of the last row.
 * @param {import('better-sqlite3').Database} db
 * @returns {{ ok: true, count: number, head: string } | { ok: false, count: number, brokenAt: number, reason: string }}
 */
export function verifyChain(db) {
	let prevHash = GENESIS_HASH;
	let expectedId = 1;
	let count = 0;
	const rows = /** @type {IterableIterator<AuditRow>} */ (
		db.prepare('select * from audit order by id').iterate()
	);
	for (const row of rows) {
		if (row.id !== expectedId) {
			return { ok: false, count, brokenAt: expectedId, reason: `entry ${expectedId} is missing` };
		}
		if (row.prev_hash !== prevHash) {
			return {
				ok: false,
				count,
				brokenAt: row.id,
				reason: `entry ${row.id} does not link to the entry before it`
			};
		}
		if (hashEntry(row) !== row.hash) {
			return {
				ok: false,
				count,
				brokenAt: row.id,
				reason: `entry ${row.id} was changed after it was written`
			};
		}
		prevHash = row.hash;
		expectedId++;
		count++;
	}
	const seq = /** @type {{ seq: number } | undefined} */ (
		db.prepare("select seq from sqlite_sequence where name = 'audit'").get()
	);
	if (seq && seq.seq !== count) {
		return { ok: false, count, brokenAt: count + 1, reason: `entries after ${count} were deleted` };
	}
	return { ok: true, count, head: prevHash };
}
