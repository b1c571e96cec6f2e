import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk, villager } = DEMO;

// A real 2×2 JPEG as a phone camera would send it (baseline, no EXIF).
const PHOTO = Buffer.from(
	'/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/' +
		'2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/' +
		'wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEB' +
		'AAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==',
	'base64'
);

// An SVG carrying script, named like a photo: the name and the claimed type must not matter.
const SCRIPTED_SVG = Buffer.from(
	'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
		'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n',
	'utf8'
);

const DESCRIPTION = '村口到小学的路上有三盏路灯不亮，孩子们冬天放学时天已经黑了。';

/** The number in "共 N 个议题" on a topic list. */
async function topicCount(page: Page, path: string): Promise<number> {
	await page.goto(path);
	const text = (await page.getByRole('status').textContent()) ?? '';
	const match = /共 (\d+) 个议题/.exec(text);
	expect(match, `topic count in "${text}"`).not.toBeNull();
	return Number(match![1]);
}

async function fillTopic(page: Page, title: string, description: string): Promise<void> {
	await page.getByLabel('标题').fill(title);
	await page.getByLabel('具体内容').fill(description);
	await page.getByLabel('类别').selectOption({ label: '民生诉求' });
}

/** The tracking number the page announces after a topic was submitted. */
async function announcedNumber(page: Page): Promise<string> {
	const notice = page.getByRole('status').filter({ hasText: '议题已提交' });
	await expect(notice).toHaveText(/^议题已提交，编号 XY-\d{4}-\d{4}。/);
	const number = /XY-\d{4}-\d{4}/.exec((await notice.textContent()) ?? '')![0];
	await expect(page).toHaveURL(`/xinyang/topics/${number}?filed=submitted`);
	return number;
}

/** A phone without JavaScript, at a phone's width, signed in as the villager. */
async function villagerPhone(
	newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
): Promise<Page> {
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('手机号').fill(villager.phone);
	await page.getByLabel('密码', { exact: true }).fill(villager.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');
	return page;
}

test('a villager proposes a topic with a photo on a phone without JavaScript', async ({
	newContext,
	request
}) => {
	const page = await villagerPhone(newContext);
	const mineBefore = await topicCount(page, '/xinyang/topics/mine');
	await expect(page.getByRole('heading', { level: 1, name: '我的议题' })).toBeVisible();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	await page.goto('/xinyang');
	await page.getByRole('link', { name: '提议题' }).click();
	await expect(page).toHaveURL('/xinyang/topics/new');
	await expect(page.getByRole('heading', { level: 1, name: '提议题' })).toBeVisible();
	// A plain villager files only for herself.
	await expect(page.getByRole('heading', { name: '代村民提交' })).toHaveCount(0);
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	const title = '村口到小学的三盏路灯不亮';
	await fillTopic(page, title, DESCRIPTION);
	await page.getByLabel('地点').fill('村口至小学');
	await page
		.getByLabel('照片和材料')
		.setInputFiles({ name: '路灯.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
	await page.getByRole('button', { name: '提交议题' }).click();
	const number = await announcedNumber(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByText('待受理', { exact: true })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('村口至小学');
	await expect(page.getByRole('main')).toContainText(DESCRIPTION);
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// 我的议题 lists it.
	expect(await topicCount(page, '/xinyang/topics/mine')).toBe(mineBefore + 1);
	const listed = page.getByRole('listitem').filter({ hasText: number });
	await expect(listed.getByRole('link', { name: title, exact: true })).toBeVisible();
	await expect(listed).toContainText('待受理');

	// The photo is on the topic page, served to the villager as a JPEG and to nobody signed out.
	await listed.getByRole('link', { name: title, exact: true }).click();
	await expect(page).toHaveURL(`/xinyang/topics/${number}`);
	const photo = page.getByRole('img', { name: '路灯.jpg' });
	await expect(photo, 'the photo sent with the topic is shown with it').toHaveCount(1);
	const photoPath = new URL((await photo.getAttribute('src'))!, page.url()).pathname;
	expect(photoPath).toMatch(new RegExp(`^/xinyang/topics/${number}/files/\\d+$`));
	const served = await page.request.get(photoPath);
	expect(served.status()).toBe(200);
	expect(served.headers()['content-type']).toBe('image/jpeg');
	expect([...(await served.body()).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
	const anonymous = await request.get(photoPath, { maxRedirects: 0 });
	expect([303, 403], `a signed-out request for ${photoPath}`).toContain(anonymous.status());
	if (anonymous.status() === 303)
		expect(anonymous.headers()['location']).toBe(`/login?next=${encodeURIComponent(photoPath)}`);
	expect(anonymous.headers()['content-type'] ?? '').not.toContain('image/');
});

test('bad input is answered on the form and files nothing', async ({ newContext }) => {
	const page = await villagerPhone(newContext);
	const mineBefore = await topicCount(page, '/xinyang/topics/mine');

	// No title: the field says so, the text already written stays, nothing is filed.
	await page.goto('/xinyang/topics/new');
	await page.getByLabel('具体内容').fill(DESCRIPTION);
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page.getByRole('alert')).toHaveText('表单有需要改正的地方，请看下面的提示。');
	await expect(page.getByLabel('标题')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('标题')).toHaveAccessibleDescription(/此项必填。/);
	await expect(page.getByLabel('具体内容')).toHaveValue(DESCRIPTION);
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);
	expect(await topicCount(page, '/xinyang/topics/mine'), 'nothing filed without a title').toBe(
		mineBefore
	);

	// A megabyte pasted past the field's limit (a phone may ignore maxlength): refused, and not
	// echoed whole; what comes back reaches a little past the limit, so the excess can be trimmed.
	await page.goto('/xinyang/topics/new');
	await page.getByLabel('标题').fill('路灯不亮');
	await page.getByLabel('具体内容').evaluate((el: HTMLTextAreaElement, text) => {
		el.removeAttribute('maxlength');
		el.value = text;
	}, '灯'.repeat(350_000));
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page.getByLabel('具体内容')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('具体内容')).toHaveAccessibleDescription(/最多 5000 个字符。/);
	expect((await page.getByLabel('具体内容').inputValue()).length).toBe(5000 + 1000);
	await expect(page.getByLabel('标题')).toHaveValue('路灯不亮');
	expect(await topicCount(page, '/xinyang/topics/mine'), 'nothing filed when too long').toBe(
		mineBefore
	);

	// An SVG with a script, named .png and sent as image/png: refused by its content.
	await page.goto('/xinyang/topics/new');
	await fillTopic(page, '路灯不亮', DESCRIPTION);
	await page
		.getByLabel('照片和材料')
		.setInputFiles({ name: '路灯.png', mimeType: 'image/png', buffer: SCRIPTED_SVG });
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page.getByLabel('照片和材料')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('“路灯.png”不是照片或 PDF，不能上传。')).toBeVisible();
	await expect(page.getByLabel('标题')).toHaveValue('路灯不亮');
	await checkA11yWithoutScripts(page);
	expect(await topicCount(page, '/xinyang/topics/mine'), 'nothing filed with the SVG').toBe(
		mineBefore
	);
});

test('a script-like title stays text, and a draft is submitted later from its page', async ({
	newContext
}) => {
	const page = await villagerPhone(newContext);
	const mineBefore = await topicCount(page, '/xinyang/topics/mine');
	const dialogs: string[] = [];

	const scriptTitle = '<script>alert(1)</script>';
	await page.goto('/xinyang/topics/new');
	await fillTopic(page, scriptTitle, '标题里有尖括号也只是文字。');
	await page.getByRole('button', { name: '提交议题' }).click();
	const scriptNumber = await announcedNumber(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(scriptTitle);

	// Saved as a draft first, then submitted from the topic page.
	const draftTitle = '小学门口需要减速带';
	await page.goto('/xinyang/topics/new');
	await fillTopic(page, draftTitle, '车开得太快，孩子过马路危险，请在小学门口装减速带。');
	await page.getByRole('button', { name: '先存草稿' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=draft$/);
	const draftNumber = /XY-\d{4}-\d{4}/.exec(page.url())![0];
	await expect(page.getByRole('status')).toHaveText('草稿已保存，还没有提交。');
	await expect(page.getByText('草稿', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: '修改草稿' })).toBeVisible();
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);
	expect(await topicCount(page, '/xinyang/topics/mine')).toBe(mineBefore + 2);
	await page
		.getByRole('listitem')
		.filter({ hasText: draftNumber })
		.getByRole('link', { name: draftTitle })
		.click();
	await expect(page).toHaveURL(`/xinyang/topics/${draftNumber}`);
	await page
		.getByRole('region', { name: '修改草稿' })
		.getByRole('button', { name: '提交议题' })
		.click();
	expect(await announcedNumber(page)).toBe(draftNumber);
	await expect(page.getByText('待受理', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: '修改草稿' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^保存草稿/,
		/^提交议题/
	]);
	expect(await topicCount(page, '/xinyang/topics/mine')).toBe(mineBefore + 2);

	// The clerk's phone runs scripts: the script-like title stays text in the list and on its page.
	const clerkPage = await (await newContext()).newPage();
	clerkPage.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await login(clerkPage, clerk.phone, clerk.password);
	await open(clerkPage, '/xinyang/topics');
	await expect(
		clerkPage.getByRole('listitem').filter({ hasText: scriptNumber }).getByRole('link')
	).toHaveText(scriptTitle);
	await checkA11y(clerkPage);
	await open(clerkPage, `/xinyang/topics/${scriptNumber}`);
	await expect(clerkPage.getByRole('heading', { level: 1 })).toHaveText(scriptTitle);
	await expect(clerkPage.getByRole('main').locator('script')).toHaveCount(0);
	await checkA11y(clerkPage);
	expect(dialogs, 'no script from a title ever ran').toEqual([]);
});
