// Issue 16, proxies all the way: a grid head files for a villager who has no phone, prints the
// receipt (A4 and slip) and records the villager's read-back confirmation, all without JavaScript;
// the clerk notes that this villager is told through the grid head; a villager with a login finds
// what waits for her confirmation on her home page.
import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	loginWithoutScripts,
	test
} from './fixtures.ts';

const { clerk, villager } = DEMO;
const gridHead = { name: '赵桂兰', phone: '13800000004', password: 'demo-gridhead-2026' };

/** A moment in China as a datetime-local field takes it, `minutesAgo` before now. */
function chinaLocal(minutesAgo = 0): string {
	return new Date(Date.now() + 8 * 3600_000 - minutesAgo * 60_000).toISOString().slice(0, 16);
}

/** Files a topic on behalf of the villager picked by `pick`; returns its number and the person. */
async function fileFor(page: Page, pick: (label: string) => boolean, title: string) {
	await page.goto('/xinyang/topics/new');
	const options = page.getByLabel('代谁提交').locator('option');
	const labels = await options.allTextContents();
	const index = labels.findIndex(pick);
	expect(index, `a villager to file for among ${labels.length}`).toBeGreaterThanOrEqual(0);
	const personId = (await options.nth(index).getAttribute('value'))!;
	const name = labels[index].replace(/（.*$/, '');
	await page.getByLabel('代谁提交').selectOption(personId);
	await page.getByLabel('渠道').selectOption({ label: '网格议事点' });
	await page.getByRole('radio', { name: '当面念读，村民确认同意' }).check();
	await page.getByLabel('念给村民听并得到同意的时间').fill(chinaLocal(5));
	await page.getByLabel('标题').fill(title);
	await page.getByLabel('具体内容').fill('村口的路灯坏了两个月，晚上老人出门看不见路。');
	await page.getByLabel('类别').selectOption({ label: '民生诉求' });
	await page.getByRole('button', { name: '提交议题' }).click();
	const notice = page.getByRole('status').filter({ hasText: '议题已提交' });
	const number = /XY-\d{4}-\d{4}/.exec((await notice.textContent()) ?? '')![0];
	await expect(page).toHaveURL(`/xinyang/topics/${number}?filed=submitted`);
	return { number, personId, name };
}

test('a grid head files for a villager without a phone, prints the receipt and records her confirmation, without JavaScript', async ({
	newContext
}) => {
	const noScript = { javaScriptEnabled: false, viewport: PHONE_VIEWPORT };
	const page = await (await newContext(noScript)).newPage();
	await loginWithoutScripts(page, gridHead.phone, gridHead.password);

	// She files for someone of her grid with no login of their own (not 张秀英, who has one).
	await page.goto('/xinyang/topics/new');
	const title = '村口路灯坏了';
	const { number, personId, name } = await fileFor(
		page,
		(l) => l !== '我自己' && !l.startsWith(villager.name) && /第一网格/.test(l),
		title
	);

	// The receipt, from the topic page: A4 first.
	const receiptLinks = page.getByRole('region', { name: '议题回执' }).getByRole('link');
	await expect(receiptLinks).toHaveText(['打印回执 · A4 纸', '打印回执 · 小票（58/80 毫米）']);
	await receiptLinks.first().click();
	await expect(page).toHaveURL(`/xinyang/topics/${number}/receipt`);
	const receipt = page.getByTestId('receipt');
	await expect(page.getByTestId('receipt-number')).toHaveText(number);
	await expect(page.getByTestId('receipt-topic')).toHaveText(title);
	await expect(receipt).toContainText(name);
	await expect(receipt).toContainText(`${gridHead.name}（网格议事点）`);
	const url = await page.getByTestId('receipt-url').textContent();
	expect(new URL(url!).pathname).toBe(`/xinyang/topics/${number}`);
	await expect(page.getByTestId('receipt-offline')).toContainText('村委会办公室');
	const qr = receipt.getByRole('img', { name: `议题 ${number} 的二维码` });
	await expect(qr.locator('svg')).toHaveCount(1);
	// Without JavaScript there is no print button: the page itself is the print view.
	await expect(page.getByRole('button', { name: '打印' })).toHaveCount(0);
	await expectNoHorizontalOverflow(page);
	await checkA11yWithoutScripts(page);

	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: '打印格式' })).toBeHidden();
	await expect(receipt).toBeVisible();
	await expect(qr).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// The slip: one column, no wider than a 80 mm roll's printable 72 mm when printed.
	await page.getByRole('link', { name: '小票（58/80 毫米）' }).click();
	await expect(page).toHaveURL(`/xinyang/topics/${number}/receipt?format=slip`);
	await expect(page.getByTestId('receipt-number')).toHaveText(number);
	await checkA11yWithoutScripts(page);
	await page.emulateMedia({ media: 'print' });
	const width = await receipt.evaluate((el) => el.getBoundingClientRect().width);
	expect(width).toBeLessThanOrEqual(Math.ceil((72 / 25.4) * 96));
	expect(width).toBeGreaterThan(150);
	await expect(receipt.getByRole('img', { name: `议题 ${number} 的二维码` })).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// Back at her house, she reads the text back; the villager confirms it is hers.
	await page.getByRole('link', { name: '返回议题' }).click();
	const form = page.getByRole('region', { name: '记录本人意见' });
	await expect(form).toContainText(`请把议题内容念给${name}听`);
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// A read-back time ahead of now is refused, and nothing is recorded.
	await form.getByLabel('念读时间').fill(chinaLocal(-120));
	await form.getByRole('button', { name: '记录本人意见' }).click();
	await expect(page.getByRole('alert')).toContainText('念读时间不能晚于现在。');
	await expect(page.getByTestId('read-back')).toHaveCount(0);

	const readAt = chinaLocal();
	await page.getByRole('region', { name: '记录本人意见' }).getByLabel('念读时间').fill(readAt);
	await page
		.getByRole('region', { name: '记录本人意见' })
		.getByRole('button', { name: '记录本人意见' })
		.click();
	await expect(page.getByRole('status').filter({ hasText: '已记录：本人确认。' })).toBeVisible();
	await expect(page.getByRole('region', { name: '记录本人意见' })).toHaveCount(0);
	await expect(page.getByTestId('read-back')).toContainText(`本人意见：确认（${gridHead.name}于`);
	// It counts as her own confirmation: the topic moves on as if she had tapped it herself.
	const confirmedOn = new Intl.DateTimeFormat('zh-CN', {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'Asia/Shanghai'
	}).format(new Date(`${readAt}:00+08:00`));
	await expect(page.getByRole('main')).toContainText(`本人已于 ${confirmedOn} 确认`);
	await expect(page.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toContainText([
		/^提交议题.*· 赵桂兰/,
		/^本人确认.*· 赵桂兰/,
		/^记录本人意见（念读）.*· 赵桂兰/
	]);

	// The clerk notes that this villager is told through her grid head; the topic's staff view
	// then says whom to tell the answer through.
	const desk = await (await newContext(noScript)).newPage();
	await loginWithoutScripts(desk, clerk.phone, clerk.password);
	await desk.goto(`/xinyang/roster/people/${personId}`);
	const notify = desk.getByRole('region', { name: '怎样通知本人' });
	await expect(notify.getByTestId('notify-now')).toHaveText('现在：在网上通知');
	await notify.getByRole('radio', { name: '请人转告' }).check();
	await notify.getByLabel('转告人').selectOption({ label: `${gridHead.name}（网格长）` });
	await notify.getByRole('button', { name: '保存通知方式' }).click();
	await expect(
		desk.getByRole('region', { name: '怎样通知本人' }).getByTestId('notify-now')
	).toHaveText(`现在：请${gridHead.name}（网格长）转告`);
	await desk.goto(`/xinyang/topics/${number}`);
	await expect(desk.getByTestId('notify-via')).toHaveText(`请通过${gridHead.name}（网格长）转告`);
	// Staff may open the receipt too.
	await desk.goto(`/xinyang/topics/${number}/receipt`);
	await expect(desk.getByTestId('receipt-number')).toHaveText(number);
	// Once the village names the office the wall notice gives, the receipt names it too.
	await expect(desk.getByTestId('receipt-office')).toHaveCount(0);
	await desk.goto('/xinyang/settings');
	await desk.getByLabel('受理地点').fill('村部一楼');
	await desk.getByLabel('办公时间').fill('工作日上午');
	await desk.getByRole('button', { name: '保存' }).nth(1).click();
	await expect(desk.getByText('线下异议方式已保存。')).toBeVisible();
	await desk.goto(`/xinyang/topics/${number}/receipt`);
	await expect(desk.getByTestId('receipt-office')).toHaveText(
		'村委会办公室在村部一楼，办公时间：工作日上午。'
	);
});

test('a villager’s home shows the topic filed for her as waiting for her confirmation', async ({
	newContext
}) => {
	const noScript = { javaScriptEnabled: false, viewport: PHONE_VIEWPORT };
	const page = await (await newContext(noScript)).newPage();
	await loginWithoutScripts(page, gridHead.phone, gridHead.password);
	const title = '一组水井要清淤';
	const { number } = await fileFor(page, (l) => l.startsWith(`${villager.name}（`), title);
	// Her representative may not open her receipt.
	const rep = await (await newContext(noScript)).newPage();
	await loginWithoutScripts(rep, '13800000005', 'demo-rep-2026');
	const refused = await rep.goto(`/xinyang/topics/${number}/receipt`);
	expect(refused?.status()).toBe(403);

	const her = await (await newContext(noScript)).newPage();
	await loginWithoutScripts(her, villager.phone, villager.password);
	await her.goto('/xinyang');
	const pending = her.getByRole('region', { name: '待您确认' });
	const item = pending.getByRole('listitem').filter({ hasText: number });
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(title);
	await expect(item).toContainText(`${number} · ${gridHead.name}替您提交`);
	await checkA11yWithoutScripts(her);
	await expectNoHorizontalOverflow(her);
	await item.getByRole('link', { name: '去看看并确认' }).click();
	await expect(her).toHaveURL(`/xinyang/topics/${number}`);
	await her
		.getByRole('region', { name: '请您确认' })
		.getByRole('button', { name: '是我的，确认' })
		.click();
	await expect(her.getByRole('status').filter({ hasText: '已确认。' })).toBeVisible();
	await her.goto('/xinyang');
	await expect(
		her.getByRole('region', { name: '待您确认' }).getByRole('listitem').filter({ hasText: number })
	).toHaveCount(0);
	// Her own receipt is hers to print.
	await her.goto(`/xinyang/topics/${number}/receipt?format=slip`);
	await expect(her.getByTestId('receipt-number')).toHaveText(number);
});
