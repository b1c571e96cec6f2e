// What can be wrong with a roster, as a stable code with parameters. The parser stays free of any
// language: `messages.ts` turns an error into text in the clerk's locale. No parameter ever holds
// an ID number, not even a malformed one.
import type { ColumnKey } from './columns';
import type { IdNumberFailure } from './id-number';

type NoParams = Record<string, never>;

/** The parameters of each error code. The column's text is `RowError.column`, not a parameter. */
export type RowErrorParams = {
	// Header problems, reported on the header line.
	/** `column` is the key of the missing column. */
	missing_column: NoParams;
	/** `column` is the key of the missing column; `alternative` would have done instead. */
	missing_column_or: { alternative: ColumnKey };
	/** `column` is the later of two headers meaning the same column `key`. */
	duplicate_column: { key: ColumnKey; firstHeader: string };
	too_many_rows: { max: number };

	// Problems of one cell.
	name_empty: NoParams;
	name_digits_only: { name: string };
	name_too_long: { name: string; max: number };
	id_scientific: NoParams;
	date_not_a_date: { value: string };
	date_year_only: { value: string };
	date_too_early: { value: string; year: number };
	date_future: { value: string };
	birth_date_required: NoParams;
	birth_date_month_only: { value: string };
	birth_date_mismatch: { value: string; idBirthDate: string };
	gender_required: NoParams;
	gender_invalid: { value: string };
	gender_mismatch: { value: string; idGender: 'm' | 'f' };
	phone_scientific: { value: string };
	phone_invalid: { value: string };
	household_required: NoParams;
	text_required: NoParams;
	text_too_long: { max: number };

	// Problems across rows.
	duplicate_person: { name: string; firstLine: number };
	duplicate_person_id: { name: string; firstLine: number };
	second_head: { householdNo: string; headName: string; headLine: number };
	second_head_by_head: { householdHead: string; headName: string; headLine: number };
	head_name_mismatch: { householdHead: string; headName: string; headLine: number };
} & {
	// One code per reason an ID number is invalid; the message never quotes the number.
	[R in IdNumberFailure as `id_${R}`]: NoParams;
};

export type RowErrorCode = keyof RowErrorParams;

export type RowError = {
	[C in RowErrorCode]: {
		line: number;
		/** The header text as in the file, a column key when the column is missing, or ''. */
		column: string;
		code: C;
		params: RowErrorParams[C];
	};
}[RowErrorCode];

export function rowError<C extends RowErrorCode>(
	line: number,
	column: string,
	code: C,
	params: RowErrorParams[C]
): RowError {
	return { line, column, code, params } as RowError;
}
