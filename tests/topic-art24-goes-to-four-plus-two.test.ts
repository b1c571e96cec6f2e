import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk, secretary, villager } = DEMO;
const PUBLIC_WELFARE = '村公益事业的兴办和筹资筹劳方案及建设承包方案';
const CONTRADICTION =
	'勾选了第二十四条事项，却回答“不涉及”：涉及任何一项即为涉及。请改选“涉及”，或取消勾选。';
const ONLY_FOUR_PLUS_TWO =
	'涉及第二十四条事项的议题只能转“四议两公开”程序，或并入已在该程序中的议题。';

test('a topic touching an art. 24 matter can only go to the 4+2 procedure, and is marked major', async ({
	page,
	newContext
}) => {
	// The villager proposes the storage house.
	await login(page, villager.phone, villager.password);
	await open(page, '/xinyang/topics/new');
	const title = '建设果蔬储藏库';
	await page.getByLabel('标题').fill(title);
	await page
		.getByLabel('具体内容')
		.fill('果蔬丰收时价格低，建一座储藏库错峰销售，由村集体统一建设和经营。');
	await page.getByLabel('类别').selectOption({ label: '发展项目' });
	await page.getByLabel('预计费用（元）').fill('724000');
	await page.getByLabel('资金来源').fill('中央扶持资金50万元，村集体自筹22.4万元');
	await page.getByRole('button', { name: '提交议题' }).click();
	await expect(page).toHaveURL(/\/xinyang\/topics\/XY-\d{4}-\d{4}\?filed=submitted$/);
	const number = /XY-\d{4}-\d{4}/.exec(page.url())![0];
	await expect(page.getByRole('main')).toContainText('¥724,000');

	// With scripts, ticking an art. 24 matter leaves only the 4+2 route to choose.
	const sec = await (await newContext()).newPage();
	await login(sec, secretary.phone, secretary.password);
	await open(sec, `/xinyang/topics/${number}`);
	const secTriage = sec.getByRole('region', { name: '受理', exact: true });
	await secTriage.getByRole('radio', { name: '涉及（请勾选）' }).check();
	await secTriage.getByRole('checkbox', { name: PUBLIC_WELFARE }).check();
	await expect(
		secTriage.getByText('已勾选第二十四条事项：只能转“四议两公开”程序，或并入已在该程序中的议题。')
	).toBeVisible();
	await expect(secTriage.getByRole('radio', { name: '转“四议两公开”程序' })).toBeEnabled();
	for (const route of ['转协商（协商议事会）', '直接办理（服务事项）', '不予受理（须写明理由）'])
		await expect(secTriage.getByRole('radio', { name: route }), route).toBeDisabled();
	await checkA11y(sec);
	await secTriage.getByRole('checkbox', { name: PUBLIC_WELFARE }).uncheck();
	await expect(secTriage.getByRole('radio', { name: '转协商（协商议事会）' })).toBeEnabled();

	// Without scripts nothing disables the other routes: the server must refuse them itself.
	const context = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const desk = await context.newPage();
	await desk.goto('/login');
	await desk.getByLabel('手机号').fill(clerk.phone);
	await desk.getByLabel('密码', { exact: true }).fill(clerk.password);
	await desk.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(desk).toHaveURL('/xinyang');
	await desk.goto(`/xinyang/topics/${number}`);
	const triage = desk.getByRole('region', { name: '受理', exact: true });
	await checkA11yWithoutScripts(desk);
	await expectNoHorizontalOverflow(desk);
	// A ticked item beside "不涉及" and direct handling: refused, the tick never dropped (issue 14).
	await triage.getByRole('radio', { name: '不涉及' }).check();
	await triage.getByRole('checkbox', { name: PUBLIC_WELFARE }).check();
	await triage.getByRole('radio', { name: '直接办理（服务事项）' }).check();
	await triage.getByRole('button', { name: '记录受理决定' }).click();
	await expect(desk.getByRole('alert')).toHaveText(CONTRADICTION);
	await expect(desk.getByText('待受理', { exact: true })).toBeVisible();
	await expect(triage.getByRole('checkbox', { name: PUBLIC_WELFARE })).toBeChecked();
	await triage.getByRole('radio', { name: '涉及（请勾选）' }).check();
	await triage.getByRole('checkbox', { name: PUBLIC_WELFARE }).check();
	await triage.getByRole('radio', { name: '转协商（协商议事会）' }).check();
	await desk.getByLabel('理由或说明').fill('先开协商议事会听听大家意见。');
	await triage.getByRole('button', { name: '记录受理决定' }).click();
	await expect(desk.getByRole('alert')).toHaveText(ONLY_FOUR_PLUS_TWO);
	await expect(desk.getByText('待受理', { exact: true })).toBeVisible();
	await expect(desk.getByRole('region', { name: '受理决定' })).toHaveCount(0);
	await expect(desk.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题/
	]);
	// The answers come back, now with only the 4+2 route open.
	await expect(triage.getByRole('radio', { name: '涉及（请勾选）' })).toBeChecked();
	await expect(triage.getByRole('checkbox', { name: PUBLIC_WELFARE })).toBeChecked();
	await expect(triage.getByRole('radio', { name: '转协商（协商议事会）' })).toBeDisabled();
	await expect(desk.getByLabel('理由或说明')).toHaveValue('先开协商议事会听听大家意见。');
	await checkA11yWithoutScripts(desk);
	await page.reload();
	await expect(page.getByText('待受理', { exact: true })).toBeVisible();
	await expect(page.getByText('重大事项')).toHaveCount(0);

	// To the 4+2 procedure: accepted and marked major.
	const reason = '涉及村公益事业的兴办和筹资方案，按“四议两公开”办理。';
	await desk.getByLabel('理由或说明').fill(reason);
	await triage.getByRole('radio', { name: '转“四议两公开”程序' }).check();
	await triage.getByRole('button', { name: '记录受理决定' }).click();
	await expect(desk.getByRole('status').filter({ hasText: '受理决定' })).toHaveText(
		'受理决定已记录，提议人可以看到。'
	);
	await expect(desk.getByRole('alert')).toHaveCount(0);
	await checkA11yWithoutScripts(desk);

	await page.reload();
	await expect(page.getByRole('main').locator('.state')).toHaveText('四议两公开程序中');
	await expect(page.getByRole('main').locator('p', { has: page.locator('.state') })).toHaveText(
		/^\s*四议两公开程序中\s*·\s*重大事项\s*$/
	);
	const decision = page.getByRole('region', { name: '受理决定' });
	await expect(decision).toContainText('四议两公开程序中');
	await expect(decision).toContainText(`理由：${reason}`);
	// Triaged today, under the 2026 text: its art. 28 list (docs/domain.md §3.5).
	await expect(decision).toContainText(`涉及《村民委员会组织法》第二十八条事项：${PUBLIC_WELFARE}`);
	await expect(page.getByRole('region', { name: '办理经过' }).getByRole('listitem')).toHaveText([
		/^提交议题/,
		/^受理决定.*· 王丽/
	]);
	await checkA11y(page);

	// The village's list shows it as a major matter too.
	await open(page, `/xinyang/topics?q=${encodeURIComponent(number)}`);
	const listed = page.getByRole('listitem').filter({ hasText: number });
	await expect(listed).toContainText(/四议两公开程序中\s*·\s*重大事项/);
	await hydrated(page);
});
