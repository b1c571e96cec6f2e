import { describe, expect, it } from 'vitest';
import { ROSTER_TEMPLATE_HEADER, rosterTemplateCsv } from './template';
import { parseRoster } from './validate';

const TODAY = '2026-03-01';
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('template', () => {
	it('has the 11 canonical columns', () => {
		expect(ROSTER_TEMPLATE_HEADER).toHaveLength(11);
	});

	it('is UTF-8 with a BOM and validates without errors', async () => {
		const csv = rosterTemplateCsv();
		expect(
			csv.startsWith(
				'\uFEFF序号,姓名,性别,出生日期,身份证号,与户主关系,户号,家庭住址,联系电话,村民小组,网格\r\n'
			)
		).toBe(true);
		const result = await parseRoster(utf8(csv), '模板.csv', TODAY);
		expect(result).toMatchObject({ ok: true, errors: [], ignoredColumns: [] });
		expect(result.ok && result.rows.map((r) => [r.name, r.gender, r.idLast4 !== null])).toEqual([
			['王建国', 'm', true],
			['李秀英', 'f', true]
		]);
	});
});
