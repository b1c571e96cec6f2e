// Issue 19: a township official signs in to a party assembly as the township attendee, and the
// record says he signed in himself; the administrator opens a township reviewer's account.
import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	loginWithoutScripts,
	open,
	test
} from './fixtures.ts';
import { notifiedMeetingToday } from './meeting-helpers.ts';

const OFFICIAL = { phone: '13800000010', password: 'demo-township-2026' };
const TITLE = '党员大会：果蔬储藏库选址';

test('the clerk invites 周建华 to a 党员大会, he signs in from the township desk without JavaScript, and the console and minutes show him signed in himself', async ({
	app,
	page,
	newContext
}) => {
	const meetingId = notifiedMeetingToday(app, {
		type: 'party_assembly',
		title: TITLE,
		agendaTitle: '果蔬储藏库选址'
	});
	const consolePath = `/xinyang/meetings/${meetingId}/console`;

	// The clerk invites the township's official and opens the meeting.
	await addSession(page, DEMO.clerk.phone, DEMO.clerk.password);
	await open(page, consolePath);
	const township = page.locator('#township');
	await expect(township.getByLabel('乡镇干部')).toContainText('周建华（长青乡党政办主任）');
	await township.getByRole('button', { name: '邀请乡镇干部' }).click();
	const invitees = page.getByTestId('township-invitees');
	await expect(invitees).toContainText('周建华（长青乡党政办主任） · 已邀请 · 未签到');
	// Invited once: the form offers no one else.
	await expect(township.getByRole('button', { name: '邀请乡镇干部' })).toHaveCount(0);
	await checkA11y(page);
	await page.getByRole('button', { name: '开始会议' }).click();
	await expect(page.getByTestId('meeting-state')).toHaveText('进行中');

	// 周建华 on a phone without JavaScript: his desk lists the invitation with a 签到 button.
	const phone = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await loginWithoutScripts(phone, OFFICIAL.phone, OFFICIAL.password);
	await expect(phone).toHaveURL('/township');
	await phone
		.getByRole('navigation', { name: /乡镇/ })
		.getByRole('link', { name: '列席会议' })
		.click();
	await expect(phone).toHaveURL('/township/meetings');
	const card = phone.locator(`#meeting-${meetingId}`);
	await expect(card).toContainText(TITLE);
	await expect(card).toContainText('新阳村');
	await expect(card).toContainText('果蔬储藏库选址');
	await expectNoHorizontalOverflow(phone);
	await checkA11yWithoutScripts(phone);
	await card.getByRole('button', { name: '签到' }).click();
	await expect(phone).toHaveURL(`/township/meetings?signedIn=1#meeting-${meetingId}`);
	await expect(phone.getByText('签到成功，已记入会议记录。')).toBeVisible();
	await expect(phone.locator(`#meeting-${meetingId}`).getByTestId('signed-in')).toContainText(
		'已签到'
	);
	await expect(phone.locator(`#meeting-${meetingId}`).getByRole('button')).toHaveCount(0);
	await expectNoHorizontalOverflow(phone);
	await checkA11yWithoutScripts(phone);

	// The console and the minutes: the township attendee, signed in by his own account.
	await open(page, consolePath);
	await expect(invitees).toContainText('周建华（长青乡党政办主任） · 已邀请 · 已签到');
	await expect(page.locator('#guests')).toContainText(
		'周建华（长青乡党政办主任） · 乡镇参会人员 · 本人签到'
	);
	await open(page, `/xinyang/meetings/${meetingId}/minutes`);
	await expect(page.getByRole('main')).toContainText(
		/周建华（长青乡党政办主任）\s*· 乡镇列席 ·\s*本人签到/
	);
	await checkA11y(page);
});

test('the administrator creates a township reviewer account and gets its activation code', async ({
	page
}) => {
	await addSession(page, DEMO.admin.phone, DEMO.admin.password);
	await open(page, '/admin');
	// A taken number is refused with the field's message, nothing created.
	const form = page.locator('form[action="?/addTownshipAccount"]');
	await form.getByLabel('乡镇', { exact: true }).selectOption({ label: '长青乡' });
	await form.getByLabel('身份').selectOption({ label: '乡镇审核人员' });
	await form.getByLabel('姓名').fill('冯敏');
	await form.getByLabel('手机号').fill(OFFICIAL.phone);
	await form.getByLabel('职务').fill('长青乡司法所');
	await form.getByRole('button', { name: '新建乡镇账号' }).click();
	await expect(page.getByText('这个手机号已经有账户了。')).toBeVisible();
	await expect(page.getByTestId('township-accounts')).not.toContainText('冯敏');

	await form.getByLabel('手机号').fill('13600000031');
	await form.getByRole('button', { name: '新建乡镇账号' }).click();
	const slip = page.getByRole('region', { name: /激活码/ });
	await expect(slip).toContainText('冯敏');
	await expect(slip.locator('.code-slip')).toHaveText(/^\d{4}\s?\d{4}$/);
	await expect(page.getByTestId('township-accounts')).toContainText(
		'冯敏 · 乡镇审核人员（长青乡司法所） · 13600000031'
	);
	await checkA11y(page);
});
