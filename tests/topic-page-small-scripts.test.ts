// Issue 20 item 6: the topic page ships no framework. A villager's phone runs at most the 朗读
// script; the clerk's also gets the triage form's own small script, and with it the form still
// reacts as it is filled (ticking a checklist matter leaves only the 4+2 route).
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	login,
	test
} from './fixtures.ts';
import { query } from './meeting-helpers.ts';
import { SCRIPT_BUDGET_KB, scriptsOf } from './script-bytes.ts';

const { clerk, villager } = DEMO;

test('the topic page runs a few KB of our own scripts, and the clerk’s triage form still reacts', async ({
	app,
	newContext
}) => {
	test.setTimeout(180_000);
	const [{ number }] = query<{ number: string }>(
		app,
		`select number from topics where state = 'submitted'
		   and village_id = (select id from villages where slug = 'xinyang') order by id limit 1`
	);
	const path = `/xinyang/topics/${number}`;

	const phoneOf = async (who: { phone: string; password: string }) => {
		const page = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
		await login(page, who.phone, who.password);
		return page;
	};

	const villagerPhone = await phoneOf(villager);
	const seen = await scriptsOf(villagerPhone, path);
	expect(seen.paths.filter((p) => p !== '/read-aloud.js')).toEqual([]);
	expect(seen.gzipKb).toBeLessThanOrEqual(SCRIPT_BUDGET_KB);
	await expect(villagerPhone.getByRole('region', { name: '受理', exact: true })).toHaveCount(0);

	const clerkPhone = await phoneOf(clerk);
	const clerkSeen = await scriptsOf(clerkPhone, path);
	expect(clerkSeen.paths.filter((p) => p !== '/read-aloud.js')).toEqual(['/triage.js']);
	expect(clerkSeen.gzipKb).toBeLessThanOrEqual(SCRIPT_BUDGET_KB);

	const triage = clerkPhone.getByRole('region', { name: '受理', exact: true });
	const warning = triage.getByText(
		'已勾选第二十四条事项：只能转“四议两公开”程序，或并入已在该程序中的议题。'
	);
	const consultation = triage.getByRole('radio', { name: '转协商（协商议事会）' });
	await expect(warning).toBeHidden();
	await triage.getByRole('radio', { name: '涉及（请勾选）' }).check();
	await expect(consultation).toBeEnabled();
	await triage.getByRole('checkbox').first().check();
	await expect(warning).toBeVisible();
	await expect(consultation).toBeDisabled();
	await expect(triage.getByRole('radio', { name: '转“四议两公开”程序' })).toBeEnabled();
	await checkA11y(clerkPhone);
	await expectNoHorizontalOverflow(clerkPhone);
	await triage.getByRole('radio', { name: '不涉及' }).check();
	await expect(warning).toBeHidden();
	await expect(consultation).toBeEnabled();
});
