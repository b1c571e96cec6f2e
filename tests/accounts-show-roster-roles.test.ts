// The accounts page names what each person is in the village on the day, from the roster: the
// representative and the supervision committee member are no longer listed as plain villagers.
import { DEMO, addSession, checkA11y, expect, readOnlyTest } from './fixtures.ts';

readOnlyTest('the clerk sees each account with its roster roles', async ({ page }) => {
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await page.goto('/xinyang/accounts');
	const roles = (name: string) =>
		page.getByRole('row').filter({ hasText: name }).getByTestId('roles');
	await expect(roles('陈淑珍')).toContainText('村务监督委员会成员');
	await expect(roles('刘志强')).toContainText('村民代表');
	await expect(roles('赵桂兰')).toContainText('网格长');
	await expect(roles('李建国')).toContainText('党支部书记');
	for (const name of ['陈淑珍', '刘志强', '赵桂兰'])
		await expect(roles(name)).not.toHaveText('村民');
	await checkA11y(page);
});
