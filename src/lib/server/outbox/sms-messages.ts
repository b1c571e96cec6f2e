// What the staff read about the SMS channel: its configuration and each failure in words (the
// stored error is a code, ours or the provider's, so a page in either language can explain it).
import { m } from '$lib/paraglide/messages';
import { NO_PHONE, type SendSmsResult } from './sms';
import type { SmsSetup } from './sms-provider';

export function smsErrorMessage(error: string): string {
	if (error === NO_PHONE) return m.sms_error_no_phone();
	if (error === 'timeout') return m.sms_error_timeout();
	if (error === 'unreachable') return m.sms_error_unreachable();
	if (error.startsWith('isv.MOBILE_NUMBER_ILLEGAL')) return m.sms_error_bad_number();
	return m.sms_error_provider({ code: error });
}

/** The configuration line of the page: which provider and signature, or what is missing. */
export function smsSetupMessage(setup: SmsSetup): string {
	if (setup.state === 'configured') return m.sms_configured({ sign: setup.config.signName });
	if (setup.unknownProvider) return m.sms_unknown_provider({ provider: setup.unknownProvider });
	return m.sms_not_configured({ missing: setup.missing.join(m.list_separator()) });
}

export function sendSmsRefusalMessage(r: Exclude<SendSmsResult, { ok: true }>): string {
	if (r.reason === 'not_configured') return m.sms_refused_not_configured();
	if (r.reason === 'busy') return m.sms_busy();
	return m.error_forbidden();
}
