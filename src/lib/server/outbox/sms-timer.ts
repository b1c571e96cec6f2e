// The server's own SMS round, when SMS is configured and SMS_SEND_INTERVAL_SECONDS is set: every
// village's due messages sent without a click, so a transient failure is retried on time.
import type { Db } from '../db';
import { listVillages } from '../villages/villages';
import { sendPendingSms } from './sms';
import type { SmsProvider } from './sms-provider';

/** One round over every village, one message at a time (sendPendingSms refuses a second run). */
export async function sendSmsOfAllVillages(db: Db, provider: SmsProvider, now: () => Date) {
	let sent = 0;
	for (const village of listVillages(db)) {
		const r = await sendPendingSms(db, null, village.id, now, provider);
		if (r.ok) sent += r.sent;
	}
	return sent;
}

/** The interval in milliseconds, or null when unset or not a whole number of seconds ≥ 10. */
export function smsInterval(env: Record<string, string | undefined> = process.env): number | null {
	const seconds = Number(env.SMS_SEND_INTERVAL_SECONDS);
	return Number.isInteger(seconds) && seconds >= 10 ? seconds * 1000 : null;
}

/** Starts the round (it never keeps the process alive); null when SMS is off or no interval. */
export function startSmsTimer(
	db: Db,
	provider: SmsProvider | null,
	interval: number | null
): NodeJS.Timeout | null {
	if (!provider || interval === null) return null;
	const timer = setInterval(() => {
		sendSmsOfAllVillages(db, provider, () => new Date()).catch((e) =>
			console.error('SMS round failed', e)
		);
	}, interval);
	timer.unref();
	return timer;
}
