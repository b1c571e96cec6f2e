import { describe, expect, it } from 'vitest';
import { normalizeName, parseDateCell, parseGender, parsePhone } from './fields';

const TODAY = '2026-03-01';

describe('parseDateCell', () => {
	it.each([
		['1990-01-05', '1990-01-05'],
		['1990/1/5', '1990-01-05'],
		['1990.1.5', '1990-01-05'],
		['1990年1月5日', '1990-01-05'],
		['1990年01月05号', '1990-01-05'],
		['19900105', '1990-01-05'],
		['32878', '1990-01-05'],
		['1990-01-05 00:00:00', '1990-01-05'],
		['１９９０－０１－０５', '1990-01-05'],
		['2000-02-29', '2000-02-29'],
		['2026-03-01', '2026-03-01']
	])('%s is %s', (text, date) => {
		expect(parseDateCell(text, TODAY)).toEqual({ kind: 'date', date });
	});

	it.each([
		['1990.01', '1990-01'],
		['1990年1月', '1990-01'],
		['199001', '1990-01']
	])('%s is only a month', (text, month) => {
		expect(parseDateCell(text, TODAY)).toEqual({ kind: 'month', month });
	});

	it.each([
		['1990-02-30', 'not_a_date'],
		['1900-02-29', 'not_a_date'],
		['1990-13-01', 'not_a_date'],
		['19901301', 'not_a_date'],
		['05/01/1990', 'not_a_date'],
		['一九九〇年', 'not_a_date'],
		['1990', 'year_only'],
		['1899-12-31', 'too_early'],
		['2026-03-02', 'future'],
		['2030-01-01', 'future'],
		['2026-04', 'future']
	])('%s is invalid: %s', (text, problem) => {
		expect(parseDateCell(text, TODAY)).toEqual({ kind: 'invalid', problem });
	});
});

describe('parsePhone', () => {
	it.each([
		['13800138000', '13800138000'],
		['138 0013 8000', '13800138000'],
		['138-0013-8000', '13800138000'],
		['+86 138 0013 8000', '13800138000'],
		['8613800138000', '13800138000'],
		['１３８００１３８０００', '13800138000'],
		['0467-1234567', '0467-1234567'],
		['(0467)1234567', '0467-1234567'],
		['0467 1234567', '0467-1234567'],
		['04671234567', '0467-1234567'],
		['010-12345678', '010-12345678'],
		['01012345678', '010-12345678'],
		['0467-1234567-801', '0467-1234567-801']
	])('%s → %s', (text, phone) => {
		expect(parsePhone(text)).toBe(phone);
	});

	it.each([
		'12800138000',
		'1380013800',
		'1234567',
		'4671234567',
		'138001380001',
		'abc',
		'1.38E+10'
	])('rejects %s', (text) => {
		expect(parsePhone(text)).toBeNull();
	});
});

describe('parseGender', () => {
	it.each([
		['男', 'm'],
		['男性', 'm'],
		['M', 'm'],
		['m', 'm'],
		['女', 'f'],
		['女性', 'f'],
		['F', 'f'],
		['Ｆ', 'f'],
		['未知', null],
		['1', null]
	])('%s → %s', (text, gender) => {
		expect(parseGender(text)).toBe(gender);
	});
});

describe('normalizeName', () => {
	it.each([
		['王\u3000芳', '王芳'],
		['王  芳', '王芳'],
		['欧阳 娜娜', '欧阳娜娜'],
		['阿依古丽·买买提', '阿依古丽·买买提'],
		['Mary   Ann', 'Mary Ann']
	])('%s → %s', (text, name) => {
		expect(normalizeName(text)).toBe(name);
	});
});
