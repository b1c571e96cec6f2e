import { execSync } from 'node:child_process';
import { checkA11y, expect, readOnlyTest as test } from './fixtures.ts';
import { noticeSeq } from './notice-helpers.ts';
import {
	DEMO_FINANCE_NOTICE_TITLE,
	DEMO_GENERAL_NOTICE_TITLE
} from '../src/lib/server/seed/demo-notices.ts';

// Printing and downloading change nothing: the stories share one server per worker.

/** Pages and page sizes (points) of a PDF, read crudely from its objects. */
function pdfPages(pdf: Buffer): { pages: number; boxes: number[][] } {
	const text = pdf.toString('latin1');
	const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
	const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) =>
		m[1].trim().split(/\s+/).map(Number)
	);
	return { pages, boxes };
}

function expectOneA4Page(pdf: Buffer) {
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const { pages, boxes } = pdfPages(pdf);
	expect(pages).toBe(1);
	expect(boxes.length).toBeGreaterThan(0);
	// A4 is 595.28 × 841.89 pt; Chromium rounds to whole pixels.
	for (const [x0, y0, x1, y1] of boxes) {
		expect(Math.abs(x1 - x0 - 595.28)).toBeLessThan(2);
		expect(Math.abs(y1 - y0 - 841.89)).toBeLessThan(2);
	}
}

test('each notice prints as one A4 sheet with its number, dates, text and QR code', async ({
	page,
	app
}) => {
	for (const title of [DEMO_GENERAL_NOTICE_TITLE, DEMO_FINANCE_NOTICE_TITLE]) {
		const seq = noticeSeq(app, title);
		await page.goto(`/xinyang/notices/${seq}`);
		const online = {
			title: (await page.locator('.sheet h1').textContent())!.trim(),
			number: (await page.locator('.sheet .number').textContent())!.trim(),
			body: (await page.locator('.sheet .body').textContent())!.trim()
		};
		await page.getByRole('link', { name: '打印（A4）' }).click();
		await expect(page).toHaveURL(`/xinyang/notices/${seq}/print`);
		await checkA11y(page);
		await page.emulateMedia({ media: 'print' });
		// The printed sheet carries the same words as the notice online, and the QR code.
		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.locator('.sheet h1')).toHaveText(online.title);
		await expect(page.locator('.sheet .number')).toHaveText(online.number);
		expect((await page.locator('.sheet .body').textContent())!.trim()).toBe(online.body);
		await expect(page.locator('.qr-code svg')).toBeVisible();
		await expect(page.locator('.sheet .url')).toHaveText(`${app.url}/xinyang/notices/${seq}`);
		expectOneA4Page(await page.pdf({ format: 'A4', printBackground: true }));
		await page.emulateMedia({ media: 'screen' });
	}
});

test('the PDF download is the same A4 sheet, or a clear 503 without chromium', async ({
	page,
	app
}) => {
	const seq = noticeSeq(app, DEMO_FINANCE_NOTICE_TITLE);
	const r = await page.request.get(`/xinyang/notices/${seq}.pdf`, { timeout: 45_000 });
	// The server finds chromium as playwright.config.ts does; these tests run on it.
	const hasChromium = !!(
		process.env.CHROMIUM_PATH ||
		execSync('command -v chromium || true', { encoding: 'utf8', shell: '/bin/sh' }).trim()
	);
	expect(r.status()).toBe(hasChromium ? 200 : 503);
	if (r.status() === 503) {
		expect(await r.text()).toContain('浏览器的“打印”');
		return;
	}
	expect(r.status()).toBe(200);
	expect(r.headers()['content-type']).toBe('application/pdf');
	expectOneA4Page(await r.body());
	expect((await page.request.get('/xinyang/notices/9999.pdf')).status()).toBe(404);
});
