import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
	it.each([
		['修缮村道', '"修缮村道"'],
		['=HYPERLINK("http://evil.example","点我")', `"'=HYPERLINK(""http://evil.example"",""点我"")"`],
		['+86 138', `"'+86 138"`],
		['-1+1', `"'-1+1"`],
		['@SUM(A1)', `"'@SUM(A1)"`],
		['\t=1', `"'\t=1"`],
		['\r=1', `"'\r=1"`],
		['＝1+1', `"'＝1+1"`],
		['a=1', '"a=1"'],
		['说 "好"', '"说 ""好"""'],
		['第一行\n第二行', '"第一行\n第二行"'],
		['', '""']
	])('%j → %s', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	it('leaves numbers as numbers, negative ones too, and empty values empty', () => {
		expect(csvCell(-3)).toBe('"-3"');
		expect(csvCell(12)).toBe('"12"');
		expect(csvCell(null)).toBe('""');
		expect(csvCell(undefined)).toBe('""');
	});
});

describe('toCsv', () => {
	it('starts with a BOM and ends every row with CRLF', () => {
		expect(toCsv(['编号', '标题'], [['XY-2026-0001', '=1+1']])).toBe(
			`\uFEFF"编号","标题"\r\n"XY-2026-0001","'=1+1"\r\n`
		);
	});
});
