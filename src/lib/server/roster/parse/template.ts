// The roster template clerks download: the canonical columns, with two fictional example rows
// that pass the same validation as an uploaded file.
import Papa from 'papaparse';
import { idCheckDigit } from './id-number';

/** The columns of the template clerks download, in order. */
export const ROSTER_TEMPLATE_HEADER = [
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
] as const;

/** A fictional resident ID number with a correct check digit, for the template's examples. */
function exampleIdNumber(first17: string): string {
	return first17 + idCheckDigit(first17);
}

/** The template as CSV: UTF-8 with a BOM, which Excel and WPS open without garbling Chinese. */
export function rosterTemplateCsv(): string {
	const examples = [
		[
			'1',
			'王建国',
			'男',
			'1968-03-12',
			exampleIdNumber('23010219680312003'),
			'户主',
			'001',
			'新阳村一组12号',
			'13800138000',
			'第一村民小组',
			'第一网格'
		],
		[
			'2',
			'李秀英',
			'女',
			'1970-07-21',
			exampleIdNumber('23010219700721004'),
			'配偶',
			'001',
			'新阳村一组12号',
			'',
			'第一村民小组',
			'第一网格'
		]
	];
	return '\uFEFF' + Papa.unparse([[...ROSTER_TEMPLATE_HEADER], ...examples], { newline: '\r\n' });
}
