import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk, secretary, villager } = DEMO;
// The demo's closed party assembly is the village's first meeting (src/lib/server/seed/demo-closed-meeting.ts).
const MINUTES = '/xinyang/meetings/1/minutes';
const TITLE = '党员大会：审议果蔬储藏库建设方案';
const ORIGINAL_TEXT = '会议由党支部书记李建国主持，文书王丽记录。';

// A real 2×2 JPEG, standing in for the photo of the signed sheet.
const PHOTO = Buffer.from(
	'/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/' +
		'2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/' +
		'wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEB' +
		'AAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==',
	'base64'
);

/** A phone without JavaScript, at a phone's width, signed in with this account. */
async function phoneWithoutScripts(
	newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>,
	account: { phone: string; password: string }
): Promise<Page> {
	const page = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await page.goto('/login');
	await page.getByLabel('手机号').fill(account.phone);
	await page.getByLabel('密码', { exact: true }).fill(account.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');
	return page;
}

const confirmations = (page: Page) => page.getByTestId('confirmations').getByRole('listitem');

test('an attendee confirms the minutes on his phone without JavaScript; a villager who was not there cannot', async ({
	newContext,
	app
}) => {
	const phone = await phoneWithoutScripts(newContext, secretary);
	await phone.goto(MINUTES);
	await expect(phone.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	// The record: chair, recorder, the people, the vote with its arithmetic, the audit hash.
	const main = phone.getByRole('main');
	await expect(main).toContainText('主持人');
	await expect(main).toContainText('李建国');
	await expect(main).toContainText('记录人');
	await expect(main).toContainText('王丽');
	await expect(main).toContainText('出席人员（28 人）');
	await expect(main).toContainText('缺席人员（6 人）');
	await expect(main).toContainText('同意 25 票，不同意 1 票，弃权 2 票');
	await expect(main).toContainText('2 × 28 ≥ 33');
	await expect(main).toContainText('2 × 25 > 33');
	await expect(main).toContainText('支持建储藏库');
	await expect(main).toContainText('冷库部分采用节能设备');
	await expect(phone.getByTestId('audit-head')).toHaveText(/^[0-9a-f]{64}$/);
	// No phone number; the hex hash may hold a run of digits, so hex neighbours don't count.
	await expect(main).not.toContainText(/(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/);
	// No print button without JavaScript: it could do nothing.
	await expect(phone.getByRole('button', { name: '打印' })).toHaveCount(0);
	await expect(phone.getByRole('heading', { name: '确认记录（20/29 人已确认）' })).toBeVisible();
	await expect(confirmations(phone).filter({ hasText: '李建国' })).toHaveCount(0);
	await checkA11yWithoutScripts(phone);
	await expectNoHorizontalOverflow(phone);

	await phone.getByRole('button', { name: '我确认会议记录无误' }).click();
	await expect(phone).toHaveURL(`${MINUTES}?done=confirmed`);
	await expect(phone.getByRole('status')).toHaveText('您已确认会议记录。');
	await expect(phone.getByTestId('my-confirmation')).toContainText('您已于');
	await expect(phone.getByRole('button', { name: '我确认会议记录无误' })).toHaveCount(0);
	await expect(phone.getByRole('heading', { name: '确认记录（21/29 人已确认）' })).toBeVisible();
	await expect(confirmations(phone).filter({ hasText: '李建国' })).toHaveCount(1);

	// Confirming twice (a resent form) changes nothing and says so.
	const again = await phone.request.post(`${MINUTES}?/confirm`, {
		form: {},
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(again.status()).toBe(303);
	expect(again.headers()['location']).toBe(`${MINUTES}?done=already`);
	await phone.reload();
	await expect(phone.getByRole('heading', { name: '确认记录（21/29 人已确认）' })).toBeVisible();

	// 张秀英 lives in the village but was not at the assembly: she reads the minutes, cannot confirm.
	const other = await phoneWithoutScripts(newContext, villager);
	await other.goto(MINUTES);
	await expect(other.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await expect(other.getByRole('button', { name: '我确认会议记录无误' })).toHaveCount(0);
	const refused = await other.request.post(`${MINUTES}?/confirm`, {
		form: {},
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('只有签到参会的人员才能确认会议记录。');
	await other.reload();
	await expect(other.getByRole('heading', { name: '确认记录（21/29 人已确认）' })).toBeVisible();
	await expect(confirmations(other).filter({ hasText: '张秀英' })).toHaveCount(0);
	await checkA11yWithoutScripts(other);
	await expectNoHorizontalOverflow(other);

	// Anonymous visitors are sent to sign in.
	const anonymous = await (await newContext({ javaScriptEnabled: false })).newPage();
	await anonymous.goto(MINUTES);
	await expect(anonymous).toHaveURL(`/login?next=${encodeURIComponent(MINUTES)}`);
});

test('the clerk appends a correction and attaches the photo of the signed sheet; the original stays', async ({
	page,
	newContext
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await addSession(page, clerk.phone, clerk.password);
	await open(page, MINUTES);
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	const text = page.getByTestId('minutes-text');
	await expect(text).toContainText(ORIGINAL_TEXT);
	const original = await text.textContent();
	// Confirmed by the attendees: no editing of the recorder’s text, only appending.
	await expect(page.getByLabel('记录正文（记录人填写）')).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// A correction without a reason is refused, and nothing is appended.
	await page.getByLabel('更正内容').fill('第二段“两委联席会议”后漏记“（扩大）”。');
	await page.getByRole('button', { name: '追加更正' }).click();
	await expect(page.getByRole('alert')).toHaveText('请写明更正原因（最多 500 字）。');
	await expect(page.getByLabel('更正内容')).toHaveValue('第二段“两委联席会议”后漏记“（扩大）”。');
	await expect(page.getByTestId('correction')).toHaveCount(0);

	await page.getByLabel('更正原因').fill('记录人笔误，经主持人核对');
	await page.getByRole('button', { name: '追加更正' }).click();
	await expect(page).toHaveURL(`${MINUTES}?done=corrected`);
	await expect(page.getByRole('status')).toHaveText('更正已追加，原记录不变。');
	const correction = page.getByTestId('correction');
	await expect(correction).toHaveCount(1);
	await expect(correction).toContainText('第二段“两委联席会议”后漏记“（扩大）”。');
	await expect(correction).toContainText('原因：记录人笔误，经主持人核对');
	await expect(correction).toContainText(/王丽 于 .+ 更正/);
	await expect(text).toHaveText(original!);

	await page.getByLabel('签字记录的照片或 PDF').setInputFiles({
		name: '签字记录.jpg',
		mimeType: 'image/jpeg',
		buffer: PHOTO
	});
	await page.getByRole('button', { name: '上传签字记录' }).click();
	await expect(page).toHaveURL(`${MINUTES}?done=attested`);
	await expect(page.getByRole('status')).toHaveText('签字记录已上传。');
	const sheet = page.getByRole('img', { name: '签字记录.jpg' });
	await expect(sheet).toBeVisible();
	await expect(page.getByRole('main')).toContainText(/王丽 于 .+ 上传/);
	const src = (await sheet.getAttribute('src'))!;
	expect(src).toMatch(/^\/xinyang\/meetings\/1\/minutes\/sheets\/\d+$/);
	const file = await page.request.get(src);
	expect(file.status()).toBe(200);
	expect(file.headers()['content-type']).toBe('image/jpeg');
	expect(file.headers()['cache-control']).toBe('private, no-store');
	expect(file.headers()['x-content-type-options']).toBe('nosniff');
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// Only members of the village fetch the sheet; a villager of it may, a stranger is sent to sign in.
	const v = await (await newContext()).newPage();
	await login(v, villager.phone, villager.password);
	expect((await v.request.get(src)).status()).toBe(200);
	const anonymous = await newContext();
	const fetched = await anonymous.request.get(src, { maxRedirects: 0 });
	expect(fetched.status()).toBe(303);

	// A villager cannot use the staff's forms.
	for (const action of ['correct', 'attest', 'saveText']) {
		const response = await v.request.post(`${MINUTES}?/${action}`, {
			form: { correction: '改', reason: '想改' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(403);
	}
	await page.reload();
	await expect(page.getByTestId('correction')).toHaveCount(1);
});
