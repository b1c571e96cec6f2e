// Turning a roster's header and rows into validated people, or into errors the clerk can fix:
// each names the line as Excel shows it, the column as headed in the file, and a code with the
// bad value as parameter. `messages.ts` words them in the clerk's language.
import { EARLIEST_BIRTH_YEAR } from './calendar';
import { cleanCell, looksLikeScientificNumber } from './cell';
import { mapColumns, missingColumns, type ColumnKey, type ColumnMap } from './columns';
import { rowError, type RowError, type RowErrorCode, type RowErrorParams } from './errors';
import {
	characterCount,
	MAX_NAME_LENGTH,
	normalizeName,
	parseDateCell,
	parseGender,
	parsePhone,
	type DateCell
} from './fields';
import { parseIdNumber } from './id-number';
import { MAX_DATA_ROWS, readRosterFile, type ReadFailure, type SheetRow } from './read-file';

export type { RowError, RowErrorCode, RowErrorParams } from './errors';

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

	/** The column's header text as in the file, or its key if the file has no such column. */
	header(key: ColumnKey): string {
		return this.columns.headerText[key] ?? key;
	}

	fail<C extends RowErrorCode>(key: ColumnKey, code: C, params: RowErrorParams[C]): null {
		this.errors.push(rowError(this.line, this.header(key), code, params));
		return null;
	}

	/** Optional free text, limited in length. */
	text(key: ColumnKey, max: number): string | null {
		const value = this.get(key);
		if (characterCount(value) > max) return this.fail(key, 'text_too_long', { max });
		return value;
	}

	/** Required free text, limited in length. */
	requiredText(key: ColumnKey, max: number): string | null {
		const value = this.text(key, max);
		if (value === '') return this.fail(key, 'text_required', {});
		return value;
	}
}

function readName(r: RowReader): string | null {
	const name = normalizeName(r.get('name'));
	if (!name) return r.fail('name', 'name_empty', {});
	if (/^\d+$/.test(name)) return r.fail('name', 'name_digits_only', { name });
	if (characterCount(name) > MAX_NAME_LENGTH)
		return r.fail('name', 'name_too_long', { name, max: MAX_NAME_LENGTH });
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
		r.fail('idNumber', 'id_scientific', {});
		return { state: 'invalid' };
	}
	const result = parseIdNumber(raw, today);
	if (!result.ok) {
		r.fail('idNumber', `id_${result.reason}`, {});
		return { state: 'invalid' };
	}
	return { state: 'ok', birthDate: result.birthDate, gender: result.gender, last4: result.last4 };
}

function readBirthCell(r: RowReader, today: string): DateCell | null {
	const raw = r.get('birthDate');
	if (!raw) return null;
	const cell = parseDateCell(raw, today);
	if (cell.kind === 'invalid') {
		if (cell.problem === 'too_early')
			r.fail('birthDate', 'date_too_early', { value: raw, year: EARLIEST_BIRTH_YEAR });
		else r.fail('birthDate', `date_${cell.problem}`, { value: raw });
	}
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
	if (id.state === 'ok') {
		if (!agreesWithId(cell, id.birthDate))
			return r.fail('birthDate', 'birth_date_mismatch', {
				value: raw,
				idBirthDate: id.birthDate
			});
		return cell?.kind === 'invalid' ? null : id.birthDate;
	}
	if (!cell) {
		// An invalid ID number has already been reported; a second error would only add noise.
		return id.state === 'absent' ? r.fail('birthDate', 'birth_date_required', {}) : null;
	}
	if (cell.kind === 'month') return r.fail('birthDate', 'birth_date_month_only', { value: raw });
	return cell.kind === 'date' ? cell.date : null;
}

/** The gender from the column, checked against the ID number when both are given. */
function readGender(r: RowReader, id: IdCell): 'm' | 'f' | null {
	const raw = r.get('gender');
	const gender = raw ? parseGender(raw) : null;
	if (raw && !gender) return r.fail('gender', 'gender_invalid', { value: raw });
	if (id.state === 'ok') {
		if (gender && gender !== id.gender)
			return r.fail('gender', 'gender_mismatch', { value: raw, idGender: id.gender });
		return id.gender;
	}
	if (gender) return gender;
	return id.state === 'absent' ? r.fail('gender', 'gender_required', {}) : null;
}

function readPhone(r: RowReader): string | null | undefined {
	const raw = r.get('phone');
	if (!raw) return null;
	if (looksLikeScientificNumber(raw)) {
		r.fail('phone', 'phone_scientific', { value: raw });
		return undefined;
	}
	const phone = parsePhone(raw);
	if (phone) return phone;
	r.fail('phone', 'phone_invalid', { value: raw });
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
		return r.fail(key, 'household_required', {});
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
	const column = columns.headerText.name ?? 'name';
	for (const row of rows) {
		const keys: [string, 'duplicate_person' | 'duplicate_person_id'][] = [
			[`${row.name}\n${row.birthDate}\n${row.householdKey}`, 'duplicate_person']
		];
		if (row.idLast4)
			keys.push([`${row.name}\n${row.birthDate}\nid:${row.idLast4}`, 'duplicate_person_id']);
		const earlier = keys.find(([key]) => firstLine.has(key));
		if (earlier) {
			const [key, code] = earlier;
			errors.push(
				rowError(row.line, column, code, { name: row.name, firstLine: firstLine.get(key) ?? 0 })
			);
			continue;
		}
		for (const [key] of keys) firstLine.set(key, row.line);
	}
	return errors;
}

/** At most one head per household, and the 户主 column must name that head. */
function checkHouseholdHeads(rows: RosterRow[], columns: ColumnMap): RowError[] {
	const errors: RowError[] = [];
	const headOf = new Map<string, RosterRow>();
	const relationColumn = columns.headerText.relation ?? 'relation';
	for (const row of rows) {
		if (!HEAD_RELATIONS.has(row.relation)) continue;
		const head = headOf.get(row.householdKey);
		if (!head) headOf.set(row.householdKey, row);
		else {
			const headParams = { headName: head.name, headLine: head.line };
			errors.push(
				row.householdNo
					? rowError(row.line, relationColumn, 'second_head', {
							householdNo: row.householdNo,
							...headParams
						})
					: rowError(row.line, relationColumn, 'second_head_by_head', {
							householdHead: row.householdHead ?? '',
							...headParams
						})
			);
		}
	}
	const headColumn = columns.headerText.householdHead ?? 'householdHead';
	for (const row of rows) {
		const head = headOf.get(row.householdKey);
		if (head && row.householdHead && row.householdHead !== head.name)
			errors.push(
				rowError(row.line, headColumn, 'head_name_mismatch', {
					householdHead: row.householdHead,
					headName: head.name,
					headLine: head.line
				})
			);
	}
	return errors;
}

function headerErrors(columns: ColumnMap, headerLine: number): RowError[] {
	const duplicates = columns.duplicates.map(({ key, firstHeader, header }) =>
		rowError(headerLine, header, 'duplicate_column', { key, firstHeader })
	);
	const missing = missingColumns(columns).map(({ key, alternative }) =>
		alternative
			? rowError(headerLine, key, 'missing_column_or', { alternative })
			: rowError(headerLine, key, 'missing_column', {})
	);
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
			errors: [rowError(headerLine, '', 'too_many_rows', { max: MAX_DATA_ROWS })],
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

export type ParseRosterResult =
	{ ok: false; fileError: { reason: ReadFailure } } | ({ ok: true } & RosterValidation);

/** Reads and validates an uploaded roster file; no database access. */
export async function parseRoster(
	bytes: Uint8Array,
	fileName: string,
	today: string
): Promise<ParseRosterResult> {
	const file = await readRosterFile(bytes, fileName);
	if (!file.ok) return { ok: false, fileError: { reason: file.reason } };
	return { ok: true, ...validateRosterRows(file.header, file.rows, today, file.headerLine) };
}
