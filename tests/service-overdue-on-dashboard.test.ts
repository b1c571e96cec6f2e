// A case past its step's deadline is flagged wherever someone can act on it (issue 17 item 1):
// on the clerk's dashboard with the step it is late on, in the window's overdue filter, and on
// the assignee's own list; a case filed today is on none of these.
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
import { PARTY_MEMBER, PHONES, caseFiledDaysAgo } from './service-helpers.ts';

test('an overdue case shows on the dashboard, in the overdue filter and on the assignee’s list', async ({
	page,
	app,
	newContext
}) => {
	// The demo has overdue cases of its own: count them first, then add two.
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, '/xinyang/dashboard');
	const card = page.getByRole('region', { name: '办事' });
	const heading = card.getByRole('heading', { name: /^超时的事项（\d+ 件）$/ });
	const before = Number(/（(\d+) 件）/.exec((await heading.textContent())!)![1]);

	// A week ago, under 矛盾纠纷 (ten working days to finish): one never dispatched (a working
	// day for that), one dispatched to 刘志强 the next day and never accepted (a working day too).
	const notDispatched = caseFiledDaysAgo(app, '邻里排水纠纷（未派单）', {
		category: 'dispute',
		filedDaysAgo: 8
	});
	const notAccepted = caseFiledDaysAgo(app, '宅基地边界纠纷（未接单）', {
		category: 'dispute',
		filedDaysAgo: 8,
		assigneePhone: PHONES.partyMember
	});
	const fresh = caseFiledDaysAgo(app, '今天刚提交的事');

	await open(page, '/xinyang/dashboard');
	await expect(card.getByRole('heading', { name: `超时的事项（${before + 2} 件）` })).toBeVisible();
	const late = card.getByTestId('service-overdue').getByRole('listitem');
	await expect(late).toHaveCount(Math.min(before + 2, 20));
	await expect(late.filter({ hasText: notDispatched })).toContainText('派单超时');
	await expect(late.filter({ hasText: notDispatched })).toContainText('未派单');
	await expect(late.filter({ hasText: notAccepted })).toContainText('接单超时');
	await expect(late.filter({ hasText: notAccepted })).toContainText('经办人：刘志强');
	await expect(card).not.toContainText(fresh);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// The card's link opens the window on its overdue cases: the two among them, not today's.
	await card.getByRole('link', { name: '打开办事窗口' }).click();
	await expect(page).toHaveURL('/xinyang/services?view=all&overdue=1');
	await expect(page.getByRole('checkbox', { name: '只看超时的' })).toBeChecked();
	const rows = page.getByTestId('case-row');
	await expect(rows.filter({ hasText: notAccepted })).toHaveCount(1);
	await expect(rows.filter({ hasText: notDispatched }).getByTestId('overdue')).toHaveText(
		/派单超时/
	);
	await expect(rows.filter({ hasText: fresh })).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// Without the filter, today's case is there too, with no flag.
	await open(page, '/xinyang/services?view=all');
	await expect(rows.filter({ hasText: fresh })).toHaveCount(1);
	await expect(rows.filter({ hasText: fresh }).getByTestId('overdue')).toHaveCount(0);

	// 刘志强 on his phone: the case waiting for his acceptance heads 派给我的, flagged late.
	const his = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	await login(his, PARTY_MEMBER.phone, PARTY_MEMBER.password);
	await open(his, '/xinyang/services');
	await expect(his.getByRole('heading', { level: 1 })).toHaveText('派给我的');
	const mine = his.getByTestId('case-row').filter({ hasText: notAccepted });
	await expect(mine).toHaveCount(1);
	await expect(mine).toContainText('已派单，等经办人接单');
	await expect(mine.getByTestId('overdue')).toHaveText(/接单超时/);
	await checkA11y(his);
	await expectNoHorizontalOverflow(his);
});
