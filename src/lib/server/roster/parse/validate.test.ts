import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idCheckDigit } from './id-number';
import { parseRoster, validateRosterRows, type RowErrorCode } from './validate';

const TODAY = '2026-03-01';
const id = (first17: string) => first17 + idCheckDigit(first17);
const ZHANG_ID = id('23010219900105001'); // a man born 1990-01-05
const utf8 = (text: string) => new TextEncoder().encode(text);

const HEADER = [
	'姓名',
	'性别',
	'出生日期',
	'身份证号',
	'与户主关系',
	'户号',
	'联系电话',
	'村民小组',
	'网格'
];
type Cells = Partial<Record<(typeof HEADER)[number], string>>;
const BASE: Cells = {
	姓名: '张三',
	性别: '男',
	出生日期: '1990-01-05',
	身份证号: '',
	与户主关系: '户主',
	户号: '001',
	联系电话: '',
	村民小组: '第一村民小组',
	网格: '东网格'
};

/** Validates data rows given as changes to BASE, on lines 2, 3, … under HEADER. */
function validate(...rows: Cells[]) {
	return validateRosterRows(
		HEADER,
		rows.map((row, i) => ({
			line: i + 2,
			cells: HEADER.map((h) => ({ ...BASE, ...row })[h] ?? '')
		})),
		TODAY
	);
}

/** An error as line, column, code and parameters, for compact expectations. */
const err = (
	line: number,
	column: string,
	code: RowErrorCode,
	params: Record<string, string | number> = {}
) => ({ line, column, code, params });

describe('validateRosterRows: one row', () => {
	it('returns a valid row with normalised fields', () => {
		const result = validate({
			姓名: '张\u3000三',
			联系电话: '138 0013 8000',
			出生日期: '1990年1月5日'
		});
		expect(result.errors).toEqual([]);
		expect(result.rows).toEqual([
			{
				line: 2,
				name: '张三',
				gender: 'm',
				birthDate: '1990-01-05',
				idLast4: null,
				relation: '户主',
				householdKey: '001',
				householdNo: '001',
				householdHead: null,
				address: '',
				phone: '13800138000',
				group: '第一村民小组',
				grid: '东网格'
			}
		]);
	});

	it('derives birth date and gender from the ID number, keeping only its last 4', () => {
		const result = validate({ 性别: '', 出生日期: '', 身份证号: ZHANG_ID.toLowerCase() });
		expect(result.errors).toEqual([]);
		expect(result.rows[0]).toMatchObject({
			gender: 'm',
			birthDate: '1990-01-05',
			idLast4: ZHANG_ID.slice(-4)
		});
	});

	it('accepts a year-and-month birth date that agrees with the ID number', () => {
		const result = validate({ 出生日期: '1990.01', 身份证号: ZHANG_ID });
		expect(result.rows[0]?.birthDate).toBe('1990-01-05');
	});

	it.each<[string, Cells, string, RowErrorCode, Record<string, string | number>?]>([
		['empty name', { 姓名: '' }, '姓名', 'name_empty'],
		['digits-only name', { 姓名: '12345' }, '姓名', 'name_digits_only', { name: '12345' }],
		[
			'long name',
			{ 姓名: '张'.repeat(33) },
			'姓名',
			'name_too_long',
			{ name: '张'.repeat(33), max: 32 }
		],
		['bad gender', { 性别: '未知' }, '性别', 'gender_invalid', { value: '未知' }],
		[
			'30 February',
			{ 出生日期: '1990-02-30' },
			'出生日期',
			'date_not_a_date',
			{ value: '1990-02-30' }
		],
		['unreadable date', { 出生日期: '九零年' }, '出生日期', 'date_not_a_date', { value: '九零年' }],
		['future date', { 出生日期: '2030-01-01' }, '出生日期', 'date_future', { value: '2030-01-01' }],
		[
			'date before 1900',
			{ 出生日期: '1899-12-31' },
			'出生日期',
			'date_too_early',
			{ value: '1899-12-31', year: 1900 }
		],
		['year only', { 出生日期: '1990' }, '出生日期', 'date_year_only', { value: '1990' }],
		[
			'year and month without ID',
			{ 出生日期: '1990.01' },
			'出生日期',
			'birth_date_month_only',
			{ value: '1990.01' }
		],
		['no gender, no ID', { 性别: '' }, '性别', 'gender_required'],
		['no birth date, no ID', { 出生日期: '' }, '出生日期', 'birth_date_required'],
		[
			'bad check digit',
			{ 身份证号: ZHANG_ID.slice(0, 17) + (ZHANG_ID[17] === '1' ? '2' : '1') },
			'身份证号',
			'id_check_digit'
		],
		['15-digit ID', { 身份证号: '230102900105001' }, '身份证号', 'id_length'],
		['letters in the ID', { 身份证号: '23010219900105A01X' }, '身份证号', 'id_characters'],
		['ID region starting with 0', { 身份证号: id('03010219900105001') }, '身份证号', 'id_region'],
		['ID with 30 February', { 身份证号: id('23010219900230001') }, '身份证号', 'id_birth_date'],
		['ID in scientific notation', { 身份证号: '2.30102E+17' }, '身份证号', 'id_scientific'],
		[
			'birth date disagreeing with the ID',
			{ 出生日期: '1990-01-06', 身份证号: ZHANG_ID },
			'出生日期',
			'birth_date_mismatch',
			{ value: '1990-01-06', idBirthDate: '1990-01-05' }
		],
		[
			'gender disagreeing with the ID',
			{ 性别: '女', 身份证号: ZHANG_ID },
			'性别',
			'gender_mismatch',
			{ value: '女', idGender: 'm' }
		],
		['bad phone', { 联系电话: '12345' }, '联系电话', 'phone_invalid', { value: '12345' }],
		[
			'phone in scientific notation',
			{ 联系电话: '1.38E+10' },
			'联系电话',
			'phone_scientific',
			{ value: '1.38E+10' }
		],
		['empty grid', { 网格: '' }, '网格', 'text_required'],
		['empty group', { 村民小组: ' ' }, '村民小组', 'text_required'],
		['long grid', { 网格: '网'.repeat(33) }, '网格', 'text_too_long', { max: 32 }],
		['no household', { 户号: '' }, '户号', 'household_required']
	])('reports %s', (_label, row, column, code, params = {}) => {
		const result = validate(row);
		expect(result.errors).toEqual([err(2, column, code, params)]);
		expect(result.rows).toEqual([]);
	});

	it('reports every problem of a row at once', () => {
		const result = validate({ 姓名: '', 出生日期: '1990-02-30', 网格: '' });
		expect(result.errors.map((e) => e.column)).toEqual(['姓名', '出生日期', '网格']);
	});

	it('strips control characters and skips rows that are empty after cleaning', () => {
		const result = validateRosterRows(
			HEADER,
			[
				{
					line: 2,
					cells: ['张\u0000三\u200b', '男', '1990-01-05', '', '', '001', '', '一组', '东']
				},
				{ line: 3, cells: ['\u0000', ' ', '\t'] }
			],
			TODAY
		);
		expect(result.errors).toEqual([]);
		expect(result.rows.map((r) => r.name)).toEqual(['张三']);
	});
});

describe('validateRosterRows: header', () => {
	it('reports missing columns by their key on the header line', () => {
		const result = validateRosterRows(
			['姓名', '性别', '出生日期', '户号', '村民小组'],
			[],
			TODAY,
			3
		);
		expect(result.errors).toEqual([err(3, 'grid', 'missing_column')]);
	});

	it('names the column that could stand in for a missing one', () => {
		const result = validateRosterRows(['姓名', '性别', '村民小组', '网格'], [], TODAY);
		expect(result.errors).toEqual([
			err(1, 'birthDate', 'missing_column_or', { alternative: 'idNumber' }),
			err(1, 'householdNo', 'missing_column_or', { alternative: 'householdHead' })
		]);
	});

	it('reports a duplicated column', () => {
		const result = validateRosterRows([...HEADER, '手机'], [{ line: 2, cells: ['张三'] }], TODAY);
		expect(result.errors).toEqual([
			err(1, '手机', 'duplicate_column', { key: 'phone', firstHeader: '联系电话' })
		]);
		expect(result.rows).toEqual([]);
	});

	it('lists ignored columns and uses the header text of the file in errors', () => {
		const header = ['*姓名', '性别（男/女）', '出生年月', '户号/户主', '组', '所属网格', '备注'];
		const result = validateRosterRows(
			header,
			[{ line: 5, cells: ['李四', '男', '1990-02-30', '002', '二组', '', '无'] }],
			TODAY
		);
		expect(result.ignoredColumns).toEqual(['备注']);
		expect(result.errors).toEqual([
			err(5, '出生年月', 'date_not_a_date', { value: '1990-02-30' }),
			err(5, '所属网格', 'text_required')
		]);
	});

	it('refuses more than 20,000 data rows on the header line', () => {
		const rows = Array.from({ length: 20_001 }, (_, i) => ({ line: i + 2, cells: ['张三'] }));
		const result = validateRosterRows(HEADER, rows, TODAY);
		expect(result.errors).toEqual([err(1, '', 'too_many_rows', { max: 20_000 })]);
		expect(result.rows).toEqual([]);
	});

	it('keys a household by its head when there is no household number', () => {
		const result = validateRosterRows(
			['姓名', '身份证号', '户主', '村民小组', '网格'],
			[{ line: 2, cells: ['张三', ZHANG_ID, '张三', '一组', '东'] }],
			TODAY
		);
		expect(result.rows[0]).toMatchObject({
			householdKey: 'head:张三',
			householdNo: null,
			householdHead: '张三',
			relation: ''
		});
	});
});

describe('validateRosterRows: across rows', () => {
	it('reports the same person twice, naming the first line', () => {
		const result = validate(
			{},
			{ 与户主关系: '' },
			{ 姓名: '张三', 户号: '009', 身份证号: ZHANG_ID, 与户主关系: '' }
		);
		expect(result.errors).toEqual([
			err(3, '姓名', 'duplicate_person', { name: '张三', firstLine: 2 })
		]);
		expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
	});

	it('reports the same ID tail, name and birth date in two households', () => {
		const result = validate({ 身份证号: ZHANG_ID }, { 户号: '009', 身份证号: ZHANG_ID });
		expect(result.errors).toEqual([
			err(3, '姓名', 'duplicate_person_id', { name: '张三', firstLine: 2 })
		]);
	});

	it('allows namesakes born on different days', () => {
		const result = validate({}, { 出生日期: '1990-01-06', 与户主关系: '子' });
		expect(result.errors).toEqual([]);
	});

	it('allows one head per household, 本人 counting as head', () => {
		const result = validate(
			{},
			{ 姓名: '李四', 与户主关系: '本人' },
			{ 姓名: '王五', 户号: '002', 与户主关系: '本人' }
		);
		expect(result.errors).toEqual([
			err(3, '与户主关系', 'second_head', { householdNo: '001', headName: '张三', headLine: 2 })
		]);
	});

	it('checks the 户主 column against the head row', () => {
		const header = ['姓名', '性别', '出生日期', '与户主关系', '户号', '户主', '村民小组', '网格'];
		const row = (line: number, name: string, relation: string, head: string) => ({
			line,
			cells: [name, '男', '1990-01-05', relation, '001', head, '一组', '东']
		});
		const result = validateRosterRows(
			header,
			[row(2, '张三', '户主', '张三'), row(3, '张小', '子', '张三'), row(4, '张二', '子', '张四')],
			TODAY
		);
		expect(result.errors).toEqual([
			err(4, '户主', 'head_name_mismatch', { householdHead: '张四', headName: '张三', headLine: 2 })
		]);
	});

	it('reports a second head of a household keyed by its head', () => {
		const header = ['姓名', '性别', '出生日期', '与户主关系', '户主', '村民小组', '网格'];
		const row = (line: number, name: string, relation: string) => ({
			line,
			cells: [name, '男', '1990-01-05', relation, '张三', '一组', '东']
		});
		const result = validateRosterRows(
			header,
			[row(2, '张三', '户主'), row(3, '李四', '本人')],
			TODAY
		);
		expect(result.errors).toEqual([
			err(3, '与户主关系', 'second_head_by_head', {
				householdHead: '张三',
				headName: '张三',
				headLine: 2
			})
		]);
	});

	it('sorts errors by line', () => {
		const result = validate({}, { 网格: '' }, { 与户主关系: '' });
		expect(result.errors.map((e) => e.line)).toEqual([3, 4]);
	});
});

describe('parseRoster', () => {
	it('returns a file error as a reason only', async () => {
		const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
		const result = await parseRoster(xls, '花名册.xls', TODAY);
		expect(result).toEqual({ ok: false, fileError: { reason: 'unsupported_type' } });
	});

	it('reads the xlsx fixture: good rows, a lost-digits ID, Excel line numbers', async () => {
		const bytes = new Uint8Array(readFileSync(new URL('./fixtures/roster.xlsx', import.meta.url)));
		const result = await parseRoster(bytes, 'roster.xlsx', TODAY);
		if (!result.ok) throw new Error(result.fileError.reason);
		expect(result.ignoredColumns).toEqual(['备注']);
		expect(result.rows.map((r) => [r.line, r.name, r.birthDate, r.phone])).toEqual([
			[4, '王建国', '1968-03-12', '13800138000'],
			[5, '李秀英', '1970-07-21', null],
			[8, '赵四', '1990-01-05', '13912345678']
		]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors).toEqual([err(7, '身份证号', 'id_scientific')]);
	});

	it('keeps line numbers right after blank lines in a CSV', async () => {
		const csv = [
			'新阳村村民花名册',
			HEADER.join(','),
			'张三,男,1990-01-05,,户主,001,,一组,东',
			'',
			',,,,,,,,',
			'李四,男,1990-02-30,,户主,002,,一组,东',
			'',
			'王五,男,1991-01-05,,户主,003,,一组,'
		].join('\n');
		const result = await parseRoster(utf8(csv), 'a.csv', TODAY);
		expect(result.ok && result.errors).toEqual([
			err(6, '出生日期', 'date_not_a_date', { value: '1990-02-30' }),
			err(8, '网格', 'text_required')
		]);
	});

	it('validates a 5,000-row file', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 0; i < 5000; i++) {
			const birth = `19${50 + (i % 50)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
			const idNumber = id(`230102${birth}${String(i % 1000).padStart(3, '0')}`);
			const gender = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
			lines.push(
				`村民${i},${gender},,${idNumber},${i % 4 === 0 ? '户主' : '子女'},${Math.floor(i / 4)},1380013${String(i).padStart(4, '0')},${i % 7}组,网格${i % 5}`
			);
		}
		const result = await parseRoster(utf8(lines.join('\r\n')), 'big.csv', TODAY);
		expect(result.ok && result.errors).toEqual([]);
		expect(result.ok && result.rows).toHaveLength(5000);
	});

	it('never puts a full ID number in its output, valid or not', async () => {
		const valid = id('23010219880808001');
		const badCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
		const future = id('23010220300101001');
		const csv = [
			HEADER.join(','),
			`赵一,,,${valid},户主,001,,一组,东`,
			`赵二,,,${badCheck},户主,002,,一组,东`,
			`赵三,,,${future},户主,003,,一组,东`,
			`赵四,女,,${valid},户主,004,,一组,东`
		].join('\n');
		const result = await parseRoster(utf8(csv), 'a.csv', TODAY);
		const output = JSON.stringify(result);
		for (const full of [valid, badCheck, future]) {
			expect(output).not.toContain(full);
			expect(output).not.toContain(full.slice(0, 14));
		}
		expect(result.ok && result.rows).toHaveLength(1);
		expect(result.ok && result.errors).toHaveLength(3);
	});

	it('reads a GBK CSV end to end', async () => {
		const bytes = Uint8Array.from(
			Buffer.from(
				'0NXD+yzQ1LHwLLP2yfrI1cbaLLunusUstOXD8dCh1+kszfi48Q0K1cXI/SzE0CwxOTkwLTAxLTA1LDAwMSy12tK71+kstqvN+LjxDQo=',
				'base64'
			)
		);
		const result = await parseRoster(bytes, '花名册.csv', TODAY);
		expect(result.ok && result.rows.map((r) => [r.name, r.group, r.grid])).toEqual([
			['张三', '第一组', '东网格']
		]);
	});
});
