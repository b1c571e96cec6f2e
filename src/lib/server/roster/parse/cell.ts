// Cell text cleaning shared by the file reader (to find the header) and the row validator.

// C0/C1 control characters and invisible format characters (zero-width space, BOM, word joiner)
// come from copy-paste out of other systems; they make equal-looking names compare unequal.
// Direction overrides and marks would make a name display as something else in every list.
const INVISIBLE =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /[\t\r\n]+/g;
// Some government systems export long numbers as ="110105…" so Excel keeps them as text.
const EXCEL_TEXT_FORMULA = /^="(.*)"$/s;

/** Trimmed cell text without control or invisible characters; line breaks become a space. */
export function cleanCell(value: string | null | undefined): string {
	if (value == null) return '';
	const text = value.replace(INVISIBLE, '').replace(LINE_BREAKS, ' ').trim();
	const formula = EXCEL_TEXT_FORMULA.exec(text);
	return formula ? formula[1].trim() : text;
}

export function isBlankRow(cells: readonly string[]): boolean {
	return cells.every((cell) => cleanCell(cell) === '');
}

/** Full-width digits, letters and punctuation typed with a Chinese input method → ASCII. */
export function toHalfWidth(value: string): string {
	return value.normalize('NFKC');
}

/**
 * Excel shows long numbers such as ID numbers in scientific notation (1.10105E+17) and keeps
 * only 15 significant digits, so the last digits are gone for good.
 */
export function looksLikeScientificNumber(value: string): boolean {
	return /^\d+(\.\d+)?e\+?\d+$/i.test(toHalfWidth(value).replace(/\s/g, ''));
}
