// Sending the outbox's SMS deliveries through the provider: each one that is due goes out, its
// answer recorded and audited. A transient failure stays pending and is tried again after a
// backoff, up to MAX_ATTEMPTS; a permanent one (a bad number, a refused template) fails at once.
import { command, forbidden, type Forbidden } from '../command';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { isStaffOrSystem } from '../permissions/village';
import type { SendResult, SmsKind, SmsProvider } from './sms-provider';

export const MAX_ATTEMPTS = 3;
/** Minutes to wait after the n-th failed attempt before the next one. */
export const BACKOFF_MINUTES = [1, 5] as const;
/** The provider's limit for one template variable; longer titles are cut to fit. */
const PARAM_MAX = 35;

/** Error codes of our own, beside the provider's (stored in message_deliveries.error). */
export const NO_PHONE = 'no_phone';

export interface DueSms {
	deliveryId: number;
	messageId: number;
	personId: number;
	phone: string | null;
	kind: SmsKind;
	title: string;
	villageName: string;
	attempts: number;
}

interface Row extends DueSms {
	lastAttemptAt: string | null;
}

/** When a delivery tried `attempts` times (the last at `last`) may be tried again. */
export function nextAttemptAt(attempts: number, last: string | null): Date | null {
	if (attempts === 0 || last === null) return new Date(0);
	if (attempts >= MAX_ATTEMPTS) return null;
	return new Date(Date.parse(last) + BACKOFF_MINUTES[attempts - 1] * 60_000);
}

/** The SMS deliveries of this village that are pending and whose backoff, if any, has passed. */
export function dueSms(db: Db, villageId: number, now: Date): DueSms[] {
	const rows = db
		.prepare(
			`select d.id as deliveryId, d.message_id as messageId, d.person_id as personId,
			        p.phone, m.kind, m.title, v.name as villageName, d.attempts,
			        d.last_attempt_at as lastAttemptAt
			 from message_deliveries d join messages m on m.id = d.message_id
			 join people p on p.id = d.person_id join villages v on v.id = m.village_id
			 where m.village_id = ? and d.channel = 'sms' and d.state = 'pending'
			 order by d.id`
		)
		.all(villageId) as Row[];
	return rows.filter((r) => {
		const at = nextAttemptAt(r.attempts, r.lastAttemptAt);
		return at !== null && at <= now;
	});
}

export type SendSmsResult =
	| { ok: true; sent: number; failed: number; retrying: number }
	| Forbidden
	| { ok: false; reason: 'not_configured' | 'busy' };

type Outcome = 'sent' | 'failed' | 'retrying';

/** Writes one attempt's answer, if the delivery is still as it was read (no one else sent it). */
function recordAttempt(
	db: Db,
	actor: Actor | null,
	villageId: number,
	now: Date,
	due: DueSms,
	result: SendResult
): Outcome | null {
	const r = command(db, {
		actor,
		villageId,
		now,
		load: ({ db }) =>
			db
				.prepare(
					`select 1 as found from message_deliveries
					 where id = ? and state = 'pending' and attempts = ?`
				)
				.get(due.deliveryId, due.attempts) as { found: 1 } | undefined,
		run: (_row, ctx) => {
			const attempts = due.attempts + 1;
			const at = ctx.now.toISOString();
			let outcome: Outcome;
			if (result.ok) {
				outcome = 'sent';
				ctx.db
					.prepare(
						`update message_deliveries set state = 'sent', attempts = ?, last_attempt_at = ?,
						 provider_ref = ?, error = null where id = ?`
					)
					.run(attempts, at, result.ref, due.deliveryId);
			} else {
				outcome = result.transient && attempts < MAX_ATTEMPTS ? 'retrying' : 'failed';
				ctx.db
					.prepare(
						`update message_deliveries set state = ?, attempts = ?, last_attempt_at = ?, error = ?
						 where id = ?`
					)
					.run(
						outcome === 'failed' ? 'failed' : 'pending',
						attempts,
						at,
						result.error,
						due.deliveryId
					);
			}
			ctx.audit({
				action: result.ok ? 'message.sent' : 'message.delivery_failed',
				subjectType: 'message',
				subjectId: due.messageId,
				after: {
					deliveryId: due.deliveryId,
					personId: due.personId,
					channel: 'sms',
					attempt: attempts,
					...(result.ok
						? { providerRef: result.ref }
						: { error: result.error, willRetry: outcome === 'retrying' })
				}
			});
			return outcome;
		}
	});
	return typeof r === 'string' ? r : null;
}

/** One run per process at a time: a second click while the first still sends must not send twice. */
let running = false;

/**
 * Sends this village's due SMS deliveries one by one (the provider called outside any
 * transaction, so the database is never held while the network is waited on). `provider` is null
 * when SMS is not configured: then nothing is sent. `actor` null is the server's own timer.
 */
export async function sendPendingSms(
	db: Db,
	actor: Actor | null,
	villageId: number,
	now: () => Date,
	provider: SmsProvider | null
): Promise<SendSmsResult> {
	if (!isStaffOrSystem(db, actor?.userId ?? null, villageId)) return forbidden;
	if (!provider) return { ok: false, reason: 'not_configured' };
	if (running) return { ok: false, reason: 'busy' };
	running = true;
	const counts = { sent: 0, failed: 0, retrying: 0 };
	try {
		for (const due of dueSms(db, villageId, now())) {
			const result: SendResult = due.phone
				? await provider.send({
						phone: due.phone,
						kind: due.kind,
						params: {
							village: due.villageName.slice(0, PARAM_MAX),
							title: due.title.slice(0, PARAM_MAX)
						}
					})
				: { ok: false, transient: false, error: NO_PHONE };
			const outcome = recordAttempt(db, actor, villageId, now(), due, result);
			if (outcome) counts[outcome]++;
		}
	} finally {
		running = false;
	}
	return { ok: true, ...counts };
}

export interface SmsSummary {
	pending: number;
	sent: number;
	failed: { personName: string; title: string; error: string }[];
}

/** What the SMS channel of this village has done and has still to do, for the staff's page. */
export function smsSummary(db: Db, villageId: number): SmsSummary {
	const counts = db
		.prepare(
			`select d.state, count(*) as n from message_deliveries d join messages m on m.id = d.message_id
			 where m.village_id = ? and d.channel = 'sms' group by d.state`
		)
		.all(villageId) as { state: string; n: number }[];
	const n = (...states: string[]) =>
		counts.filter((c) => states.includes(c.state)).reduce((sum, c) => sum + c.n, 0);
	const failed = db
		.prepare(
			`select p.name as personName, m.title, coalesce(d.error, '') as error
			 from message_deliveries d join messages m on m.id = d.message_id
			 join people p on p.id = d.person_id
			 where m.village_id = ? and d.channel = 'sms' and d.state = 'failed'
			 order by d.last_attempt_at desc, d.id desc limit 50`
		)
		.all(villageId) as SmsSummary['failed'];
	return { pending: n('pending'), sent: n('sent', 'delivered'), failed };
}
