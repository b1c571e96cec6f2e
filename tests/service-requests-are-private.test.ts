// A villager's requests are theirs (issue 17 item 7): the list shows a villager only the cases for
// them or filed by them, whatever view the address asks for, and another villager's case page is
// not found; a party member with no link to a case does not find it either.
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	login,
	open,
	test
} from './fixtures.ts';
import { GRID_HEAD, caseFiledDaysAgo, otherGridPartyMember } from './service-helpers.ts';

test('a villager sees only their own requests; others’ case pages are not found, to a party member too', async ({
	page,
	app,
	newContext
}) => {
	const hers = caseFiledDaysAgo(app, '张秀英的居住证明');
	const neighbours = caseFiledDaysAgo(app, '赵桂兰家的路灯', { phone: GRID_HEAD.phone });

	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, DEMO.villager.phone, DEMO.villager.password);
	for (const path of [
		'/xinyang/services',
		'/xinyang/services?view=all',
		'/xinyang/services?view=assigned'
	]) {
		await open(page, path);
		await expect(page.getByRole('heading', { level: 1 }), path).toHaveText('我的办事');
		// The demo gives her requests of her own: every row is one of hers, the new one among them.
		const rows = page.getByTestId('case-row');
		await expect(rows.filter({ hasText: hers }), path).toHaveCount(1);
		for (const row of await rows.all()) await expect(row, path).toContainText('· 张秀英');
		await expect(page.getByRole('main'), path).not.toContainText(neighbours);
		// Nothing of the window's: no grid or assignee filter, no views to switch to.
		await expect(page.getByLabel('经办人')).toHaveCount(0);
		await expect(page.getByRole('navigation', { name: '办事' })).toHaveCount(0);
	}
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// Her own case opens; the neighbour's is not found, as if it did not exist.
	expect((await page.goto(`/xinyang/services/${hers}`))?.status()).toBe(200);
	expect((await page.goto(`/xinyang/services/${neighbours}`))?.status()).toBe(404);
	await expect(page.getByRole('main')).not.toContainText('赵桂兰家的路灯');

	// A party member of another grid: neither case is his, for his grid or dispatched to him.
	const member = await otherGridPartyMember(app);
	const his = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(his, member.phone, member.password);
	for (const number of [hers, neighbours]) {
		expect((await his.goto(`/xinyang/services/${number}`))?.status(), number).toBe(404);
	}
	await open(his, '/xinyang/services?view=all');
	await expect(his.getByRole('main')).not.toContainText(hers);
	await expect(his.getByRole('main')).not.toContainText(neighbours);
});
