import {
	DEMO,
	PHONE_VIEWPORT,
	addSession,
	checkA11y,
	checkA11yWithoutScripts,
	expect,
	expectNoHorizontalOverflow,
	formPostHeaders,
	login,
	open,
	readOnlyTest,
	test,
	openSecondVillage
} from './fixtures.ts';

const { admin, clerk, secretary } = DEMO;
// The demo's meetings in seeding order: the closed party assembly, then today's representatives'.
const CLOSED = '/xinyang/meetings/1/minutes';
const TODAY = '/xinyang/meetings/2/minutes';
const TITLE = '党员大会：审议果蔬储藏库建设方案';

/** The PDF's /Title from its info dictionary (Chromium writes the page's <title> there). */
function pdfTitle(pdf: Buffer): string {
	const text = pdf.toString('latin1');
	const hex = /\/Title\s*<([0-9A-Fa-f]+)>/.exec(text);
	if (hex) {
		const bytes = Buffer.from(hex[1], 'hex');
		const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes;
		return Buffer.from(body.swap16()).toString('utf16le');
	}
	const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text);
	return literal ? Buffer.from(literal[1], 'latin1').toString('utf8') : '';
}

// Reading and printing the closed minutes changes nothing: one server per worker is enough.
readOnlyTest(
	'the minutes print on A4: forms hidden, nothing too wide, with the signature block',
	async ({ page }) => {
		await addSession(page, secretary.phone, secretary.password);
		await open(page, CLOSED);
		await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
		// With JavaScript there is a print button; the secretary, an attendee, sees the confirm button.
		await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
		await expect(page.getByRole('button', { name: '我确认会议记录无误' })).toBeVisible();
		await checkA11y(page);
		// Readable at a phone's width with the text at 200% (WCAG 1.4.4, 1.4.10).
		await page.setViewportSize(PHONE_VIEWPORT);
		await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
		await expectNoHorizontalOverflow(page);
		await page.evaluate(() => (document.documentElement.style.fontSize = ''));

		// A4 at 96 dpi is 794 px wide; 15 mm margins leave about 680 px for the text.
		await page.setViewportSize({ width: 680, height: 1000 });
		await page.emulateMedia({ media: 'print' });
		for (const name of ['打印', '我确认会议记录无误', '中文', 'English'])
			await expect(page.getByRole('button', { name })).toBeHidden();
		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
		await expect(page.getByRole('heading', { name: '签字' })).toBeVisible();
		await expect(page.getByText('主持人签字')).toBeVisible();
		await expect(page.getByText('记录人签字')).toBeVisible();
		await expect(page.getByTestId('audit-head')).toBeVisible();
		await expectNoHorizontalOverflow(page);
		const fontFamily = await page
			.locator('article.minutes')
			.evaluate((el) => getComputedStyle(el).fontFamily);
		expect(fontFamily).toContain('Noto Sans CJK SC');
		expect(fontFamily).toContain('WenQuanYi Zen Hei');

		const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const raw = pdf.toString('latin1');
		const pages = raw.match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
		expect(pages.length).toBeGreaterThanOrEqual(1);
		const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw);
		expect(box, 'a MediaBox').not.toBeNull();
		expect(Math.abs(Number(box![1]) - 595)).toBeLessThan(3);
		expect(Math.abs(Number(box![2]) - 842)).toBeLessThan(3);
		expect(pdfTitle(pdf)).toContain(TITLE);
	}
);

test("the clerk drafts today's notes; another village's people cannot reach the minutes", async ({
	app,
	newContext
}) => {
	// Today's representatives' meeting is not closed: a draft preview the clerk can write in, on a
	// phone without JavaScript.
	const page = await (
		await newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT })
	).newPage();
	await page.goto('/login');
	await page.getByLabel('手机号').fill(clerk.phone);
	await page.getByLabel('密码', { exact: true }).fill(clerk.password);
	await page.getByRole('main').getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/xinyang');
	await page.goto(TODAY);
	await expect(page.getByTestId('draft-preview')).toHaveText(
		'会议尚未结束：以下是记录草稿，会议结束后才成为正式记录。'
	);
	await expect(page.getByRole('button', { name: '我确认会议记录无误' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: '追加更正' })).toHaveCount(0);
	await page
		.getByRole('textbox', { name: '记录正文（记录人填写）' })
		.fill('九点开会，主持人宣布应到人数。');
	await page.getByRole('button', { name: '保存记录正文' }).click();
	await expect(page).toHaveURL(`${TODAY}?done=text`);
	await expect(page.getByRole('status')).toHaveText('记录正文已保存。');
	await expect(page.getByTestId('minutes-text')).toHaveText('九点开会，主持人宣布应到人数。');
	await checkA11yWithoutScripts(page);
	await expectNoHorizontalOverflow(page);

	// Nor can the notes of the closed meeting, confirmed by its attendees, be rewritten, even by a
	// hand-made request (a closed meeting's text stays open only until the first confirmation).
	const rewrite = await page.request.post(`${CLOSED}?/saveText`, {
		form: { text: '改写' },
		headers: formPostHeaders(app),
		maxRedirects: 0
	});
	expect(rewrite.status()).toBe(400);
	expect(await rewrite.text()).toContain(
		'会议记录已经确认（参会人员已确认或已上传签字记录），记录正文不能再改；请追加更正。'
	);
	// Bad ids read as missing, never as a server error.
	for (const path of ['/xinyang/meetings/999/minutes', '/xinyang/meetings/abc/minutes'])
		expect((await page.goto(path))?.status(), path).toBe(404);

	const ds = await (await newContext({ viewport: PHONE_VIEWPORT })).newPage();
	const adminPage = await (await newContext()).newPage();
	await login(adminPage, admin.phone, admin.password);
	await openSecondVillage(adminPage, ds);
	// 东山's clerk is no member of 新阳, and 新阳's meeting ids mean nothing in 东山.
	expect((await ds.goto(CLOSED))?.status()).toBe(403);
	await expect(ds.getByRole('main')).not.toContainText(TITLE);
	const inDongshan = await ds.goto('/dongshan/meetings/1/minutes');
	expect(inDongshan?.status()).toBe(404);
	await expect(ds.getByRole('main')).not.toContainText(TITLE);
	for (const action of ['confirm', 'correct', 'saveText']) {
		const response = await ds.request.post(`/dongshan/meetings/1/minutes?/${action}`, {
			form: { text: '外村', correction: '外村', reason: '外村' },
			headers: formPostHeaders(app),
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(404);
	}
	expect((await ds.request.get('/dongshan/meetings/1/minutes/sheets/1')).status()).toBe(404);
	await page.goto(CLOSED);
	await expect(page.getByTestId('correction')).toHaveCount(0);
	await expect(page.getByTestId('minutes-text')).not.toContainText('外村');
});
