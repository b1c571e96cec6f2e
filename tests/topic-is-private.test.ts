import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	formPostHeaders,
	hydrated,
	login,
	open,
	test,
	openSecondVillage
} from './fixtures.ts';

const { admin, villager } = DEMO;
const representative = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };

// A real 2×2 JPEG.
const PHOTO = Buffer.from(
	'/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/' +
		'2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/' +
		'wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEB' +
		'AAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==',
	'base64'
);

async function propose(page: Page, title: string, photo?: Buffer): Promise<string> {
	await open(page, '/xinyang/topics/new');
	await page.getByLabel('标题').fill(title);
	await page.getByLabel('具体内容').fill(`${title}。这是村里自己的事，外村看不到。`);
	await page.getByLabel('类别').selectOption({ label: '民生诉求' });
	if (photo)
		await page
			.getByLabel('照片和材料')
			.setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: photo });
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	return /XY-\d{4}-\d{4}/.exec(page.url())![0];
}

test('a member of another village can neither read, co-sign nor fetch the photos of 新阳 topics', async ({
	page,
	app,
	newContext
}) => {
	// A 新阳 villager files a topic with a photo.
	await login(page, villager.phone, villager.password);
	const title = '二组水井的水发浑';
	const number = await propose(page, title, PHOTO);

	const ds = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	const adminPage = await (await newContext()).newPage();
	await login(adminPage, admin.phone, admin.password);
	await openSecondVillage(adminPage, ds);

	// 东山's clerk is turned away from every 新阳 topic page.
	for (const path of [
		'/xinyang/topics',
		'/xinyang/topics/mine',
		'/xinyang/topics/new',
		`/xinyang/topics/${number}`,
		'/xinyang/dashboard'
	]) {
		const response = await ds.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(ds.getByRole('heading', { level: 1 }), path).toHaveText('没有权限');
		await expect(ds.getByRole('main'), path).not.toContainText(title);
		await expect(ds.getByRole('main'), path).not.toContainText(number);
	}
	await hydrated(ds);
	await checkA11y(ds);

	// Nor can it co-sign: not in 新阳 (forbidden), not through its own village (no such topic).
	const direct = await ds.request.post(`/xinyang/topics/${number}?/cosign`, {
		form: {},
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(direct.status()).toBe(403);
	expect(await direct.text()).not.toContain(title);
	const sideways = await ds.request.post(`/dongshan/topics/${number}?/cosign`, {
		form: {},
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(sideways.status()).toBe(404);
	expect(await sideways.text()).not.toContain(title);
	expect((await ds.goto(`/dongshan/topics/${number}`))?.status()).toBe(404);
	await expect(ds.getByRole('main')).not.toContainText(title);

	// The topic is untouched.
	await open(page, `/xinyang/topics/${number}`);
	await expect(page.getByRole('region', { name: /^附议 \d+ 人$/ }).getByRole('heading')).toHaveText(
		'附议 0 人'
	);
	await expect(page.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题/
	]);

	// The photo is the village's too: 403 to 东山's clerk, and not found through 东山.
	const photo = page.getByRole('img', { name: '现场.jpg' });
	await expect(photo, 'the photo sent with the topic is shown with it').toHaveCount(1);
	const photoPath = new URL((await photo.getAttribute('src'))!, page.url()).pathname;
	expect((await page.request.get(photoPath)).status()).toBe(200);
	const foreign = await ds.request.get(photoPath, { maxRedirects: 0 });
	expect(foreign.status()).toBe(403);
	expect(foreign.headers()['content-type'] ?? '').not.toContain('image/');
	const viaDongshan = await ds.request.get(photoPath.replace('/xinyang/', '/dongshan/'), {
		maxRedirects: 0
	});
	expect(viaDongshan.status()).toBe(404);
	expect(viaDongshan.headers()['content-type'] ?? '').not.toContain('image/');
});

test('villagers cannot make the clerk’s decision on a topic', async ({ page, app, newContext }) => {
	await login(page, villager.phone, villager.password);
	const number = await propose(page, '村委会门前停车乱');
	await expect(page.getByRole('region', { name: '受理', exact: true })).toHaveCount(0);

	const rep = await (await newContext()).newPage();
	await login(rep, representative.phone, representative.password);
	for (const [who, actor] of [
		['the proposer', page],
		['a representative', rep]
	] as const) {
		for (const route of ['not_accepted', 'direct']) {
			const response = await actor.request.post(`/xinyang/topics/${number}?/triage`, {
				form: { art24Answer: 'no', route, reason: '我自己决定不予受理。' },
				headers: formPostHeaders(app),
				maxRedirects: 0
			});
			expect(response.status(), `${who}: ${route}`).toBe(403);
		}
	}

	await page.reload();
	await expect(page.getByRole('main').locator('.state')).toHaveText('待受理');
	await expect(page.getByRole('region', { name: '受理决定' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题/
	]);
	await hydrated(page);
	await checkA11y(page);
});
