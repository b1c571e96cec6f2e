import type { Page } from '@playwright/test';
import {
	DEMO,
	checkA11y,
	expect,
	formPostHeaders,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { villager } = DEMO;
const representative = { name: '刘志强', phone: '13800000005', password: 'demo-rep-2026' };
const ALREADY = '您已经附议过这个议题，每人只能附议一次。';

async function propose(page: Page, title: string): Promise<string> {
	await open(page, '/xinyang/topics/new');
	await page.getByLabel('标题').fill(title);
	await page.getByLabel('具体内容').fill(`${title}，请大家附议。`);
	await page.getByLabel('类别').selectOption({ label: '生态环境' });
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	return /XY-\d{4}-\d{4}/.exec(page.url())![0];
}

function cosignHeading(page: Page) {
	return page.getByRole('region', { name: /^附议 \d+ 人$/ }).getByRole('heading');
}

test('a villager co-signs once, however often and however fast she presses', async ({
	page,
	app,
	newContext
}) => {
	await login(page, representative.phone, representative.password);
	const first = await propose(page, '河边垃圾堆清理');
	const second = await propose(page, '河道两岸种植护坡树');

	// Two tabs on her phone, both showing the button.
	const phone = await newContext();
	const tab1 = await phone.newPage();
	await login(tab1, villager.phone, villager.password);
	const tab2 = await phone.newPage();
	for (const tab of [tab1, tab2]) {
		await open(tab, `/xinyang/topics/${first}`);
		await expect(cosignHeading(tab)).toHaveText('附议 0 人');
	}
	await tab1.getByRole('button', { name: '我要附议' }).click();
	await expect(tab1.getByRole('status').filter({ hasText: '附议' })).toHaveText('已附议，谢谢。');
	await expect(cosignHeading(tab1)).toHaveText('附议 1 人');
	await expect(tab1.getByText('您已附议。')).toBeVisible();
	await expect(tab1.getByRole('button', { name: '撤回附议' })).toBeVisible();
	await expect(tab1.getByRole('button', { name: '我要附议' })).toHaveCount(0);

	// The other tab still offers the button: pressing it is refused, and says why.
	await tab2.getByRole('button', { name: '我要附议' }).click();
	await expect(tab2.getByRole('alert')).toHaveText(ALREADY);
	await expect(cosignHeading(tab2)).toHaveText('附议 1 人');
	await hydrated(tab2);
	await checkA11y(tab2);

	// A fresh topic: both tabs pressed at once, and 20 posts fired together with her cookie.
	for (const tab of [tab1, tab2]) {
		await open(tab, `/xinyang/topics/${second}`);
		await expect(tab.getByRole('button', { name: '我要附议' })).toBeVisible();
	}
	const [, , ...posts] = await Promise.all([
		tab1.getByRole('button', { name: '我要附议' }).click(),
		tab2.getByRole('button', { name: '我要附议' }).click(),
		...Array.from({ length: 20 }, () =>
			tab1.request.post(`/xinyang/topics/${second}?/cosign`, {
				form: {},
				headers: formPostHeaders(app),
				maxRedirects: 0
			})
		)
	]);
	let accepted = 0;
	for (const response of posts) {
		const html = await response.text();
		if (response.status() === 200) {
			expect(html).toContain('已附议，谢谢。');
			accepted++;
		} else {
			expect(response.status()).toBe(400);
			expect(html).toContain(ALREADY);
		}
	}
	for (const tab of [tab1, tab2]) {
		const outcome = tab.getByRole('status').or(tab.getByRole('alert')).first();
		await expect(outcome).toHaveText(/^(已附议，谢谢。|您已经附议过这个议题，每人只能附议一次。)$/);
		if ((await outcome.textContent()) === '已附议，谢谢。') accepted++;
	}
	expect(accepted, 'exactly one of the 22 attempts was taken').toBe(1);

	await open(tab1, `/xinyang/topics/${second}`);
	await expect(cosignHeading(tab1)).toHaveText('附议 1 人');
	await expect(tab1.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题.*· 刘志强/,
		/^附议.*· 张秀英/
	]);
	// The village's list counts one as well.
	await open(tab1, `/xinyang/topics?q=${encodeURIComponent(second)}`);
	await expect(tab1.getByRole('listitem').filter({ hasText: second })).toContainText('附议 1');
	// And the first topic still has exactly its one co-signature.
	await open(page, `/xinyang/topics/${first}`);
	await expect(cosignHeading(page)).toHaveText('附议 1 人');
});
