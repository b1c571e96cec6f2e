import { describe, expect, it } from 'vitest';
import { columnKeyOf, isColumnKey, looksLikeHeader, mapColumns, missingColumns } from './columns';

describe('columnKeyOf', () => {
	it.each([
		['序号', 'seq'],
		['编号', 'seq'],
		['姓名', 'name'],
		[' 姓 名 ', 'name'],
		['*姓名', 'name'],
		['村民姓名', 'name'],
		['性别（男/女）', 'gender'],
		['出生年月', 'birthDate'],
		['出生日期(yyyy-mm-dd)', 'birthDate'],
		['公民身份号码', 'idNumber'],
		['身份证号码（18位）', 'idNumber'],
		['与户主的关系', 'relation'],
		['户号/户主', 'householdNo'],
		['户主姓名', 'householdHead'],
		['现住址', 'address'],
		['联系电话（手机）', 'phone'],
		['手机号码', 'phone'],
		['组', 'group'],
		['村民小组', 'group'],
		['所属网格', 'grid'],
		['网格名称', 'grid'],
		['备注', null],
		['政治面貌', null],
		['', null]
	])('%s → %s', (header, key) => {
		expect(columnKeyOf(header)).toBe(key);
	});
});

describe('mapColumns', () => {
	it('keeps indexes and header texts, and lists unknown headers', () => {
		const map = mapColumns(['序号', '姓名', '备注', '', '联系电话（手机）', '民族']);
		expect(map.index).toEqual({ seq: 0, name: 1, phone: 4 });
		expect(map.headerText.phone).toBe('联系电话（手机）');
		expect(map.ignored).toEqual(['备注', '民族']);
		expect(map.duplicates).toEqual([]);
	});

	it('reports two columns that mean the same', () => {
		const map = mapColumns(['姓名', '电话', '手机']);
		expect(map.duplicates).toEqual([{ key: 'phone', firstHeader: '电话', header: '手机' }]);
		expect(map.index.phone).toBe(1);
	});
});

describe('looksLikeHeader', () => {
	it.each([
		[['新阳村村民花名册'], false],
		[['姓名'], false],
		[['姓名', '性别'], true],
		[['性别', '网格'], false]
	])('%j → %s', (cells, expected) => {
		expect(looksLikeHeader(cells)).toBe(expected);
	});
});

describe('missingColumns', () => {
	it('accepts an ID number instead of gender and birth date, and 户主 instead of 户号', () => {
		expect(missingColumns(mapColumns(['姓名', '身份证号', '户主', '小组', '网格']))).toEqual([]);
	});

	it('names each missing column with its alternative', () => {
		expect(missingColumns(mapColumns(['姓名', '性别']))).toEqual([
			{ key: 'birthDate', alternative: 'idNumber' },
			{ key: 'householdNo', alternative: 'householdHead' },
			{ key: 'group', alternative: null },
			{ key: 'grid', alternative: null }
		]);
	});
});

describe('isColumnKey', () => {
	it('tells column keys from header texts', () => {
		expect(['grid', 'householdHead'].map(isColumnKey)).toEqual([true, true]);
		expect(['网格', '户主', 'toString', ''].map(isColumnKey)).toEqual([false, false, false, false]);
	});
});
