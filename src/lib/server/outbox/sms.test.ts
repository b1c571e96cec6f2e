import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import type { Actor } from '../permissions/actor';
import { rosterFixture } from '../roster/test-fixture';
import { aliyunProvider, type SmsProvider } from './sms-provider';
import { startSmsStandin, type SmsStandin } from './sms-standin.test-helper';
import { MAX_ATTEMPTS, NO_PHONE, nextAttemptAt, sendPendingSms, smsSummary } from './sms';
import { insertDelivery, insertMessage } from './test-helpers';
import { sendSmsOfAllVillages, smsInterval, startSmsTimer } from './sms-timer';

const keys = { accessKeyId: 'LTAI-test', accessKeySecret: 'stand-in-secret' };
const T0 = new Date('2026-12-01T02:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let db: Db;
let cleanup: () => void;
let standin: SmsStandin;
let provider: SmsProvider;
let clerk: Actor;
let village: number;
let person: (phone: string | null) => number;

beforeEach(async () => {
	({ db, cleanup } = createTestDb());
	const r = rosterFixture(db);
	village = r.villageId;
	clerk = { userId: r.clerkId, personId: null, role: 'clerk' };
	const household = r.household();
	person = (phone) => {
		const id = r.person(household, '1960-05-01');
		db.prepare('update people set phone = ? where id = ?').run(phone, id);
		return id;
	};
	standin = await startSmsStandin(keys);
	provider = aliyunProvider({
		endpoint: standin.url,
		...keys,
		signName: '新阳村',
		templates: { default: 'SMS_100' },
		timeoutMs: 2000
	});
});
afterEach(async () => {
	await standin.close();
	cleanup();
});

const delivery = (id: number) =>
	db
		.prepare(
			'select state, attempts, provider_ref as ref, error, last_attempt_at as last from message_deliveries where id = ?'
		)
		.get(id) as { state: string; attempts: number; ref: string | null; error: string | null };
const audited = () =>
	(
		db.prepare("select action from audit where action like 'message.%' order by id").all() as {
			action: string;
		}[]
	).map((a) => a.action);

/** One SMS delivery of a meeting notice to a villager with this phone. */
function queued(phone: string | null = '13800000003') {
	const message = insertMessage(db, village, { title: '关于召开村民会议的通知' });
	return insertDelivery(db, message, person(phone));
}

describe('sendPendingSms', () => {
	it('sends each pending SMS, records the provider’s id and audits it', async () => {
		const a = queued('13800000003');
		const b = queued('13800000004');
		const online = insertDelivery(db, insertMessage(db, village), person('13800000005'), 'online');
		const r = await sendPendingSms(db, clerk, village, () => T0, provider);
		expect(r).toEqual({ ok: true, sent: 2, failed: 0, retrying: 0 });
		expect(standin.calls.map((c) => c.params.PhoneNumbers)).toEqual(['13800000003', '13800000004']);
		expect(JSON.parse(standin.calls[0].params.TemplateParam)).toEqual({
			village: 'xinyang',
			title: '关于召开村民会议的通知'
		});
		expect(delivery(a)).toMatchObject({ state: 'sent', attempts: 1, ref: 'biz-1', error: null });
		expect(delivery(b)).toMatchObject({ state: 'sent', ref: 'biz-2' });
		expect(delivery(online).state).toBe('pending');
		expect(audited()).toEqual(['message.sent', 'message.sent']);
		// Sent once: a second run finds nothing to do.
		expect(await sendPendingSms(db, clerk, village, () => minutes(10), provider)).toMatchObject({
			sent: 0
		});
		expect(standin.calls).toHaveLength(2);
	});

	it('retries a transient failure after its backoff, then succeeds', async () => {
		const d = queued();
		standin.script({ status: 500, code: 'InternalError' });
		expect(await sendPendingSms(db, clerk, village, () => T0, provider)).toMatchObject({
			retrying: 1
		});
		expect(delivery(d)).toMatchObject({ state: 'pending', attempts: 1 });
		expect(delivery(d).error).toMatch(/^InternalError/);
		// Not before the backoff has passed.
		await sendPendingSms(db, clerk, village, () => minutes(0.5), provider);
		expect(standin.calls).toHaveLength(1);
		expect(await sendPendingSms(db, clerk, village, () => minutes(1), provider)).toMatchObject({
			sent: 1
		});
		expect(delivery(d)).toMatchObject({ state: 'sent', attempts: 2, error: null });
		expect(audited()).toEqual(['message.delivery_failed', 'message.sent']);
	});

	it('stops after three attempts', async () => {
		const d = queued();
		standin.script(
			{ status: 503, code: 'ServiceUnavailable' },
			{ status: 200, code: 'isv.BUSINESS_LIMIT_CONTROL' },
			{ status: 500, code: 'InternalError' },
			{ status: 500, code: 'InternalError' }
		);
		for (const at of [0, 1, 6, 60])
			await sendPendingSms(db, clerk, village, () => minutes(at), provider);
		expect(standin.calls).toHaveLength(MAX_ATTEMPTS);
		expect(delivery(d)).toMatchObject({ state: 'failed', attempts: 3 });
		expect(audited()).toEqual(Array(3).fill('message.delivery_failed'));
	});

	it.each([
		['a number the provider refuses', '1380000', /^isv\.MOBILE_NUMBER_ILLEGAL/, 1],
		['no phone on the roster', null, new RegExp(`^${NO_PHONE}$`), 0]
	])('fails at once for %s', async (_case, phone, error, calls) => {
		const d = queued(phone);
		expect(await sendPendingSms(db, clerk, village, () => T0, provider)).toMatchObject({
			failed: 1
		});
		expect(delivery(d)).toMatchObject({ state: 'failed', attempts: 1 });
		expect(delivery(d).error).toMatch(error);
		expect(standin.calls).toHaveLength(calls);
		await sendPendingSms(db, clerk, village, () => minutes(60), provider);
		expect(standin.calls).toHaveLength(calls);
		expect(smsSummary(db, village).failed).toHaveLength(1);
	});

	it('fails a request the stand-in cannot verify (a wrong secret) for good', async () => {
		const d = queued();
		const wrong = aliyunProvider({
			endpoint: standin.url,
			accessKeyId: keys.accessKeyId,
			accessKeySecret: 'not-the-secret',
			signName: '新阳村',
			templates: { default: 'SMS_100' },
			timeoutMs: 2000
		});
		await sendPendingSms(db, clerk, village, () => T0, wrong);
		expect(standin.calls.map((c) => c.code)).toEqual(['SignatureDoesNotMatch']);
		expect(delivery(d)).toMatchObject({ state: 'failed' });
	});

	it('sends nothing when SMS is not configured', async () => {
		const d = queued();
		expect(await sendPendingSms(db, clerk, village, () => T0, null)).toEqual({
			ok: false,
			reason: 'not_configured'
		});
		expect(delivery(d)).toMatchObject({ state: 'pending', attempts: 0 });
		expect(standin.calls).toHaveLength(0);
	});

	it('refuses anyone but the village’s staff, before sending anything', async () => {
		const d = queued();
		const villager: Actor = { userId: 9999, personId: null, role: 'villager' };
		expect(await sendPendingSms(db, villager, village, () => T0, provider)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(delivery(d).state).toBe('pending');
		expect(standin.calls).toHaveLength(0);
	});

	it('counts what is pending, sent and failed', async () => {
		queued('13800000003');
		queued(null);
		queued('13800000005');
		standin.script({ status: 500, code: 'InternalError' });
		await sendPendingSms(db, clerk, village, () => T0, provider);
		const s = smsSummary(db, village);
		expect([s.pending, s.sent, s.failed.length]).toEqual([1, 1, 1]);
	});
});

describe('nextAttemptAt', () => {
	it.each([
		[0, null, new Date(0)],
		[1, '2026-12-01T02:00:00.000Z', new Date('2026-12-01T02:01:00.000Z')],
		[2, '2026-12-01T02:00:00.000Z', new Date('2026-12-01T02:05:00.000Z')],
		[3, '2026-12-01T02:00:00.000Z', null]
	])('after %i attempts (last %s): %s', (attempts, last, expected) => {
		expect(nextAttemptAt(attempts, last)).toEqual(expected);
	});
});

describe('the server’s own round', () => {
	it('sends every village’s due SMS as the system, without an actor', async () => {
		const d = queued();
		expect(await sendSmsOfAllVillages(db, provider, () => T0)).toBe(1);
		expect(delivery(d).state).toBe('sent');
		const actor = db.prepare("select actor_id from audit where action = 'message.sent'").get() as {
			actor_id: number | null;
		};
		expect(actor.actor_id).toBeNull();
	});

	it.each([
		[undefined, null],
		['abc', null],
		['5', null],
		['60', 60_000]
	])('SMS_SEND_INTERVAL_SECONDS=%s gives %s ms', (value, ms) => {
		expect(smsInterval({ SMS_SEND_INTERVAL_SECONDS: value })).toBe(ms);
	});

	it('starts no timer when SMS is off', () => {
		expect(startSmsTimer(db, null, 60_000)).toBeNull();
		expect(startSmsTimer(db, provider, null)).toBeNull();
	});
});
