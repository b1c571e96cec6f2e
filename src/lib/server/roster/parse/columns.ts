// Mapping a roster's header row to canonical columns. Clerks' sheets name the same column many
// ways ("联系电话（手机）", "*姓名", "户号/户主"), so headers are normalised before lookup.
import { cleanCell } from './cell';

export type ColumnKey =
	| 'seq'
	| 'name'
	| 'gender'
	| 'birthDate'
	| 'idNumber'
	| 'relation'
	| 'householdNo'
	| 'householdHead'
	| 'address'
	| 'phone'
	| 'group'
	| 'grid';

const HEADER_VARIANTS: Record<ColumnKey, string[]> = {
	seq: ['序号', '编号', '序'],
	name: ['姓名', '名字', '村民姓名'],
	gender: ['性别'],
	birthDate: ['出生日期', '出生年月', '出生年月日', '生日'],
	idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'],
	relation: ['与户主关系', '与户主的关系', '关系', '家庭关系'],
	householdNo: ['户号', '户编号', '户籍编号'],
	householdHead: ['户主', '户主姓名'],
	address: ['家庭住址', '住址', '地址', '现住址', '家庭地址'],
	phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式'],
	group: ['村民小组', '小组', '组', '所属小组', '组别', '村组'],
	grid: ['网格', '所属网格', '网格名称']
};

/** Whether `text` is a column key rather than header text (headers are never ASCII keys). */
export function isColumnKey(text: string): text is ColumnKey {
	return Object.hasOwn(HEADER_VARIANTS, text);
}

const KEY_BY_VARIANT = new Map<string, ColumnKey>(
	(Object.entries(HEADER_VARIANTS) as [ColumnKey, string[]][]).flatMap(([key, variants]) =>
		variants.map((variant) => [variant.toLowerCase(), key] as const)
	)
);

/**
 * Lower-case header text without spaces, parenthesised notes ("（必填）", "(yyyy-mm-dd)") or the
 * asterisk templates use to mark required columns.
 */
export function normalizeHeader(text: string): string {
	return cleanCell(text)
		.replace(/[（(][^（）()]*[）)]/g, '')
		.replace(/[\s*＊]/g, '')
		.toLowerCase();
}

/**
 * The column a header cell stands for. A combined header such as "户号/户主" counts as its first
 * known part, which is what the cells under it usually hold.
 */
export function columnKeyOf(text: string): ColumnKey | null {
	for (const part of normalizeHeader(text).split(/[/／、|]/)) {
		const key = KEY_BY_VARIANT.get(part);
		if (key) return key;
	}
	return null;
}

export interface DuplicateColumn {
	key: ColumnKey;
	firstHeader: string;
	header: string;
}

export interface ColumnMap {
	/** Cell index of each column found. */
	index: Partial<Record<ColumnKey, number>>;
	/** Header text as written in the file, for messages. */
	headerText: Partial<Record<ColumnKey, string>>;
	/** Non-empty headers that map to nothing; their cells are not read. */
	ignored: string[];
	duplicates: DuplicateColumn[];
}

export function mapColumns(header: readonly string[]): ColumnMap {
	const map: ColumnMap = { index: {}, headerText: {}, ignored: [], duplicates: [] };
	header.forEach((raw, i) => {
		const text = cleanCell(raw);
		if (!text) return;
		const key = columnKeyOf(text);
		if (!key) map.ignored.push(text);
		else if (map.index[key] !== undefined)
			map.duplicates.push({ key, firstHeader: map.headerText[key] ?? '', header: text });
		else {
			map.index[key] = i;
			map.headerText[key] = text;
		}
	});
	return map;
}

/** A header row names 姓名 and at least one other known column; a title row does not. */
export function looksLikeHeader(cells: readonly string[]): boolean {
	const found = Object.keys(mapColumns(cells).index);
	return found.includes('name') && found.length >= 2;
}

/** Required columns, each with an alternative that may stand in for it. */
const REQUIRED: [ColumnKey, ColumnKey?][] = [
	['name'],
	['gender', 'idNumber'],
	['birthDate', 'idNumber'],
	['householdNo', 'householdHead'],
	['group'],
	['grid']
];

export interface MissingColumn {
	key: ColumnKey;
	/** A column that would have done instead, e.g. 身份证号 for 性别. */
	alternative: ColumnKey | null;
}

/** Required columns missing from the header, each with the column that could replace it. */
export function missingColumns(map: ColumnMap): MissingColumn[] {
	return REQUIRED.filter((alternatives) =>
		alternatives.every((key) => key === undefined || map.index[key] === undefined)
	).map(([key, alternative]) => ({ key, alternative: alternative ?? null }));
}
