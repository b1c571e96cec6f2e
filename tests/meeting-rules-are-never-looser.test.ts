import { DEMO, checkA11yWithoutScripts, expect, loginWithoutScripts, test } from './fixtures.ts';

const { clerk } = DEMO;

test('the clerk chooses stricter meeting rules but never looser ones, and the table shows them', async ({
	newContext
}) => {
	// No JavaScript: the settings form is a plain form post.
	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await loginWithoutScripts(page, clerk.phone, clerk.password);
	await page.goto('/xinyang/settings');
	const table = page.getByRole('table');
	const reps = table.getByRole('row', { name: /^村民代表会议/ });
	await expect(reps).toContainText('3 天');
	await expect(reps).toContainText('3 × 实到 ≥ 2 × (村民代表 + 村委会成员)');
	await expect(reps).toContainText('2 × 同意票 > 实到');
	await checkA11yWithoutScripts(page);

	// Two days of notice would be looser than the law: refused, nothing changes.
	const days = page.getByLabel('村民代表会议提前通知天数');
	await days.fill('2');
	await page.getByRole('button', { name: '保存' }).last().click();
	await expect(page.getByRole('alert')).toContainText('不能比法律更宽松');
	await page.goto('/xinyang/settings');
	await expect(reps).toContainText('3 天');

	// Five days and a majority of all members: stricter, accepted, shown in the table.
	await days.fill('5');
	await page.getByLabel(/全体组成人员过半数同意/).check();
	await page.getByRole('button', { name: '保存' }).last().click();
	await expect(page.getByText('会议规则已保存')).toBeVisible();
	await page.goto('/xinyang/settings');
	await expect(reps).toContainText('5 天');
	await expect(reps).toContainText('2 × 同意票 > (村民代表 + 村委会成员)');
	await expect(page.getByText(/规则集：cn-2026\+village/)).toBeVisible();
});
