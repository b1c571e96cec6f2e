import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { RowError, RowErrorCode } from './errors';
import { idCheckDigit } from './id-number';
import { columnLabel, fileErrorMessage, localizeRowError, rowErrorMessage } from './messages';
import { parseRoster } from './validate';

const TODAY = '2026-03-01';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** One error of each code, with its text in the base locale (zh-CN). */
const SAMPLES: { [C in RowErrorCode]: [Extract<RowError, { code: C }>, string] } = {
	missing_column: [
		{ line: 1, column: 'grid', code: 'missing_column', params: {} },
		'表头缺少“网格”列'
	],
	missing_column_or: [
		{
			line: 1,
			column: 'birthDate',
			code: 'missing_column_or',
			params: { alternative: 'idNumber' }
		},
		'表头缺少“出生日期”列（或“身份证号”列）'
	],
	duplicate_column: [
		{
			line: 1,
			column: '手机',
			code: 'duplicate_column',
			params: { key: 'phone', firstHeader: '联系电话' }
		},
		'“联系电话”和“手机”都是联系电话列，请只保留一列'
	],
	too_many_rows: [
		{ line: 1, column: '', code: 'too_many_rows', params: { max: 20000 } },
		'数据行超过 20000 行，请分成几个文件上传'
	],
	name_empty: [{ line: 2, column: '姓名', code: 'name_empty', params: {} }, '姓名不能为空'],
	name_digits_only: [
		{ line: 2, column: '姓名', code: 'name_digits_only', params: { name: '12345' } },
		'姓名“12345”不能只有数字'
	],
	name_too_long: [
		{ line: 2, column: '姓名', code: 'name_too_long', params: { name: '张三丰', max: 32 } },
		'姓名“张三丰”超过32个字'
	],
	id_scientific: [
		{ line: 2, column: '身份证号', code: 'id_scientific', params: {} },
		'身份证号被 Excel 当成了数字（显示为科学计数法），后几位已经丢失。请把该列设为“文本”格式，重新填写完整的18位号码'
	],
	id_length: [
		{ line: 2, column: '身份证号', code: 'id_length', params: {} },
		'身份证号应为18位（15位旧号码请换成18位新号码）'
	],
	id_characters: [
		{ line: 2, column: '身份证号', code: 'id_characters', params: {} },
		'身份证号只能包含数字，最后一位可以是X'
	],
	id_region: [
		{ line: 2, column: '身份证号', code: 'id_region', params: {} },
		'身份证号前6位地区码无效'
	],
	id_birth_date: [
		{ line: 2, column: '身份证号', code: 'id_birth_date', params: {} },
		'身份证号中的出生日期无效'
	],
	id_check_digit: [
		{ line: 2, column: '身份证号', code: 'id_check_digit', params: {} },
		'身份证号校验位不正确，请核对是否抄错'
	],
	date_not_a_date: [
		{ line: 2, column: '出生年月', code: 'date_not_a_date', params: { value: '1990-02-30' } },
		'出生年月“1990-02-30”不是有效日期'
	],
	date_year_only: [
		{ line: 2, column: '出生日期', code: 'date_year_only', params: { value: '1990' } },
		'出生日期“1990”只有年份，请填写完整的年月日'
	],
	date_too_early: [
		{
			line: 2,
			column: '出生日期',
			code: 'date_too_early',
			params: { value: '1899-12-31', year: 1900 }
		},
		'出生日期“1899-12-31”早于1900年'
	],
	date_future: [
		{ line: 2, column: '出生日期', code: 'date_future', params: { value: '2030-01-01' } },
		'出生日期“2030-01-01”晚于今天'
	],
	birth_date_required: [
		{ line: 2, column: '出生日期', code: 'birth_date_required', params: {} },
		'出生日期不能为空（或填写身份证号）'
	],
	birth_date_month_only: [
		{ line: 2, column: '出生日期', code: 'birth_date_month_only', params: { value: '1990.01' } },
		'出生日期“1990.01”只有年月，请填写完整的年月日（或填写身份证号）'
	],
	birth_date_mismatch: [
		{
			line: 2,
			column: '出生日期',
			code: 'birth_date_mismatch',
			params: { value: '1990-01-06', idBirthDate: '1990-01-05' }
		},
		'出生日期“1990-01-06”与身份证号中的出生日期“1990-01-05”不一致'
	],
	gender_required: [
		{ line: 2, column: '性别', code: 'gender_required', params: {} },
		'性别不能为空（或填写身份证号）'
	],
	gender_invalid: [
		{ line: 2, column: '性别', code: 'gender_invalid', params: { value: '未知' } },
		'性别“未知”应填写“男”或“女”'
	],
	gender_mismatch: [
		{ line: 2, column: '性别', code: 'gender_mismatch', params: { value: '女', idGender: 'm' } },
		'性别“女”与身份证号显示的性别“男”不一致'
	],
	phone_scientific: [
		{ line: 2, column: '联系电话', code: 'phone_scientific', params: { value: '1.38E+10' } },
		'联系电话“1.38E+10”被 Excel 显示成了科学计数法，请把该列设为“文本”格式后重新填写'
	],
	phone_invalid: [
		{ line: 2, column: '联系电话', code: 'phone_invalid', params: { value: '12345' } },
		'联系电话“12345”格式不正确，应为11位手机号或带区号的固定电话（如0467-1234567）'
	],
	household_required: [
		{ line: 2, column: '户号', code: 'household_required', params: {} },
		'户号和户主至少要填写一项'
	],
	text_required: [
		{ line: 2, column: '所属网格', code: 'text_required', params: {} },
		'所属网格不能为空'
	],
	text_too_long: [
		{ line: 2, column: '网格', code: 'text_too_long', params: { max: 32 } },
		'网格超过32个字，请缩短'
	],
	duplicate_person: [
		{ line: 3, column: '姓名', code: 'duplicate_person', params: { name: '张三', firstLine: 2 } },
		'“张三”与第2行重复（姓名、出生日期和所在户都相同）'
	],
	duplicate_person_id: [
		{
			line: 3,
			column: '姓名',
			code: 'duplicate_person_id',
			params: { name: '张三', firstLine: 2 }
		},
		'“张三”与第2行重复（姓名、出生日期和身份证号后4位都相同）'
	],
	second_head: [
		{
			line: 3,
			column: '与户主关系',
			code: 'second_head',
			params: { householdNo: '001', headName: '张三', headLine: 2 }
		},
		'户号“001”已有户主（第2行“张三”），一户只能有一位户主'
	],
	second_head_by_head: [
		{
			line: 3,
			column: '与户主关系',
			code: 'second_head_by_head',
			params: { householdHead: '张三', headName: '张三', headLine: 2 }
		},
		'户主“张三”已有户主（第2行“张三”），一户只能有一位户主'
	],
	head_name_mismatch: [
		{
			line: 4,
			column: '户主',
			code: 'head_name_mismatch',
			params: { householdHead: '张四', headName: '张三', headLine: 2 }
		},
		'户主“张四”与本户户主行（第2行）的姓名“张三”不一致'
	]
};

const samples = Object.values(SAMPLES) as [RowError, string][];

describe('rowErrorMessage', () => {
	it.each(samples.map(([error, text]) => [error.code, error, text] as const))(
		'words %s in zh-CN',
		(_code, error, text) => {
			expect(rowErrorMessage(error)).toBe(text);
		}
	);
});

describe('localizeRowError', () => {
	it('keeps the header text of the file as the column', () => {
		expect(localizeRowError(SAMPLES.date_not_a_date[0])).toEqual({
			line: 2,
			column: '出生年月',
			message: '出生年月“1990-02-30”不是有效日期'
		});
	});

	it('names a missing column by its label', () => {
		expect(localizeRowError(SAMPLES.missing_column_or[0])).toEqual({
			line: 1,
			column: '出生日期',
			message: '表头缺少“出生日期”列（或“身份证号”列）'
		});
	});

	it('words the errors of a parsed file', async () => {
		const csv = [
			'姓名,性别,出生日期,身份证号,与户主关系,户号,联系电话,村民小组,网格',
			'张三,男,1990-01-05,,户主,001,,一组,东',
			'李四,男,1990-02-30,,户主,002,,一组,东',
			'王五,男,1991-01-05,,户主,003,,一组,'
		].join('\n');
		const result = await parseRoster(utf8(csv), 'a.csv', TODAY);
		expect(result.ok && result.errors.map(localizeRowError)).toEqual([
			{ line: 3, column: '出生日期', message: '出生日期“1990-02-30”不是有效日期' },
			{ line: 4, column: '网格', message: '网格不能为空' }
		]);
	});

	it('never words a full ID number', async () => {
		const first17 = '23010219880808001';
		const valid = first17 + idCheckDigit(first17);
		const badCheck = first17 + (valid[17] === '1' ? '2' : '1');
		const csv = [
			'姓名,性别,身份证号,与户主关系,户号,村民小组,网格',
			`赵一,女,${valid},户主,001,一组,东`,
			`赵二,,${badCheck},户主,002,一组,东`,
			`赵三,,${valid.slice(0, 15)},户主,003,一组,东`
		].join('\n');
		const result = await parseRoster(utf8(csv), 'a.csv', TODAY);
		const shown = JSON.stringify(result.ok && result.errors.map(localizeRowError));
		expect(result.ok && result.errors).toHaveLength(3);
		expect(shown).not.toContain(first17.slice(0, 14));
	});
});

describe('columnLabel and fileErrorMessage', () => {
	it('word columns and file errors in zh-CN', () => {
		expect(columnLabel('householdHead')).toBe('户主');
		expect(fileErrorMessage('empty')).toBe('文件里没有数据行');
		expect(fileErrorMessage('too_many_rows')).toBe('数据行超过 20000 行，请分成几个文件上传');
		expect(fileErrorMessage('too_large_unpacked')).toMatch(/^这个 \.xlsx 文件解压后超过 16 MB/);
	});
});

describe('in English', () => {
	const baseGetLocale = getLocale;
	afterEach(() => overwriteGetLocale(baseGetLocale));

	it('words every code, filling in every parameter', () => {
		overwriteGetLocale(() => 'en');
		for (const [error] of samples) {
			const message = rowErrorMessage(error);
			expect(message).not.toMatch(/[{}]|undefined/);
			expect(message).not.toBe(SAMPLES[error.code][1]);
		}
		expect(rowErrorMessage(SAMPLES.gender_mismatch[0])).toBe(
			'性别 “女” does not match the gender given by the ID number (Male)'
		);
		expect(localizeRowError(SAMPLES.missing_column[0])).toEqual({
			line: 1,
			column: 'Grid',
			message: 'The header has no “Grid” column'
		});
		expect(fileErrorMessage('unreadable')).toBe(
			'The file is damaged or cannot be read. Save it again and upload it once more'
		);
	});
});
