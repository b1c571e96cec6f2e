// A resolution filed with the township and acknowledged (issue 19 item 4): the clerk publishes a
// villagers' meeting's resolution from the dashboard; it appears in 周建华's filing inbox, and he
// acknowledges it on a 360 px phone without JavaScript; the resolution's public page then says the
// township acknowledged it. A second filing, returned with a reason, shows that reason as a warning
// on the village's dashboard and on the resolution's page. The meeting itself is held through the
// domain commands at past dates, since ten days' notice cannot pass inside a test.
import { openDatabase } from '../src/lib/server/db/open.js';
import type { Db } from '../src/lib/server/db/index.ts';
import { addDays, todayInChina } from '../src/lib/server/calendar/dates.ts';
import { holdPastMeeting } from '../src/lib/server/seed/demo-past-meeting.ts';
import type { Actor } from '../src/lib/server/permissions/index.ts';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	login,
	loginWithoutScripts,
	open,
	test,
	type App
} from './fixtures.ts';

const OFFICIAL = { name: '周建华', phone: '13800000010', password: 'demo-township-2026' };
const TEXT = '同意村内路灯由村集体经费统一维护，每年预算不超过八千元。';
const REASON = '决议未写明维护经费的来源科目，请补正后重新报备。';

/** A resolution of a villagers' meeting held last month, not yet published: its number and id. */
function unpublishedResolution(app: App): { id: number; number: string } {
	const db = openDatabase(app.dbPath) as Db;
	try {
		db.pragma('busy_timeout = 5000');
		const village = db
			.prepare("select id from villages where slug = 'xinyang'")
			.pluck()
			.get() as number;
		const u = db
			.prepare('select id, person_id, role from users where phone = ?')
			.get(DEMO.clerk.phone) as { id: number; person_id: number; role: Actor['role'] };
		const clerk: Actor = { userId: u.id, personId: u.person_id, role: u.role };
		const notice = addDays(todayInChina(), -40);
		const held = holdPastMeeting(db, clerk, village, {
			type: 'villagers_meeting',
			title: '村民会议：路灯维护',
			noticeDate: notice,
			meetingDate: addDays(notice, 12),
			motions: [{ agendaTitle: '路灯维护', topicId: null, text: TEXT }]
		});
		return db
			.prepare('select id, number from resolutions where motion_id = ?')
			.get(held.motionIds[0]) as { id: number; number: string };
	} finally {
		db.close();
	}
}

test('a resolution published by the village is filed, acknowledged by the township, and a returned one shows its reason', async ({
	app,
	page,
	newContext
}) => {
	test.setTimeout(180_000);
	const resolution = unpublishedResolution(app);

	// The clerk publishes it from the dashboard.
	await login(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, '/xinyang/dashboard');
	await page
		.getByTestId(`pending-${resolution.id}`)
		.getByRole('button', { name: `公布 ${resolution.number}` })
		.click();
	await expect(page.getByTestId(`pending-${resolution.id}`)).toHaveCount(0);

	// 周建华, on a phone without JavaScript: it waits in his inbox, and he acknowledges it.
	const phone = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await loginWithoutScripts(phone, OFFICIAL.phone, OFFICIAL.password);
	await phone.getByRole('link', { name: '备案' }).click();
	await expect(phone).toHaveURL(/\/township\/filings$/);
	const filing = phone.getByRole('listitem').filter({ hasText: resolution.number });
	await expect(filing).toContainText('新阳村');
	await expect(filing).toContainText(TEXT);
	await expect(filing.getByTestId('filing-state')).toHaveText('待确认');
	await expect(filing).toContainText('已等待0天');
	await expectNoHorizontalOverflow(phone);
	await checkA11yWithoutScripts(phone);
	await filing.getByRole('button', { name: '确认备案' }).click();
	await expect(phone).toHaveURL(/\/township\/filings\?done=acknowledged$/);
	await expect(phone.getByRole('status')).toContainText('已确认备案');
	// The waiting list no longer holds it; the acknowledged list does, with who and when.
	await expect(phone.getByRole('listitem').filter({ hasText: resolution.number })).toHaveCount(0);
	await phone.getByLabel('状态').selectOption('acknowledged');
	await phone.getByRole('button', { name: '筛选' }).click();
	const done = phone.getByRole('listitem').filter({ hasText: resolution.number });
	await expect(done.getByTestId('filing-state')).toHaveText('已确认');
	await expect(done).toContainText(`${OFFICIAL.name}于`);
	await expectNoHorizontalOverflow(phone);

	// Anyone reads on the resolution's page that the township acknowledged it.
	const reader = await (await newContext({ javaScriptEnabled: false })).newPage();
	await reader.goto(`/xinyang/resolutions/${resolution.id}`);
	await expect(reader.getByTestId('township-filing')).toContainText('乡镇已确认');

	// The demo's other waiting filing, the straw-burning rule's resolution, is returned with a reason.
	await phone.goto('/township/filings');
	const waiting = phone.getByRole('listitem').filter({ hasText: '秸秆' }).first();
	const returnedNumber = (await waiting.getByRole('heading').getByRole('link').textContent())!;
	// A reason of blanks passes the browser's check but not the server's: refused, nothing changed.
	await waiting.getByLabel('退回理由').fill('   ');
	await waiting.getByRole('button', { name: '退回' }).click();
	await expect(phone.getByRole('alert')).toContainText('请写明退回理由');
	await phone.goto('/township/filings');
	const again = phone.getByRole('listitem').filter({ hasText: returnedNumber });
	await again.getByLabel('退回理由').fill(REASON);
	await again.getByRole('button', { name: '退回' }).click();
	await expect(phone).toHaveURL(/done=returned$/);
	await expect(phone.getByRole('status')).toContainText('已退回');

	// The village's dashboard warns of it, with the reason, linking to the resolution.
	await open(page, '/xinyang/dashboard');
	const warning = page.getByTestId('returned-filing');
	await expect(warning).toContainText(`乡镇退回了${returnedNumber}的备案`);
	await expect(warning).toContainText(REASON);
	await checkA11y(page);
	await warning.getByRole('link').click();
	await expect(page.getByTestId('township-filing')).toContainText(`乡镇退回`);
	await expect(page.getByTestId('township-filing')).toContainText(REASON);
});
