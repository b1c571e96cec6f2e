// Turning a roster's header and rows into validated people, or into errors the clerk can fix:
// each names the line as Excel shows it, the column as headed in the file, and the bad value.
import Papa from 'papaparse';
import { cleanCell, looksLikeScientificNumber } from './cell';
import {
	COLUMN_LABELS,
	mapColumns,
	missingColumns,
	type ColumnKey,
	type ColumnMap
} from './columns';
import {
	characterCount,
	MAX_NAME_LENGTH,
	normalizeName,
	parseDateCell,
	parseGender,
	parsePhone,
	type DateCell
} from './fields';
import { idCheckDigit, ID_NUMBER_MESSAGES, parseIdNumber } from './id-number';
import {
	FILE_ERROR_MESSAGES,
	MAX_DATA_ROWS,
	readRosterFile,
	type ReadFailure,
	type SheetRow
} from './read-file';

export interface RosterRow {
	line: number;
	name: string;
	gender: 'm' | 'f';
	birthDate: string;
	idLast4: string | null;
	relation: string;
	/** householdNo if given, else 'head:' + householdHead. */
	householdKey: string;
	householdNo: string | null;
	householdHead: string | null;
	address: string;
	/** An 11-digit mobile number, or a landline as digits and dashes. */
	phone: string | null;
	group: string;
	grid: string;
}

export interface RowError {
	line: number;
	/** The header text as in the file, or the canonical Chinese label when the column is missing. */
	column: string;
	message: string;
}

export interface RosterValidation {
	rows: RosterRow[];
	errors: RowError[];
	ignoredColumns: string[];
}

const MAX_SHORT_TEXT = 32;
const MAX_ADDRESS = 200;
const HEAD_RELATIONS = new Set(['户主', '本人']);

/** One data row being read: its cleaned cells by column, and the errors found so far. */
class RowReader {
	readonly errors: RowError[] = [];

	constructor(
		private readonly columns: ColumnMap,
		private readonly cells: string[],
		readonly line: number
	) {}

	has(key: ColumnKey): boolean {
		return this.columns.index[key] !== undefined;
	}

	get(key: ColumnKey): string {
		const i = this.columns.index[key];
		return i === undefined ? '' : cleanCell(this.cells[i]);
	}

	header(key: ColumnKey): string {
		return this.columns.headerText[key] ?? COLUMN_LABELS[key];
	}

	fail(key: ColumnKey, message: string): null {
		this.errors.push({ line: this.line, column: this.header(key), message });
		return null;
	}

	/** Optional free text, limited in length. */
	text(key: ColumnKey, max: number): string | null {
		const value = this.get(key);
		if (characterCount(value) > max)
			return this.fail(key, `${this.header(key)}超过${max}个字，请缩短`);
		return value;
	}

	/** Required free text, limited in length. */
	requiredText(key: ColumnKey, max: number): string | null {
		const value = this.text(key, max);
		if (value === '') return this.fail(key, `${this.header(key)}不能为空`);
		return value;
	}
}

function readName(r: RowReader): string | null {
	const name = normalizeName(r.get('name'));
	if (!name) return r.fail('name', '姓名不能为空');
	if (/^\d+$/.test(name)) return r.fail('name', `姓名“${name}”不能只有数字`);
	if (characterCount(name) > MAX_NAME_LENGTH)
		return r.fail('name', `姓名“${name}”超过${MAX_NAME_LENGTH}个字`);
	return name;
}

type IdCell =
	| { state: 'absent' }
	| { state: 'invalid' }
	| { state: 'ok'; birthDate: string; gender: 'm' | 'f'; last4: string };

function readIdNumber(r: RowReader, today: string): IdCell {
	const raw = r.get('idNumber');
	if (!raw) return { state: 'absent' };
	if (looksLikeScientificNumber(raw)) {
		r.fail(
			'idNumber',
			'身份证号被 Excel 当成了数字（显示为科学计数法），后几位已经丢失。请把该列设为“文本”格式，重新填写完整的18位号码'
		);
		return { state: 'invalid' };
	}
	const result = parseIdNumber(raw, today);
	if (!result.ok) {
		r.fail('idNumber', ID_NUMBER_MESSAGES[result.reason]);
		return { state: 'invalid' };
	}
	return { state: 'ok', birthDate: result.birthDate, gender: result.gender, last4: result.last4 };
}

const DATE_PROBLEMS: Record<Extract<DateCell, { kind: 'invalid' }>['problem'], string> = {
	not_a_date: '不是有效日期',
	year_only: '只有年份，请填写完整的年月日',
	too_early: '早于1900年',
	future: '晚于今天'
};

function readBirthCell(r: RowReader, today: string): DateCell | null {
	const raw = r.get('birthDate');
	if (!raw) return null;
	const cell = parseDateCell(raw, today);
	if (cell.kind === 'invalid')
		r.fail('birthDate', `${r.header('birthDate')}“${raw}”${DATE_PROBLEMS[cell.problem]}`);
	return cell;
}

function agreesWithId(cell: DateCell | null, idBirthDate: string): boolean {
	if (cell?.kind === 'date') return cell.date === idBirthDate;
	if (cell?.kind === 'month') return cell.month === idBirthDate.slice(0, 7);
	return true; // empty, or invalid and reported already
}

/** The birth date from the column, checked against the ID number when both are given. */
function readBirthDate(r: RowReader, id: IdCell, today: string): string | null {
	const raw = r.get('birthDate');
	const cell = readBirthCell(r, today);
	const label = r.header('birthDate');
	if (id.state === 'ok') {
		if (!agreesWithId(cell, id.birthDate))
			return r.fail('birthDate', `${label}“${raw}”与身份证号中的出生日期“${id.birthDate}”不一致`);
		return cell?.kind === 'invalid' ? null : id.birthDate;
	}
	if (!cell) {
		// An invalid ID number has already been reported; a second error would only add noise.
		return id.state === 'absent' ? r.fail('birthDate', `${label}不能为空（或填写身份证号）`) : null;
	}
	if (cell.kind === 'month')
		return r.fail('birthDate', `${label}“${raw}”只有年月，请填写完整的年月日（或填写身份证号）`);
	return cell.kind === 'date' ? cell.date : null;
}

const GENDER_LABEL = { m: '男', f: '女' } as const;

/** The gender from the column, checked against the ID number when both are given. */
function readGender(r: RowReader, id: IdCell): 'm' | 'f' | null {
	const raw = r.get('gender');
	const label = r.header('gender');
	const gender = raw ? parseGender(raw) : null;
	if (raw && !gender) return r.fail('gender', `${label}“${raw}”应填写“男”或“女”`);
	if (id.state === 'ok') {
		if (gender && gender !== id.gender)
			return r.fail(
				'gender',
				`${label}“${raw}”与身份证号显示的性别“${GENDER_LABEL[id.gender]}”不一致`
			);
		return id.gender;
	}
	if (gender) return gender;
	return id.state === 'absent' ? r.fail('gender', `${label}不能为空（或填写身份证号）`) : null;
}

function readPhone(r: RowReader): string | null | undefined {
	const raw = r.get('phone');
	if (!raw) return null;
	const label = r.header('phone');
	if (looksLikeScientificNumber(raw)) {
		r.fail(
			'phone',
			`${label}“${raw}”被 Excel 显示成了科学计数法，请把该列设为“文本”格式后重新填写`
		);
		return undefined;
	}
	const phone = parsePhone(raw);
	if (phone) return phone;
	r.fail('phone', `${label}“${raw}”格式不正确，应为11位手机号或带区号的固定电话（如0467-1234567）`);
	return undefined;
}

function readHousehold(
	r: RowReader
): Pick<RosterRow, 'householdKey' | 'householdNo' | 'householdHead'> | null {
	const householdNo = r.text('householdNo', MAX_SHORT_TEXT);
	const head = r.text('householdHead', MAX_SHORT_TEXT);
	if (householdNo === null || head === null) return null;
	const householdHead = head ? normalizeName(head) : '';
	if (!householdNo && !householdHead) {
		const key: ColumnKey = r.has('householdNo') ? 'householdNo' : 'householdHead';
		return r.fail(key, '户号和户主至少要填写一项');
	}
	return {
		householdKey: householdNo || `head:${householdHead}`,
		householdNo: householdNo || null,
		householdHead: householdHead || null
	};
}

/** Reads every field so that a row reports all its problems at once; null if any failed. */
function readRow(r: RowReader, today: string): RosterRow | null {
	const name = readName(r);
	const id = readIdNumber(r, today);
	const gender = readGender(r, id);
	const birthDate = readBirthDate(r, id, today);
	const relation = r.text('relation', MAX_SHORT_TEXT);
	const household = readHousehold(r);
	const address = r.text('address', MAX_ADDRESS);
	const phone = readPhone(r);
	const group = r.requiredText('group', MAX_SHORT_TEXT);
	const grid = r.requiredText('grid', MAX_SHORT_TEXT);
	if (
		r.errors.length > 0 ||
		name === null ||
		gender === null ||
		birthDate === null ||
		relation === null ||
		household === null ||
		address === null ||
		phone === undefined ||
		group === null ||
		grid === null
	)
		return null;
	const idLast4 = id.state === 'ok' ? id.last4 : null;
	return {
		line: r.line,
		name,
		gender,
		birthDate,
		idLast4,
		relation,
		...household,
		address,
		phone,
		group,
		grid
	};
}

/** The same person twice in the file: same name, birth date and household, or same ID tail. */
function findDuplicatePeople(rows: RosterRow[], columns: ColumnMap): RowError[] {
	const firstLine = new Map<string, number>();
	const errors: RowError[] = [];
	for (const row of rows) {
		const keys: [string, string][] = [
			[`${row.name}\n${row.birthDate}\n${row.householdKey}`, '姓名、出生日期和所在户都相同'],
			...(row.idLast4
				? ([
						[
							`${row.name}\n${row.birthDate}\nid:${row.idLast4}`,
							'姓名、出生日期和身份证号后4位都相同'
						]
					] as [string, string][])
				: [])
		];
		const earlier = keys.find(([key]) => firstLine.has(key));
		if (earlier) {
			errors.push({
				line: row.line,
				column: columns.headerText.name ?? COLUMN_LABELS.name,
				message: `“${row.name}”与第${firstLine.get(earlier[0])}行重复（${earlier[1]}）`
			});
			continue;
		}
		for (const [key] of keys) firstLine.set(key, row.line);
	}
	return errors;
}

function householdLabel(row: RosterRow): string {
	return row.householdNo ? `户号“${row.householdNo}”` : `户主“${row.householdHead}”`;
}

/** At most one head per household, and the 户主 column must name that head. */
function checkHouseholdHeads(rows: RosterRow[], columns: ColumnMap): RowError[] {
	const errors: RowError[] = [];
	const headOf = new Map<string, RosterRow>();
	const relationColumn = columns.headerText.relation ?? COLUMN_LABELS.relation;
	for (const row of rows) {
		if (!HEAD_RELATIONS.has(row.relation)) continue;
		const head = headOf.get(row.householdKey);
		if (!head) headOf.set(row.householdKey, row);
		else
			errors.push({
				line: row.line,
				column: relationColumn,
				message: `${householdLabel(row)}已有户主（第${head.line}行“${head.name}”），一户只能有一位户主`
			});
	}
	const headColumn = columns.headerText.householdHead ?? COLUMN_LABELS.householdHead;
	for (const row of rows) {
		const head = headOf.get(row.householdKey);
		if (head && row.householdHead && row.householdHead !== head.name)
			errors.push({
				line: row.line,
				column: headColumn,
				message: `户主“${row.householdHead}”与本户户主行（第${head.line}行）的姓名“${head.name}”不一致`
			});
	}
	return errors;
}

function headerErrors(columns: ColumnMap, headerLine: number): RowError[] {
	const duplicates = columns.duplicates.map(({ key, firstHeader, header }) => ({
		line: headerLine,
		column: header,
		message: `“${firstHeader}”和“${header}”都是${COLUMN_LABELS[key]}列，请只保留一列`
	}));
	const missing = missingColumns(columns).map((m) => ({ line: headerLine, ...m }));
	return [...duplicates, ...missing];
}

/**
 * Validates data rows under `header` (cells in the same order). `today` (YYYY-MM-DD) bounds
 * birth dates; `headerLine` is where header problems are reported. A row appears in `rows` only
 * when it has no error.
 */
export function validateRosterRows(
	header: string[],
	rows: SheetRow[],
	today: string,
	headerLine = 1
): RosterValidation {
	const columns = mapColumns(header);
	const ignoredColumns = columns.ignored;
	const structural = headerErrors(columns, headerLine);
	if (structural.length > 0) return { rows: [], errors: structural, ignoredColumns };
	if (rows.length > MAX_DATA_ROWS)
		return {
			rows: [],
			errors: [{ line: headerLine, column: '', message: FILE_ERROR_MESSAGES.too_many_rows }],
			ignoredColumns
		};

	const errors: RowError[] = [];
	const valid: RosterRow[] = [];
	for (const { line, cells } of rows) {
		if (cells.every((cell) => cleanCell(cell) === '')) continue;
		const reader = new RowReader(columns, cells, line);
		const row = readRow(reader, today);
		if (row) valid.push(row);
		else errors.push(...reader.errors);
	}
	const crossRow = [...findDuplicatePeople(valid, columns), ...checkHouseholdHeads(valid, columns)];
	const rejected = new Set(crossRow.map((e) => e.line));
	errors.push(...crossRow);
	errors.sort((a, b) => a.line - b.line);
	return { rows: valid.filter((row) => !rejected.has(row.line)), errors, ignoredColumns };
}

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

export type ParseRosterResult =
	| { ok: false; fileError: { reason: ReadFailure; message: string } }
	| ({ ok: true } & RosterValidation);

/** Reads and validates an uploaded roster file; no database access. */
export async function parseRoster(
	bytes: Uint8Array,
	fileName: string,
	today: string
): Promise<ParseRosterResult> {
	const file = await readRosterFile(bytes, fileName);
	if (!file.ok)
		return {
			ok: false,
			fileError: { reason: file.reason, message: FILE_ERROR_MESSAGES[file.reason] }
		};
	return { ok: true, ...validateRosterRows(file.header, file.rows, today, file.headerLine) };
}
