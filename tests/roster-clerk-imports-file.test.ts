import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
	DEMO,
	PHONE_VIEWPORT,
	checkA11y,
	expect,
	expectNoHorizontalOverflow,
	hydrated,
	login,
	open,
	test
} from './fixtures.ts';

const { clerk } = DEMO;

const HEADER = [
	'序号',
	'姓名',
	'性别',
	'出生日期',
	'身份证号',
	'与户主关系',
	'户号',
	'家庭住址',
	'联系电话',
	'村民小组',
	'网格'
];

// GB 11643-1999: the 18th character is a checksum of the first 17 digits.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
	return first17 + '10X98765432'[sum % 11];
}

// A new household 121 of 第一网格 / 第一村民小组; the demo roster has no one surnamed 欧阳.
const family = [
	{ name: '欧阳明远', gender: '男', birth: '1975-04-18', id: idNumber('23030219750418011') },
	{ name: '欧阳晓岚', gender: '女', birth: '1978-09-02', id: idNumber('23030219780902022') },
	{ name: '欧阳思齐', gender: '女', birth: '2001-02-28', id: idNumber('23030220010228024') }
];

/** The household as a clerk's Excel saves it: UTF-8 CSV, CRLF, header on line 1. */
function familyCsv(birthOfThird: string): Buffer {
	const relations = ['户主', '配偶', '子女'];
	const rows = family.map((p, i) => [
		String(i + 1),
		p.name,
		p.gender,
		i === 2 ? birthOfThird : p.birth,
		p.id,
		relations[i],
		'121',
		'新阳村一组88号',
		i === 0 ? '13912340121' : '',
		'第一村民小组',
		'第一网格'
	]);
	return Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** The number in "共 N 人" on the people list. */
async function peopleCount(page: Page, query = ''): Promise<number> {
	await page.goto(query ? `/xinyang/roster?q=${encodeURIComponent(query)}` : '/xinyang/roster');
	const text = (await page.getByRole('status').textContent()) ?? '';
	const match = /共 (\d+) 人/.exec(text);
	expect(match, `people count in "${text}"`).not.toBeNull();
	return Number(match![1]);
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
	await open(page, '/xinyang/roster/import');
	await page
		.getByLabel('花名册文件（CSV 或 Excel .xlsx）')
		.setInputFiles({ name, mimeType: 'text/csv', buffer });
	await page.getByRole('button', { name: '检查文件' }).click();
	await page.waitForLoadState('domcontentloaded');
}

function preview(page: Page, fileName: string) {
	return page.getByRole('region', { name: `预览：${fileName}` });
}

async function confirmImport(page: Page): Promise<void> {
	await page.getByRole('button', { name: '确认导入' }).click();
	await page.waitForLoadState('domcontentloaded');
	await hydrated(page);
}

test('a clerk imports a household from a file, after fixing the row the importer refused', async ({
	page
}) => {
	await page.setViewportSize(PHONE_VIEWPORT);
	await login(page, clerk.phone, clerk.password);
	const before = await peopleCount(page);
	expect(before).toBeGreaterThan(300);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);

	// The import page offers the template: UTF-8 with a BOM, the header on its first line.
	await open(page, '/xinyang/roster/import');
	await expect(page.getByRole('heading', { level: 1, name: '导入花名册' })).toBeVisible();
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '下载花名册模板（CSV）' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/\.csv$/);
	const template = readFileSync(await download.path()).toString('utf8');
	expect(template.startsWith('\uFEFF'), 'the template starts with a BOM').toBe(true);
	expect(template.slice(1).split(/\r?\n/)[0]).toBe(HEADER.join(','));

	// 30 February: the whole file is refused, naming the line and column as Excel shows them.
	await upload(page, '欧阳家.csv', familyCsv('2001-02-30'));
	const problems = page.getByRole('alert');
	await expect(problems.getByRole('heading', { name: '发现 1 处问题' })).toBeVisible();
	await expect(problems).toContainText('没有写入任何数据。请改正后重新上传整份文件。');
	const errorRows = problems.getByRole('row');
	await expect(errorRows).toHaveCount(2);
	await expect(errorRows.nth(1).getByRole('cell')).toHaveText([
		'4',
		'出生日期',
		/出生日期“2001-02-30”不是有效日期/
	]);
	await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);
	expect(await peopleCount(page), 'nothing written after a refused file').toBe(before);
	expect(await peopleCount(page, '欧阳')).toBe(0);

	// Fixed: the preview says what will happen, and still nothing is written until confirmed.
	const fixed = familyCsv(family[2].birth);
	await upload(page, '欧阳家.csv', fixed);
	const shown = preview(page, '欧阳家.csv');
	await expect(shown).toBeVisible();
	await expect(shown.getByRole('listitem')).toContainText([
		'共 3 行数据，全部有效',
		'新增 3 人',
		'更新 0 人',
		'0 人没有变化',
		'新增 1 户，更新 0 户'
	]);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await checkA11y(page);
	await expectNoHorizontalOverflow(page);
	await confirmImport(page);
	await expect(page.getByRole('status')).toHaveText('导入完成：新增 3 人，更新 0 人，新增 1 户。');
	await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0);

	expect(await peopleCount(page)).toBe(before + 3);
	expect(await peopleCount(page, '欧阳')).toBe(3);
	const found = page.getByRole('table').getByRole('row');
	for (const p of family) {
		const row = found.filter({ has: page.getByRole('link', { name: p.name, exact: true }) });
		await expect(row, p.name).toHaveCount(1);
		await expect(row.getByRole('cell').nth(1)).toHaveText(p.birth);
		await expect(row.getByRole('cell').nth(2)).toHaveText('121');
		await expect(row.getByRole('cell').nth(3)).toHaveText('第一网格');
	}
	await expect(found.filter({ hasText: '欧阳明远' }).getByRole('cell').first()).toContainText(
		'户主'
	);
	await expectNoHorizontalOverflow(page);

	// The same file again: everyone is recognised, and confirming changes nothing.
	await upload(page, '欧阳家.csv', fixed);
	await expect(preview(page, '欧阳家.csv').getByRole('listitem')).toContainText([
		'共 3 行数据，全部有效',
		'新增 0 人',
		'更新 0 人',
		'3 人没有变化',
		'新增 0 户，更新 0 户'
	]);
	await confirmImport(page);
	await expect(page.getByRole('status')).toHaveText('文件与现有花名册一致，没有任何变化。');
	expect(await peopleCount(page)).toBe(before + 3);
	expect(await peopleCount(page, '欧阳')).toBe(3);
});

test('a CSV saved by Chinese Excel in GBK imports with its names intact', async ({ page }) => {
	const bytes = readFileSync(fileURLToPath(new URL('fixtures/roster-gbk.csv', import.meta.url)));
	// The fixture really is GBK: not valid UTF-8, and GBK-decoded it reads as written.
	expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
	const names = ['上官喆', '上官婉清'];
	const text = new TextDecoder('gbk').decode(bytes);
	expect(text.split('\r\n')[0]).toBe(HEADER.join(','));
	for (const name of names) expect(text).toContain(name);

	await login(page, clerk.phone, clerk.password);
	const before = await peopleCount(page);

	await upload(page, '新增户.csv', bytes);
	const shown = preview(page, '新增户.csv');
	await expect(shown).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(shown.getByRole('listitem')).toContainText([
		'共 2 行数据，全部有效',
		'新增 2 人',
		'更新 0 人',
		'0 人没有变化',
		'新增 1 户，更新 0 户'
	]);
	// The clerk must be able to see, before confirming, that the names were read right (no
	// mojibake): the preview should list the new people it is about to add.
	for (const name of names)
		await expect.soft(shown, `the preview names ${name}`).toContainText(name);

	await confirmImport(page);
	await expect(page.getByRole('status')).toHaveText('导入完成：新增 2 人，更新 0 人，新增 1 户。');
	expect(await peopleCount(page)).toBe(before + 2);
	expect(await peopleCount(page, '上官')).toBe(2);
	const rows = page.getByRole('table').getByRole('row');
	for (const name of names) {
		const row = rows.filter({ has: page.getByRole('link', { name, exact: true }) });
		await expect(row, name).toHaveCount(1);
		await expect(row.getByRole('cell').nth(2)).toHaveText('122');
		await expect(row.getByRole('cell').nth(3)).toHaveText('第三网格');
	}

	// The person page shows the name and what was derived from the ID number.
	await rows.getByRole('link', { name: '上官婉清', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('上官婉清');
	await expect(page.getByRole('main')).toContainText('…0426');
	await expect(page.getByRole('main')).toContainText('第二村民小组');
	await hydrated(page);
	await checkA11y(page);
});
