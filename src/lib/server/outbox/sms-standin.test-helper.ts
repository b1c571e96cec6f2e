// A local stand-in for Alibaba Cloud's SendSms endpoint, for tests: it checks each request as the
// provider does (form, parameters, timestamp, nonce, signature recomputed with the secret) and
// answers like it, or with the failures a test scripts, recording every call it received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rpcSignature } from './sms-provider';

export interface StandinCall {
	params: Record<string, string>;
	/** The code the stand-in answered with ('OK' when it accepted the message). */
	code: string;
	status: number;
}

/** A scripted answer for the next call: an HTTP status and the provider's code, or none at all. */
export type Scripted = { status: number; code: string } | { hang: true };

export interface SmsStandin {
	url: string;
	calls: StandinCall[];
	/** Answers for the next calls, in order, after the request itself checked out. */
	script(...answers: Scripted[]): void;
	close(): Promise<void>;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** What the provider requires of a SendSms call, apart from the signature. */
function formatError(p: Record<string, string>): string | null {
	const fixed: Record<string, string> = {
		Action: 'SendSms',
		SignatureMethod: 'HMAC-SHA1',
		SignatureVersion: '1.0',
		Version: '2017-05-25'
	};
	for (const [k, v] of Object.entries(fixed)) if (p[k] !== v) return `InvalidParameter.${k}`;
	for (const k of ['AccessKeyId', 'PhoneNumbers', 'SignName', 'TemplateCode', 'SignatureNonce'])
		if (!p[k]) return `MissingParameter.${k}`;
	if (!TIMESTAMP.test(p.Timestamp ?? '')) return 'InvalidTimeStamp.Format';
	try {
		const vars = JSON.parse(p.TemplateParam ?? '');
		if (typeof vars !== 'object' || vars === null) return 'isv.INVALID_JSON_PARAM';
	} catch {
		return 'isv.INVALID_JSON_PARAM';
	}
	return null;
}

export async function startSmsStandin(keys: {
	accessKeyId: string;
	accessKeySecret: string;
}): Promise<SmsStandin> {
	const calls: StandinCall[] = [];
	const scripted: Scripted[] = [];
	const nonces = new Set<string>();
	const server: Server = createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			const answer = (status: number, code: string, params: Record<string, string>) => {
				calls.push({ params, code, status });
				res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
				res.end(
					JSON.stringify({
						RequestId: `standin-${calls.length}`,
						Code: code,
						Message: code === 'OK' ? 'OK' : `stand-in refused: ${code}`,
						...(code === 'OK' ? { BizId: `biz-${calls.length}` } : {})
					})
				);
			};
			const params = Object.fromEntries(new URLSearchParams(raw));
			if (
				req.method !== 'POST' ||
				!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')
			)
				return answer(400, 'InvalidParameter.Method', params);
			const badFormat = formatError(params);
			if (badFormat) return answer(400, badFormat, params);
			if (params.AccessKeyId !== keys.accessKeyId)
				return answer(404, 'InvalidAccessKeyId.NotFound', params);
			if (params.Signature !== rpcSignature('POST', params, keys.accessKeySecret))
				return answer(400, 'SignatureDoesNotMatch', params);
			if (nonces.has(params.SignatureNonce)) return answer(400, 'SignatureNonceUsed', params);
			nonces.add(params.SignatureNonce);
			const next = scripted.shift();
			if (next && 'hang' in next) return calls.push({ params, code: 'hang', status: 0 });
			if (next) return answer(next.status, next.code, params);
			if (!MAINLAND_MOBILE.test(params.PhoneNumbers))
				return answer(200, 'isv.MOBILE_NUMBER_ILLEGAL', params);
			answer(200, 'OK', params);
		});
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		calls,
		script: (...answers) => scripted.push(...answers),
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}
