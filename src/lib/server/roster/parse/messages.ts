// Roster file errors in the clerk's language. The parser itself only returns codes and
// parameters, so that it and its tests stay free of any locale; this is the one place that words
// them.
import { m } from '$lib/paraglide/messages';
import { isColumnKey, type ColumnKey } from './columns';
import type { RowError } from './errors';
import { MAX_DATA_ROWS, MAX_XLSX_UNPACKED_BYTES, type ReadFailure } from './read-file';

/** The canonical name of a column, for a column missing from the file. */
export function columnLabel(key: ColumnKey): string {
	switch (key) {
		case 'seq':
			return m.rostercol_seq();
		case 'name':
			return m.rostercol_name();
		case 'gender':
			return m.rostercol_gender();
		case 'birthDate':
			return m.rostercol_birth_date();
		case 'idNumber':
			return m.rostercol_id_number();
		case 'relation':
			return m.rostercol_relation();
		case 'householdNo':
			return m.rostercol_household_no();
		case 'householdHead':
			return m.rostercol_household_head();
		case 'address':
			return m.rostercol_address();
		case 'phone':
			return m.rostercol_phone();
		case 'group':
			return m.rostercol_group();
		case 'grid':
			return m.rostercol_grid();
	}
}

export function fileErrorMessage(reason: ReadFailure): string {
	switch (reason) {
		case 'unsupported_type':
			return m.rosterfile_unsupported_type();
		case 'empty':
			return m.rosterfile_empty();
		case 'unreadable':
			return m.rosterfile_unreadable();
		case 'too_many_rows':
			return m.rosterfile_too_many_rows({ max: MAX_DATA_ROWS });
		case 'too_large_unpacked':
			return m.rosterfile_too_large_unpacked({ mb: MAX_XLSX_UNPACKED_BYTES / 1024 / 1024 });
	}
}

/** The column as the clerk should see it: the file's header text, or the name of a missing one. */
export function rowErrorColumn(error: RowError): string {
	return isColumnKey(error.column) ? columnLabel(error.column) : error.column;
}

export function rowErrorMessage(error: RowError): string {
	const column = rowErrorColumn(error);
	switch (error.code) {
		case 'missing_column':
			return m.rosterfile_missing_column({ column });
		case 'missing_column_or':
			return m.rosterfile_missing_column_or({
				column,
				alternative: columnLabel(error.params.alternative)
			});
		case 'duplicate_column':
			return m.rosterfile_duplicate_column({
				column,
				firstHeader: error.params.firstHeader,
				label: columnLabel(error.params.key)
			});
		case 'too_many_rows':
			return m.rosterfile_too_many_rows(error.params);
		case 'name_empty':
			return m.rosterfile_name_empty();
		case 'name_digits_only':
			return m.rosterfile_name_digits_only(error.params);
		case 'name_too_long':
			return m.rosterfile_name_too_long(error.params);
		case 'id_scientific':
			return m.rosterfile_id_scientific();
		case 'id_length':
			return m.rosterfile_id_length();
		case 'id_characters':
			return m.rosterfile_id_characters();
		case 'id_region':
			return m.rosterfile_id_region();
		case 'id_birth_date':
			return m.rosterfile_id_birth_date();
		case 'id_check_digit':
			return m.rosterfile_id_check_digit();
		case 'date_not_a_date':
			return m.rosterfile_date_not_a_date({ column, ...error.params });
		case 'date_year_only':
			return m.rosterfile_date_year_only({ column, ...error.params });
		case 'date_too_early':
			return m.rosterfile_date_too_early({ column, ...error.params });
		case 'date_future':
			return m.rosterfile_date_future({ column, ...error.params });
		case 'birth_date_required':
			return m.rosterfile_birth_date_required({ column });
		case 'birth_date_month_only':
			return m.rosterfile_birth_date_month_only({ column, ...error.params });
		case 'birth_date_mismatch':
			return m.rosterfile_birth_date_mismatch({ column, ...error.params });
		case 'gender_required':
			return m.rosterfile_gender_required({ column });
		case 'gender_invalid':
			return m.rosterfile_gender_invalid({ column, ...error.params });
		case 'gender_mismatch':
			return m.rosterfile_gender_mismatch({
				column,
				value: error.params.value,
				idGender: error.params.idGender === 'm' ? m.gender_m() : m.gender_f()
			});
		case 'phone_scientific':
			return m.rosterfile_phone_scientific({ column, ...error.params });
		case 'phone_invalid':
			return m.rosterfile_phone_invalid({ column, ...error.params });
		case 'household_required':
			return m.rosterfile_household_required();
		case 'text_required':
			return m.rosterfile_text_required({ column });
		case 'text_too_long':
			return m.rosterfile_text_too_long({ column, ...error.params });
		case 'duplicate_person':
			return m.rosterfile_duplicate_person(error.params);
		case 'duplicate_person_id':
			return m.rosterfile_duplicate_person_id(error.params);
		case 'second_head':
			return m.rosterfile_second_head(error.params);
		case 'second_head_by_head':
			return m.rosterfile_second_head_by_head(error.params);
		case 'head_name_mismatch':
			return m.rosterfile_head_name_mismatch(error.params);
	}
}

/** An error as the import page shows it: line, column and message. */
export function localizeRowError(error: RowError): {
	line: number;
	column: string;
	message: string;
} {
	return { line: error.line, column: rowErrorColumn(error), message: rowErrorMessage(error) };
}
