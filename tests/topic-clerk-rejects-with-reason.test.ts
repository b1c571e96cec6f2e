import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk, villager } = DEMO;

test('the clerk cannot refuse a topic without a reason, and the villager reads the reason given', async ({
	page,
	newContext
}) => {
	// The villager proposes.
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, villager.phone, villager.password);
	await open(page, '/xinyang/topics/new');
	const title = '把县道上的大坑补一补';
	await page.getByLabel('标题').fill(title);
	await page.getByLabel('具体内容').fill('村口县道上有个大坑，三轮车经过时经常颠翻东西。');
	await page.getByLabel('类别').selectOption({ label: '民生诉求' });
	await page.getByLabel('地点').fill('村口县道');
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	const number = /XY-\d{4}-\d{4}/.exec(page.url())![0];
	// No triage tools for a villager.
	await expect(page.getByRole('region', { name: '受理', exact: true })).toHaveCount(0);

	// The clerk finds it among the topics awaiting a decision.
	const desk = await (await newContext()).newPage();
	await login(desk, clerk.phone, clerk.password);
	await open(desk, '/xinyang/dashboard');
	await expect(desk.getByRole('heading', { level: 1, name: '文书工作台' })).toBeVisible();
	const awaiting = desk.getByRole('region', { name: /^待受理议题（\d+）$/ });
	await expect(awaiting.getByRole('listitem').filter({ hasText: number })).toContainText(
		`${number} · 张秀英 · 受理期限`
	);
	await checkA11y(desk);
	await awaiting.getByRole('link', { name: title }).click();
	await expect(desk).toHaveURL(`/xinyang/topics/${number}`);
	await hydrated(desk);
	const triage = desk.getByRole('region', { name: '受理', exact: true });
	await expect(triage).toBeVisible();
	await checkA11y(desk);

	// Not accepted, but no reason written: refused, and nothing about the topic changes.
	await triage.getByRole('radio', { name: '不涉及' }).check();
	await triage.getByRole('radio', { name: '不予受理（须写明理由）' }).check();
	await triage.getByRole('button', { name: '记录受理决定' }).click();
	await expect(desk.getByRole('alert')).toHaveText('不予受理或并入其他议题时，必须写明理由。');
	await hydrated(desk);
	await expect(desk.getByText('待受理', { exact: true })).toBeVisible();
	await expect(desk.getByRole('region', { name: '受理决定' })).toHaveCount(0);
	await expect(triage.getByRole('radio', { name: '不予受理（须写明理由）' })).toBeChecked();
	await expect(desk.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题/
	]);
	await checkA11y(desk);
	await page.reload();
	await expect(page.getByText('待受理', { exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: '受理决定' })).toHaveCount(0);

	// A reason one character over the limit (the browser's maxlength stripped, as an old phone
	// might ignore it) is refused beside the field, never cut, and nothing changes.
	const reasonField = desk.getByLabel('理由或说明');
	await reasonField.evaluate((el) => el.removeAttribute('maxlength'));
	await reasonField.fill('理'.repeat(2001));
	await triage.getByRole('radio', { name: '不予受理（须写明理由）' }).check();
	await triage.getByRole('button', { name: '记录受理决定' }).click();
	await expect(triage.locator('.field-error')).toHaveText('最多 2000 个字符。');
	await expect(desk.getByLabel('理由或说明')).toHaveAttribute('aria-invalid', 'true');
	await expect(desk.getByLabel('理由或说明')).toHaveValue('理'.repeat(2001));
	await expect(desk.getByRole('region', { name: '受理决定' })).toHaveCount(0);
	await expect(desk.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题/
	]);
	await hydrated(desk);

	// With the reason: the decision is recorded.
	const reason = '县道由县交通运输局负责养护，村里已于今天报县交通运输局，请关注其答复。';
	await desk.getByLabel('理由或说明').fill(reason);
	await triage.getByRole('radio', { name: '不予受理（须写明理由）' }).check();
	await triage.getByRole('button', { name: '记录受理决定' }).click();
	await expect(desk.getByRole('status').filter({ hasText: '受理决定' })).toHaveText(
		'受理决定已记录，提议人可以看到。'
	);
	await expect(desk.getByText('不予受理', { exact: true }).first()).toBeVisible();
	await expect(desk.getByRole('region', { name: '受理', exact: true })).toHaveCount(0);

	// The villager sees the decision and why, and the timeline records it.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const decision = page.getByRole('region', { name: '受理决定' });
	await expect(decision).toContainText('不予受理');
	await expect(decision).toContainText(`理由：${reason}`);
	await expect(page.getByRole('main').locator('.state')).toHaveText('不予受理');
	await expect(page.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题.*· 张秀英/,
		/^受理决定.*· 王丽/
	]);
	// A refused topic takes no more co-signatures.
	await expect(page.getByRole('button', { name: '我要附议' })).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// It has left the clerk's queue.
	await open(desk, '/xinyang/dashboard');
	await expect(awaiting.getByRole('listitem').filter({ hasText: number })).toHaveCount(0);
});
