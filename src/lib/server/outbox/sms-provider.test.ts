import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ALIYUN_ENDPOINT,
	aliyunProvider,
	percentEncode,
	rpcSignature,
	smsSetupFromEnv,
	stringToSign,
	type SmsConfig
} from './sms-provider';
import { startSmsStandin, type SmsStandin } from './sms-standin.test-helper';

// The worked examples of Alibaba Cloud's own documentation: SendSms (SMS "signature method" page,
// key testId / testSecret) and DescribeRegions (the RPC "signature mechanism" page).
const SMS_DOC_PARAMS = {
	AccessKeyId: 'testId',
	Action: 'SendSms',
	Format: 'XML',
	OutId: '123',
	PhoneNumbers: '15300000001',
	RegionId: 'cn-hangzhou',
	SignName: '阿里云短信测试专用',
	SignatureMethod: 'HMAC-SHA1',
	SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
	SignatureVersion: '1.0',
	TemplateCode: 'SMS_71390007',
	TemplateParam: '{"customer":"test"}',
	Timestamp: '2017-07-12T02:42:19Z',
	Version: '2017-05-25'
};
const RPC_DOC_PARAMS = {
	Timestamp: '2016-02-23T12:46:24Z',
	Format: 'XML',
	AccessKeyId: 'testid',
	Action: 'DescribeRegions',
	SignatureMethod: 'HMAC-SHA1',
	SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
	Version: '2014-05-26',
	SignatureVersion: '1.0'
};

describe('the signature, against the provider’s published examples', () => {
	it('reproduces the SendSms string to sign and signature', () => {
		expect(stringToSign('GET', SMS_DOC_PARAMS)).toBe(
			'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25'
		);
		expect(rpcSignature('GET', SMS_DOC_PARAMS, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
	});

	it('reproduces the RPC example whatever order the parameters come in', () => {
		expect(rpcSignature('GET', RPC_DOC_PARAMS, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
	});

	it.each([
		['a b', 'a%20b'],
		['*', '%2A'],
		["!'()", '%21%27%28%29'],
		['~-_.', '~-_.'],
		['/=&+', '%2F%3D%26%2B'],
		['村', '%E6%9D%91']
	])('percent-encodes %s as %s', (raw, encoded) => {
		expect(percentEncode(raw)).toBe(encoded);
	});
});

describe('configuration from the environment', () => {
	const full = {
		SMS_PROVIDER: 'aliyun',
		SMS_ACCESS_KEY_ID: 'id',
		SMS_ACCESS_KEY_SECRET: 'secret',
		SMS_SIGN_NAME: '新阳村',
		SMS_TEMPLATE_ID: 'SMS_1'
	};

	it.each([
		[
			{},
			[
				'SMS_PROVIDER',
				'SMS_ACCESS_KEY_ID',
				'SMS_ACCESS_KEY_SECRET',
				'SMS_SIGN_NAME',
				'SMS_TEMPLATE_ID'
			]
		],
		[{ ...full, SMS_ACCESS_KEY_SECRET: '' }, ['SMS_ACCESS_KEY_SECRET']],
		[
			{ ...full, SMS_SIGN_NAME: '  ', SMS_TEMPLATE_ID: undefined },
			['SMS_SIGN_NAME', 'SMS_TEMPLATE_ID']
		]
	])('is off when variables are missing (%#)', (env, missing) => {
		expect(smsSetupFromEnv(env)).toEqual({ state: 'not_configured', missing });
	});

	it('is off for a provider it does not know', () => {
		expect(smsSetupFromEnv({ ...full, SMS_PROVIDER: 'tencent' })).toEqual({
			state: 'not_configured',
			missing: [],
			unknownProvider: 'tencent'
		});
	});

	it('is on with every variable, the default endpoint and per-kind templates', () => {
		const setup = smsSetupFromEnv({ ...full, SMS_TEMPLATE_ID_MEETING_CALLED: 'SMS_2' });
		expect(setup.state).toBe('configured');
		if (setup.state !== 'configured') return;
		expect(setup.config.endpoint).toBe(ALIYUN_ENDPOINT);
		expect(setup.config.templates).toEqual({ default: 'SMS_1', meeting_called: 'SMS_2' });
	});
});

describe('sending to the stand-in', () => {
	let standin: SmsStandin;
	const keys = { accessKeyId: 'LTAI-test', accessKeySecret: 'stand-in-secret' };
	const config = (over: Partial<SmsConfig> = {}): SmsConfig => ({
		endpoint: standin.url,
		...keys,
		signName: '新阳村',
		templates: { default: 'SMS_100', meeting_called: 'SMS_200' },
		timeoutMs: 2000,
		...over
	});
	const message = {
		phone: '13800000003',
		kind: 'meeting_called' as const,
		params: { title: '村民会议' }
	};

	beforeEach(async () => {
		standin = await startSmsStandin(keys);
	});
	afterEach(() => standin.close());

	it('sends a request the provider accepts, with the kind’s template', async () => {
		const r = await aliyunProvider(config()).send(message);
		expect(r).toEqual({ ok: true, ref: 'biz-1' });
		expect(standin.calls).toHaveLength(1);
		expect(standin.calls[0].params).toMatchObject({
			PhoneNumbers: '13800000003',
			SignName: '新阳村',
			TemplateCode: 'SMS_200',
			TemplateParam: '{"title":"村民会议"}'
		});
	});

	it('is refused by the stand-in when signed with the wrong secret', async () => {
		const r = await aliyunProvider(config({ accessKeySecret: 'wrong' })).send(message);
		expect(r).toMatchObject({ ok: false, transient: false });
		expect(r.ok || r.error).toMatch(/^SignatureDoesNotMatch/);
	});

	it.each([
		[{ status: 500, code: 'InternalError' }, true],
		[{ status: 503, code: 'ServiceUnavailable' }, true],
		[{ status: 200, code: 'isv.BUSINESS_LIMIT_CONTROL' }, true],
		[{ status: 200, code: 'isv.MOBILE_NUMBER_ILLEGAL' }, false],
		[{ status: 200, code: 'isv.SMS_TEMPLATE_ILLEGAL' }, false]
	])('tells a transient failure from a permanent one: %o', async (scripted, transient) => {
		standin.script(scripted);
		const r = await aliyunProvider(config()).send(message);
		expect(r).toEqual({ ok: false, transient, error: expect.stringContaining(scripted.code) });
	});

	it('gives up on a provider that does not answer in time, as a transient failure', async () => {
		standin.script({ hang: true });
		const r = await aliyunProvider(config({ timeoutMs: 100 })).send(message);
		expect(r).toEqual({ ok: false, transient: true, error: 'timeout' });
	});
});
