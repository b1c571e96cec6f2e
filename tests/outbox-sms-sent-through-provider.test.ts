// 短信: the clerk sends the outbox's waiting text messages with one button, through the SMS
// provider's API (here a local stand-in that verifies each request's format and signature); a
// message the provider could not take now waits for its retry. Unset, SMS says so and sends nothing.
import { openDatabase } from '../src/lib/server/db/open.js';
import {
	startSmsStandin,
	type SmsStandin
} from '../src/lib/server/outbox/sms-standin.test-helper.ts';
import {
	DEMO,
	expect,
	formPostHeaders,
	login,
	loginWithoutScripts,
	readOnlyTest,
	startAppWith,
	test,
	type App
} from './fixtures.ts';
import { query } from './meeting-helpers.ts';

const KEYS = { accessKeyId: 'LTAI-e2e', accessKeySecret: 'e2e-secret-2026' };

/**
 * A meeting notice queued for SMS to these villagers (written as the outbox writes it, as another
 * event of the demo's meeting 1, whose own notice is already in the outbox).
 */
function queueSms(app: App, phones: string[]): void {
	const people = phones.map(
		(phone) =>
			query<{ id: number }>(app, 'select person_id as id from users where phone = ?', phone)[0].id
	);
	const db = openDatabase(app.dbPath);
	try {
		const village = db.prepare("select id from villages where slug = 'xinyang'").pluck().get();
		const message = db
			.prepare(
				`insert into messages (village_id, kind, subject_type, subject_id, event_key, title, body, created_at)
				 values (?, 'meeting_called', 'meeting', 1, 'sms-story', '关于召开村民会议的通知', '请准时参加。', ?)`
			)
			.run(village, new Date().toISOString()).lastInsertRowid;
		for (const person of people)
			db.prepare(
				"insert into message_deliveries (message_id, person_id, channel) values (?, ?, 'sms')"
			).run(message, person);
	} finally {
		db.close();
	}
}

test.describe('configured', () => {
	let standin: SmsStandin;
	let server: { app: App; stop: () => Promise<void> };

	test.beforeEach(async () => {
		standin = await startSmsStandin(KEYS);
		server = await startAppWith({
			SMS_PROVIDER: 'aliyun',
			SMS_ENDPOINT: standin.url,
			SMS_ACCESS_KEY_ID: KEYS.accessKeyId,
			SMS_ACCESS_KEY_SECRET: KEYS.accessKeySecret,
			SMS_SIGN_NAME: '新阳村',
			SMS_TEMPLATE_ID: 'SMS_100'
		});
	});
	test.afterEach(async () => {
		await server.stop();
		await standin.close();
	});

	test('the clerk sends the waiting SMS, without JavaScript; a transient failure waits', async ({
		browser
	}) => {
		const { app } = server;
		queueSms(app, [DEMO.villager.phone, DEMO.secretary.phone]);
		// The provider is busy for the first one.
		standin.script({ status: 500, code: 'InternalError' });
		const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false });
		const page = await context.newPage();
		await loginWithoutScripts(page, DEMO.clerk.phone, DEMO.clerk.password);
		await page.goto('/xinyang/outbox/sms');
		await expect(page.getByTestId('sms-setup')).toHaveText(
			'短信已配置：阿里云短信服务，短信签名“新阳村”。'
		);
		await expect(page.getByTestId('sms-counts')).toHaveText(
			'待发送 2 条，已发出 0 条，发送失败 0 条。'
		);
		await page.getByRole('button', { name: '发送短信' }).click();
		await expect(page.getByRole('status')).toHaveText('本次发出 1 条，失败 0 条，稍后重试 1 条。');
		await expect(page.getByTestId('sms-counts')).toHaveText(
			'待发送 1 条，已发出 1 条，发送失败 0 条。'
		);
		// Both requests passed the stand-in's checks; the second was accepted.
		expect(standin.calls.map((c) => [c.params.PhoneNumbers, c.code])).toEqual([
			[DEMO.villager.phone, 'InternalError'],
			[DEMO.secretary.phone, 'OK']
		]);
		expect(
			query<{ state: string; attempts: number; ref: string | null }>(
				app,
				"select state, attempts, provider_ref as ref from message_deliveries where channel = 'sms' order by id"
			)
		).toEqual([
			{ state: 'pending', attempts: 1, ref: null },
			{ state: 'sent', attempts: 1, ref: 'biz-2' }
		]);
		await context.close();
	});
});

readOnlyTest('unset, SMS says what is missing and sends nothing', async ({ page, app }) => {
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/outbox/sms');
	await expect(page.getByTestId('sms-setup')).toHaveText(
		/^短信未配置：缺少 SMS_PROVIDER、SMS_ACCESS_KEY_ID、SMS_ACCESS_KEY_SECRET、SMS_SIGN_NAME、SMS_TEMPLATE_ID。/
	);
	await expect(page.getByRole('button', { name: '发送短信' })).toHaveCount(0);
	const res = await page.request.post('/xinyang/outbox/sms?/send', {
		headers: formPostHeaders(app),
		multipart: {}
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('短信未配置，没有发送。');
});
