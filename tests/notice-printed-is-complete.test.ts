// The notice on the wall is complete on its own: who issues it with a place for the seal, the
// posting date and objection period, and how to object without a phone, as the clerk set it in
// the village settings. Unset parts are not printed, and the settings page and desk say so.
import { execSync } from 'node:child_process';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11yWithoutScripts,
	expect,
	loginWithoutScripts,
	test
} from './fixtures.ts';
import { noticeSeq } from './notice-helpers.ts';
import { DEMO_GENERAL_NOTICE_TITLE } from '../src/lib/server/seed/demo-notices.ts';

const OFFICE = '村委会办公室（村部一楼）';
const HOURS = '工作日上午8:30至11:30';
const SUPERVISION = '村务监督委员会主任周明，电话13800000006';

test.use({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });

test('a printed notice shows its issuer, seal place, dates and the offline objection route', async ({
	app,
	newContext,
	page
}) => {
	const seq = noticeSeq(app, DEMO_GENERAL_NOTICE_TITLE);
	await page.goto(`/xinyang/notices/${seq}/print`);
	await page.emulateMedia({ media: 'print' });
	const sheet = page.locator('.sheet');
	// Before the village sets its route: the issuer, seal and dates, but no office is invented.
	await expect(sheet.getByTestId('notice-issuer')).toContainText('新阳村村民委员会');
	await expect(sheet.getByTestId('notice-issuer')).toContainText('（盖章处）');
	await expect(sheet.getByText(/^异议期：.+ 至 .+$/)).toBeVisible();
	await expect(sheet.getByText(/书面或当面提出/)).toHaveCount(0);
	await expect(sheet.getByText(/村务监督委员会：/)).toHaveCount(0);

	// The clerk is told what is missing, and sets it.
	const clerkContext = await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
	const clerk = await clerkContext.newPage();
	await loginWithoutScripts(clerk, DEMO.clerk.phone, DEMO.clerk.password);
	await clerk.goto('/xinyang/notices/desk');
	await expect(clerk.getByTestId('objection-route-missing')).toContainText(
		'受理地点、办公时间和村务监督委员会联系方式'
	);
	await clerk.getByRole('link', { name: '到村务设置填写' }).click();
	await expect(clerk.getByTestId('objection-route-missing')).toBeVisible();
	await clerk.getByLabel('受理地点').fill(OFFICE);
	await clerk.getByLabel('办公时间').fill(HOURS);
	await clerk.getByLabel('村务监督委员会联系方式').fill(SUPERVISION);
	await clerk.getByRole('button', { name: '保存' }).nth(1).click();
	await expect(clerk.getByText('线下异议方式已保存。')).toBeVisible();
	await expect(clerk.getByTestId('objection-route-missing')).toHaveCount(0);
	await expect(clerk.getByLabel('受理地点')).toHaveValue(OFFICE);
	await checkA11yWithoutScripts(clerk);
	await clerk.goto('/xinyang/notices/desk');
	await expect(clerk.getByTestId('objection-route-missing')).toHaveCount(0);

	// The printed sheet now carries all of it, and still fits one A4 page.
	await page.reload();
	await page.emulateMedia({ media: 'print' });
	const dates = (await sheet.locator('.dates').first().textContent())!;
	const postedOn = /发布日期\s*(\d{4}年\d{1,2}月\d{1,2}日)/.exec(dates)?.[1];
	expect(postedOn).toBeTruthy();
	await expect(sheet.getByTestId('notice-issuer')).toContainText(postedOn!);
	const route = sheet.getByTestId('notice-offline-route');
	await expect(route.getByRole('heading', { name: '不用手机怎样提出异议' })).toBeVisible();
	await expect(route).toContainText(new RegExp(`异议期：${postedOn} 至 \\d{4}年`));
	await expect(route).toContainText(`在异议期内，到${OFFICE}书面或当面提出。`);
	await expect(route).toContainText(`办公时间：${HOURS}。`);
	await expect(route).toContainText(`也可以联系村务监督委员会：${SUPERVISION}。`);
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(1);

	// The same route on the notice page online, for whoever reads it there.
	await page.emulateMedia({ media: 'screen' });
	await page.goto(`/xinyang/notices/${seq}`);
	await expect(page.getByTestId('notice-offline-route')).toContainText(OFFICE);

	// The PDF download prints the same sheet.
	const hasChromium = !!(
		process.env.CHROMIUM_PATH ||
		execSync('command -v chromium || true', { encoding: 'utf8', shell: '/bin/sh' }).trim()
	);
	const r = await page.request.get(`/xinyang/notices/${seq}.pdf`, { timeout: 45_000 });
	expect(r.status()).toBe(hasChromium ? 200 : 503);
});
