import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk, villager } = DEMO;
const gridHead = { name: '赵桂兰', phone: '13800000004', password: 'demo-gridhead-2026' };

/** Now on a phone in China, as a datetime-local field takes it. */
function chinaNow(): string {
	return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** The number in "共 N 个议题" on a topic list. */
async function topicCount(page: Page, path: string): Promise<number> {
	await page.goto(path);
	const text = (await page.getByRole('status').textContent()) ?? '';
	const match = /共 (\d+) 个议题/.exec(text);
	expect(match, `topic count in "${text}"`).not.toBeNull();
	return Number(match![1]);
}

/** Looks a villager up in the on-behalf search and returns the picker's options. */
async function searchVillager(page: Page, name: string) {
	await open(page, '/xinyang/topics/new');
	await page.getByLabel('查找村民').fill(name);
	await page.getByRole('search').getByRole('button', { name: '查找' }).click();
	await expect(page).toHaveURL(`/xinyang/topics/new?for=${encodeURIComponent(name)}`);
	await hydrated(page);
	return page.getByLabel('代谁提交').locator('option');
}

test('a grid head files a topic for an elderly villager, who then confirms it is hers', async ({
	page,
	newContext
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, gridHead.phone, gridHead.password);
	const filedBefore = await topicCount(page, '/xinyang/topics/mine');

	// At the grid's meeting point: she finds 张秀英 and reads the text back to her.
	const options = await searchVillager(page, villager.name);
	await expect(page.getByRole('heading', { level: 1, name: '提议题' })).toBeVisible();
	await expect(page.getByRole('region', { name: '代村民提交' })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);
	const her = options.filter({ hasText: /^张秀英（003 · 第一网格）$/ });
	await expect(her).toHaveCount(1);
	await page.getByLabel('代谁提交').selectOption((await her.getAttribute('value'))!);
	await page.getByLabel('渠道').selectOption({ label: '网格议事点' });
	await page.getByRole('radio', { name: '当面念读，村民确认同意' }).check();
	const consentAt = chinaNow();
	await page.getByLabel('念给村民听并得到同意的时间').fill(consentAt);
	const title = '老年活动室冬天没有暖气';
	await page.getByLabel('标题').fill(title);
	await page
		.getByLabel('具体内容')
		.fill('一组老年活动室的暖气坏了一冬，老人们只能回家，希望入冬前修好。');
	await page.getByLabel('类别').selectOption({ label: '民生诉求' });
	await page.getByLabel('地点').fill('一组老年活动室');
	await page.getByRole('button', { name: '提交议题' }).click();

	const notice = page.getByRole('status').filter({ hasText: '议题已提交' });
	await expect(notice).toHaveText(/^议题已提交，编号 XY-\d{4}-\d{4}。/);
	const number = /XY-\d{4}-\d{4}/.exec((await notice.textContent()) ?? '')![0];
	await expect(page).toHaveURL(`/xinyang/topics/${number}?filed=submitted`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const proposer = page.getByRole('definition').filter({ hasText: '代' }).first();
	await expect(proposer).toContainText('赵桂兰 代 张秀英 提交');
	const consentShown = new Intl.DateTimeFormat('zh-CN', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
		timeZone: 'Asia/Shanghai'
	}).format(new Date(`${consentAt}:00+08:00`));
	await expect(proposer).toContainText(/网格议事点\s*·\s*当面念读，村民确认同意/);
	await expect(proposer).toContainText(`(${consentShown})`);
	await expect(proposer).not.toContainText('本人已于');
	// Only the villager herself confirms.
	await expect(page.getByRole('region', { name: '请您确认' })).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);
	expect(await topicCount(page, '/xinyang/topics/mine')).toBe(filedBefore + 1);

	// 张秀英 signs in on her grandson's phone: the topic is among hers, waiting for her word.
	const her2 = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(her2, villager.phone, villager.password);
	await open(her2, '/xinyang/topics/mine');
	const listed = her2.getByRole('listitem').filter({ hasText: number });
	await expect(listed).toContainText('张秀英 · 第一网格 · 网格议事点');
	await listed.getByRole('link', { name: title, exact: true }).click();
	await expect(her2).toHaveURL(`/xinyang/topics/${number}`);
	await hydrated(her2);
	const confirmBox = her2.getByRole('region', { name: '请您确认' });
	await expect(confirmBox).toContainText('这个议题由赵桂兰替您提交。请确认内容无误，或撤回。');
	await expect(confirmBox.getByRole('button', { name: '撤回议题' })).toBeVisible();
	await checkA11y(her2);
	await expectNoHorizontalOverflow(her2);
	await confirmBox.getByRole('button', { name: '是我的，确认' }).click();
	await expect(her2.getByRole('status').filter({ hasText: '已确认。' })).toBeVisible();
	await expect(her2.getByRole('region', { name: '请您确认' })).toHaveCount(0);
	const today = new Intl.DateTimeFormat('zh-CN', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'Asia/Shanghai'
	}).format(new Date());
	await expect(her2.getByRole('main')).toContainText(`本人已于 ${today} 确认`);
	await expect(her2.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toContainText([
		/^提交议题.*· 赵桂兰/,
		/^本人确认.*· 张秀英/
	]);

	// The grid head sees the confirmation too.
	await page.goto(`/xinyang/topics/${number}`);
	await expect(page.getByRole('main')).toContainText(`本人已于 ${today} 确认`);
});

test('a grid head cannot file for a villager outside her grid', async ({
	page,
	app,
	newContext
}) => {
	// The clerk's roster names someone of 第五网格.
	const clerkPage = await (await newContext()).newPage();
	await login(clerkPage, clerk.phone, clerk.password);
	await open(clerkPage, '/xinyang/roster');
	await clerkPage.getByLabel('网格').selectOption({ label: '第五网格' });
	await clerkPage.getByRole('button', { name: '筛选' }).click();
	await expect(clerkPage).toHaveURL(/[?&]grid=\d+/);
	const firstRow = clerkPage.getByRole('table').getByRole('row').nth(1);
	await expect(firstRow.getByRole('cell').nth(3)).toHaveText('第五网格');
	const outsider = firstRow.getByRole('link').first();
	const outsiderName = (await outsider.textContent())!.trim();
	const outsiderId = /\/roster\/people\/(\d+)$/.exec((await outsider.getAttribute('href'))!)![1];

	const villageBefore = await topicCount(clerkPage, '/xinyang/topics');

	await login(page, gridHead.phone, gridHead.password);
	const filedBefore = await topicCount(page, '/xinyang/topics/mine');

	// The picker does not offer them…
	const options = await searchVillager(page, outsiderName);
	await expect(options.filter({ hasText: outsiderName })).toHaveCount(0);

	// …and a hand-made form post naming them is refused.
	const title = '第五网格的排水沟堵了';
	const response = await page.request.post('/xinyang/topics/new?/submit', {
		multipart: {
			forPerson: outsiderId,
			channel: 'grid_point',
			consentKind: 'read_back',
			consentAt: chinaNow(),
			title,
			description: '排水沟堵了，下雨就漫到路上。',
			category: 'livelihood',
			place: '',
			affected: '',
			cost: '',
			funding: ''
		},
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('您只能为自己网格或联系户的村民代填。');

	expect(await topicCount(page, '/xinyang/topics/mine'), 'nothing filed').toBe(filedBefore);
	expect(await topicCount(clerkPage, '/xinyang/topics'), 'no new topic in the village').toBe(
		villageBefore
	);
});
