// CSV for Excel and WPS, which is where a clerk opens an export: UTF-8 with a BOM (without it
// Excel reads Chinese as GBK mojibake), CRLF line ends, every cell quoted.

// A cell that starts with one of these is run as a formula by spreadsheet programs, so a title
// like =HYPERLINK("http://evil","点我") would become a live link (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell, quoted, with a formula-like start neutralised by a leading apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
	const text = value === null || value === undefined ? '' : String(value);
	const safe = typeof value === 'number' || !FORMULA_START.test(text) ? text : `'${text}`;
	return `"${safe.replaceAll('"', '""')}"`;
}

/** A whole file: a header row and the data rows. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
	return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
