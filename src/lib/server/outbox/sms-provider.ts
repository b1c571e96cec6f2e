// The SMS provider: Alibaba Cloud SMS (阿里云短信服务, dysmsapi SendSms, API version 2017-05-25),
// called over its RPC-style HTTP API and signed with signature version 1.0 (HMAC-SHA1), so the
// server needs no vendor SDK. Configured by environment variables; with none set it stays off.
import { createHmac, randomUUID } from 'node:crypto';

export const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The message kinds of the outbox (migration 031), each of which may have its own template. */
export const SMS_KINDS = [
	'meeting_called',
	'meeting_moved',
	'vote_opened',
	'topic_answered',
	'objection_answered',
	'case_dispatched',
	'case_overdue',
	'visit_due'
] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

export interface SmsConfig {
	endpoint: string;
	accessKeyId: string;
	accessKeySecret: string;
	signName: string;
	/** SMS_TEMPLATE_ID, and SMS_TEMPLATE_ID_<KIND> where one kind needs another approved text. */
	templates: { default: string } & Partial<Record<SmsKind, string>>;
	timeoutMs: number;
}

export type SmsSetup =
	| { state: 'configured'; config: SmsConfig }
	/** `missing` names the variables to set; `unknownProvider` a provider this server cannot use. */
	| { state: 'not_configured'; missing: string[]; unknownProvider?: string };

const REQUIRED = [
	'SMS_ACCESS_KEY_ID',
	'SMS_ACCESS_KEY_SECRET',
	'SMS_SIGN_NAME',
	'SMS_TEMPLATE_ID'
] as const;

/** Reads the SMS settings; any required variable unset leaves SMS off, with what is missing. */
export function smsSetupFromEnv(env: Record<string, string | undefined> = process.env): SmsSetup {
	const provider = env.SMS_PROVIDER?.trim() ?? '';
	if (provider === '') return { state: 'not_configured', missing: ['SMS_PROVIDER', ...REQUIRED] };
	if (provider !== 'aliyun')
		return { state: 'not_configured', missing: [], unknownProvider: provider };
	const missing = REQUIRED.filter((name) => !env[name]?.trim());
	if (missing.length > 0) return { state: 'not_configured', missing };
	const templates: SmsConfig['templates'] = { default: env.SMS_TEMPLATE_ID!.trim() };
	for (const kind of SMS_KINDS) {
		const own = env[`SMS_TEMPLATE_ID_${kind.toUpperCase()}`]?.trim();
		if (own) templates[kind] = own;
	}
	const timeout = Number(env.SMS_TIMEOUT_MS);
	return {
		state: 'configured',
		config: {
			endpoint: env.SMS_ENDPOINT?.trim() || ALIYUN_ENDPOINT,
			accessKeyId: env.SMS_ACCESS_KEY_ID!.trim(),
			accessKeySecret: env.SMS_ACCESS_KEY_SECRET!.trim(),
			signName: env.SMS_SIGN_NAME!.trim(),
			templates,
			timeoutMs: Number.isInteger(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS
		}
	};
}

/**
 * Alibaba's percent-encoding (RFC 3986): only A–Z a–z 0–9 - _ . ~ stay as they are, a space is
 * %20 (not +). encodeURIComponent also leaves ! ' ( ) * alone, which the provider encodes.
 */
export const percentEncode = (s: string): string =>
	encodeURIComponent(s).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);

/** The sorted, encoded parameters: the canonical query string, also the request's form body. */
export const canonicalQuery = (params: Record<string, string>): string =>
	Object.keys(params)
		.filter((k) => k !== 'Signature')
		.sort()
		.map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
		.join('&');

/** StringToSign = method & %2F & percentEncode(canonical query). */
export const stringToSign = (method: 'GET' | 'POST', params: Record<string, string>): string =>
	`${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;

/** Base64(HMAC-SHA1(secret + "&", StringToSign)): the key carries a trailing "&" by the spec. */
export const rpcSignature = (
	method: 'GET' | 'POST',
	params: Record<string, string>,
	secret: string
): string =>
	createHmac('sha1', `${secret}&`).update(stringToSign(method, params), 'utf8').digest('base64');

export type SendResult =
	| { ok: true; ref: string }
	/** `transient`: worth trying again later (the service busy, throttled or out of reach). */
	| { ok: false; transient: boolean; error: string };

export interface SmsMessage {
	phone: string;
	kind: SmsKind;
	/** The template's variables (TemplateParam). */
	params: Record<string, string>;
}

export interface SmsProvider {
	send(message: SmsMessage): Promise<SendResult>;
}

/**
 * Codes of an answer that may succeed later: the per-number frequency limit, throttling, the
 * provider's own faults. Every other code (a bad number, an unapproved template or signature, a
 * wrong key) fails the same way however often it is tried.
 */
const TRANSIENT_CODES = new Set([
	'isv.BUSINESS_LIMIT_CONTROL',
	'isp.SYSTEM_ERROR',
	'Throttling',
	'Throttling.User',
	'Throttling.Api',
	'ServiceUnavailable',
	'InternalError'
]);

/** The longest error text kept (message_deliveries.error holds 500 characters). */
const ERROR_MAX = 200;

interface Options {
	fetch?: typeof fetch;
	now?: () => Date;
	nonce?: () => string;
}

/** A provider calling Alibaba Cloud SendSms at the configured endpoint. */
export function aliyunProvider(config: SmsConfig, options: Options = {}): SmsProvider {
	const doFetch = options.fetch ?? fetch;
	const now = options.now ?? (() => new Date());
	const nonce = options.nonce ?? randomUUID;
	return {
		async send(message) {
			const params: Record<string, string> = {
				AccessKeyId: config.accessKeyId,
				Action: 'SendSms',
				Format: 'JSON',
				PhoneNumbers: message.phone,
				RegionId: 'cn-hangzhou',
				SignName: config.signName,
				SignatureMethod: 'HMAC-SHA1',
				SignatureNonce: nonce(),
				SignatureVersion: '1.0',
				TemplateCode: config.templates[message.kind] ?? config.templates.default,
				TemplateParam: JSON.stringify(message.params),
				// ISO 8601 in UTC without milliseconds, as the API requires.
				Timestamp: now()
					.toISOString()
					.replace(/\.\d{3}Z$/, 'Z'),
				Version: '2017-05-25'
			};
			// POST, so the phone number stays out of the URL and any proxy's access log.
			const body = `Signature=${percentEncode(rpcSignature('POST', params, config.accessKeySecret))}&${canonicalQuery(params)}`;
			let res: Response;
			try {
				res = await doFetch(config.endpoint, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body,
					signal: AbortSignal.timeout(config.timeoutMs)
				});
			} catch (e) {
				const timedOut = e instanceof Error && e.name === 'TimeoutError';
				return { ok: false, transient: true, error: timedOut ? 'timeout' : 'unreachable' };
			}
			const answer = (await res.json().catch(() => null)) as {
				Code?: unknown;
				Message?: unknown;
				BizId?: unknown;
			} | null;
			const code = typeof answer?.Code === 'string' ? answer.Code : '';
			if (res.ok && code === 'OK' && typeof answer?.BizId === 'string')
				return { ok: true, ref: answer.BizId.slice(0, 100) };
			const text = typeof answer?.Message === 'string' ? `: ${answer.Message}` : '';
			return {
				ok: false,
				transient: res.status >= 500 || TRANSIENT_CODES.has(code),
				error: `${code || `http_${res.status}`}${text}`.slice(0, ERROR_MAX)
			};
		}
	};
}

/** The provider this server is configured for, or null when SMS is off. */
export function configuredSmsProvider(setup: SmsSetup = smsSetupFromEnv()): SmsProvider | null {
	return setup.state === 'configured' ? aliyunProvider(setup.config) : null;
}
