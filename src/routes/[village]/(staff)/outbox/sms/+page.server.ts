import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { refusalStatus } from '$lib/server/http/refusal';
import { actorOf } from '$lib/server/permissions';
import { sendPendingSms, smsSummary } from '$lib/server/outbox/sms';
import {
	sendSmsRefusalMessage,
	smsErrorMessage,
	smsSetupMessage
} from '$lib/server/outbox/sms-messages';
import { configuredSmsProvider, smsSetupFromEnv } from '$lib/server/outbox/sms-provider';
import { requireStaff } from '$lib/server/villages/context';

const count = (v: string | null) => (v !== null && /^\d{1,6}$/.test(v) ? Number(v) : null);

export const load: PageServerLoad = (event) => {
	const { village } = requireStaff(event);
	const setup = smsSetupFromEnv();
	const summary = smsSummary(getDb(), village.id);
	const q = event.url.searchParams;
	const [sent, failed, retrying] = ['sent', 'failed', 'retrying'].map((k) => count(q.get(k)));
	return {
		configured: setup.state === 'configured',
		setupMessage: smsSetupMessage(setup),
		pending: summary.pending,
		sent: summary.sent,
		failed: summary.failed.map((f) => ({ ...f, reason: smsErrorMessage(f.error) })),
		lastRun:
			sent !== null && failed !== null && retrying !== null ? { sent, failed, retrying } : null
	};
};

export const actions: Actions = {
	send: async (event) => {
		const { village, user } = requireStaff(event);
		const r = await sendPendingSms(
			getDb(),
			actorOf(user),
			village.id,
			() => new Date(),
			configuredSmsProvider()
		);
		if (!r.ok) return fail(refusalStatus(r.reason), { message: sendSmsRefusalMessage(r) });
		redirect(
			303,
			`/${village.slug}/outbox/sms?sent=${r.sent}&failed=${r.failed}&retrying=${r.retrying}`
		);
	}
};
