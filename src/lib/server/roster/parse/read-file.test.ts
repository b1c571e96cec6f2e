import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xlsxBomb } from '../../../../../tests/attacks/hostile-files';
import { MAX_XLSX_UNPACKED_BYTES, decodeText, numberCellText, readRosterFile } from './read-file';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (number[] | Uint8Array)[]) =>
	Uint8Array.from(parts.flatMap((part) => [...part]));

const HEADER = '姓名,性别,出生日期,户号,村民小组,网格';
// "姓名,性别,出生日期,户号,村民小组,网格\r\n张三,男,1990-01-05,001,第一组,东网格\r\n" in GBK,
// made on this machine with `iconv -f UTF-8 -t GBK` (Node has no GBK encoder).
const GBK_CSV =
	'0NXD+yzQ1LHwLLP2yfrI1cbaLLunusUstOXD8dCh1+kszfi48Q0K1cXI/SzE0CwxOTkwLTAxLTA1LDAwMSy12tK71+kstqvN+LjxDQo=';

describe('decodeText', () => {
	it.each([
		['UTF-8 with BOM', bytesOf([0xef, 0xbb, 0xbf], utf8('姓名')), '姓名'],
		['UTF-8 without BOM', utf8('姓名'), '姓名'],
		['GBK', Uint8Array.from(Buffer.from('0NXD+w==', 'base64')), '姓名'],
		['UTF-16LE with BOM', Uint8Array.from(Buffer.from('\ufeff姓名', 'utf16le')), '姓名']
	])('%s', (_label, bytes, text) => {
		expect(decodeText(bytes).replace(/^\uFEFF/, '')).toBe(text);
	});
});

describe('numberCellText', () => {
	it.each([
		['13800138000', '13800138000'],
		['1.3912345678E10', '13912345678'],
		['32878', '32878'],
		['1.5', '1.5'],
		['110105194912310020', '110105194912310020'],
		['2.30102199510012E+17', '2.30102199510012E+17']
	])('%s → %s', (stored, text) => {
		expect(numberCellText(stored)).toBe(text);
	});
});

describe('readRosterFile: CSV', () => {
	it('reads UTF-8 with a BOM and drops the BOM from the first header', async () => {
		const bytes = bytesOf([0xef, 0xbb, 0xbf], utf8(`${HEADER}\n张三,男,1990-01-05,001,一组,东\n`));
		const file = await readRosterFile(bytes, 'roster.csv');
		expect(file).toEqual({
			ok: true,
			header: HEADER.split(','),
			headerLine: 1,
			rows: [{ line: 2, cells: ['张三', '男', '1990-01-05', '001', '一组', '东'] }]
		});
	});

	it('reads GBK, as Chinese Excel saves CSV', async () => {
		const file = await readRosterFile(Uint8Array.from(Buffer.from(GBK_CSV, 'base64')), 'a.csv');
		expect(file.ok && file.header).toEqual(HEADER.split(','));
		expect(file.ok && file.rows).toEqual([
			{ line: 2, cells: ['张三', '男', '1990-01-05', '001', '第一组', '东网格'] }
		]);
	});

	it('finds the header below a title row and numbers lines as Excel does', async () => {
		const csv = [
			'新阳村村民花名册,,,,,',
			',,,,,',
			HEADER,
			'张三,男,1990-01-05,001,一组,东',
			'',
			'  ,  ,,,,',
			'"李四\n（曾用名李石）",男,1991-01-05,002,一组,东',
			'王五,男,1992-01-05,003,一组,东',
			''
		].join('\r\n');
		const file = await readRosterFile(utf8(csv), 'roster.csv');
		expect(file.ok && file.headerLine).toBe(3);
		expect(file.ok && file.rows.map((r) => [r.line, r.cells[0]])).toEqual([
			[4, '张三'],
			[7, '李四\n（曾用名李石）'],
			[8, '王五']
		]);
	});

	it('falls back to the first row when no header is recognisable', async () => {
		const file = await readRosterFile(utf8('甲,乙\n1,2\n'), 'x.csv');
		expect(file).toMatchObject({ ok: true, header: ['甲', '乙'], headerLine: 1 });
	});

	it('reads tab-separated text saved under an .xls name', async () => {
		const file = await readRosterFile(utf8(`${HEADER.replaceAll(',', '\t')}\n张三\t男`), 'x.xls');
		expect(file.ok && file.rows[0].cells.slice(0, 2)).toEqual(['张三', '男']);
	});

	it('accepts 20,000 data rows and refuses one more', async () => {
		const csv = (n: number) => `${HEADER}\n` + '张三,男,1990-01-05,001,一组,东\n'.repeat(n);
		expect((await readRosterFile(utf8(csv(20_000)), 'a.csv')).ok).toBe(true);
		expect(await readRosterFile(utf8(csv(20_001)), 'a.csv')).toEqual({
			ok: false,
			reason: 'too_many_rows'
		});
	});
});

describe('readRosterFile: refusals', () => {
	it.each([
		[
			'a legacy .xls workbook',
			bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0, 0]),
			'a.xls',
			'unsupported_type'
		],
		[
			'a PNG',
			bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
			'a.png',
			'unsupported_type'
		],
		[
			'an HTML table named .xls',
			utf8('<html><table><tr><td>姓名</td></tr></table></html>'),
			'a.xls',
			'unsupported_type'
		],
		[
			'a broken .xlsx',
			bytesOf([0x50, 0x4b, 0x03, 0x04], utf8('not really a zip')),
			'a.xlsx',
			'unreadable'
		],
		[
			'a zip that is not a workbook',
			bytesOf([0x50, 0x4b, 0x03, 0x04], utf8('not really a zip')),
			'a.ods',
			'unsupported_type'
		],
		['an empty file', new Uint8Array(), 'a.csv', 'empty'],
		['only blank lines', utf8('\r\n,,,\r\n\r\n'), 'a.csv', 'empty'],
		['a header without data', utf8(`${HEADER}\r\n`), 'a.csv', 'empty']
	])('%s', async (_label, bytes, name, reason) => {
		expect(await readRosterFile(bytes, name)).toEqual({ ok: false, reason });
	});
});

describe('readRosterFile: xlsx', () => {
	const fixture = () =>
		new Uint8Array(readFileSync(new URL('./fixtures/roster.xlsx', import.meta.url)));

	it('reads the first sheet below its title row with Excel row numbers', async () => {
		const file = await readRosterFile(fixture(), '花名册.xlsx');
		if (!file.ok) throw new Error(file.reason);
		expect(file.headerLine).toBe(3);
		expect(file.header.slice(0, 3)).toEqual(['序号', '姓名', '性别']);
		expect(file.rows.map((r) => r.line)).toEqual([4, 5, 7, 8]);
	});

	it('turns dates, phone numbers and sequence numbers into text', async () => {
		const file = await readRosterFile(fixture(), 'roster.bin');
		if (!file.ok) throw new Error(file.reason);
		const [first, , lostDigits, withTime] = file.rows;
		expect(first.cells.slice(0, 9)).toEqual([
			'1',
			'王建国',
			'男',
			'1968-03-12',
			'23010219680312003X',
			'户主',
			'001',
			'新阳村一组12号',
			'13800138000'
		]);
		expect(lostDigits.cells[4]).toBe('2.30102199510012E+17');
		expect(withTime.cells[3]).toBe('1990-01-05');
		expect(withTime.cells[8]).toBe('13912345678');
	});
});

describe('readRosterFile: xlsx bombs', () => {
	it('refuses a sheet of 300 MB by the sizes in the zip, before inflating it', async () => {
		const bomb = await xlsxBomb(300);
		// Under the import's 5 MB upload limit.
		expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
		const started = performance.now();
		expect(await readRosterFile(bomb, '花名册.xlsx')).toEqual({
			ok: false,
			reason: 'too_large_unpacked'
		});
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('inflates no more than declared when the zip understates a size', async () => {
		const bomb = await xlsxBomb(300, { declaredSize: 64 * 1024 });
		const arrays = process.memoryUsage().arrayBuffers;
		const result = await readRosterFile(bomb, '花名册.xlsx');
		expect(result).toEqual({ ok: false, reason: 'unreadable' });
		expect(process.memoryUsage().arrayBuffers - arrays).toBeLessThan(MAX_XLSX_UNPACKED_BYTES);
	});

	it('still reads a workbook past the row limit (and then counts its rows)', async () => {
		const sheet = await xlsxBomb(2, { addressed: true });
		const result = await readRosterFile(sheet, '花名册.xlsx');
		expect(result.ok || result.reason).toBe('too_many_rows');
	});
});
