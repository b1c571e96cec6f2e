// Parsers for single roster cells. Each takes cleaned cell text and says what it means; messages
// are built by the row validator, which knows the column's header text.
import { EARLIEST_BIRTH_YEAR, formatDate, isRealDate } from './calendar';
import { toHalfWidth } from './cell';

export const MAX_NAME_LENGTH = 32;

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

/**
 * Printed rosters pad two-character names to line up with three-character ones (王 + U+3000 + 芳); the
 * padding is not part of the name. Spaces in other names ("Mary Ann") stay, collapsed to one.
 */
export function normalizeName(text: string): string {
	return text.replace(/\s+/g, ' ').replace(SPACE_BETWEEN_CJK, '');
}

export function characterCount(text: string): number {
	return [...text].length;
}

export function parseGender(text: string): 'm' | 'f' | null {
	const value = toHalfWidth(text).replace(/\s/g, '').toLowerCase();
	if (['男', '男性', 'm'].includes(value)) return 'm';
	if (['女', '女性', 'f'].includes(value)) return 'f';
	return null;
}

export type DateCell =
	| { kind: 'date'; date: string }
	/** A 出生年月 column often holds only year and month ("1990.01"). */
	| { kind: 'month'; month: string }
	| { kind: 'invalid'; problem: 'not_a_date' | 'year_only' | 'too_early' | 'future' };

/** Days from 1970-01-01 to Excel's day 0, counting the 1900-02-29 that Excel wrongly has. */
const EXCEL_EPOCH_OFFSET = 25569;

/** An Excel serial day number (32878 is 1990-01-05), as CSV exports of unformatted dates hold. */
function excelSerialDate(serial: number): [number, number, number] | null {
	// Serial 60 is Excel's non-existent 1900-02-29; earlier serials are one day off.
	if (serial < 1 || serial === 60) return null;
	const days = serial - EXCEL_EPOCH_OFFSET + (serial < 60 ? 1 : 0);
	const date = new Date(days * 86_400_000);
	return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

const FULL_DATE_PATTERNS = [
	/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
	/^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
	/^(\d{4})(\d{2})(\d{2})$/
];
const MONTH_PATTERNS = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月?$/, /^(\d{4})(\d{2})$/];

function matchParts(text: string, patterns: RegExp[]): number[] | null {
	for (const pattern of patterns) {
		const match = pattern.exec(text);
		if (match) return match.slice(1).map(Number);
	}
	return null;
}

function checkRange(year: number, date: string, today: string): DateCell {
	if (year < EARLIEST_BIRTH_YEAR) return { kind: 'invalid', problem: 'too_early' };
	if (date > today.slice(0, date.length)) return { kind: 'invalid', problem: 'future' };
	return date.length === 7 ? { kind: 'month', month: date } : { kind: 'date', date };
}

function parseFullDate(text: string, today: string): DateCell | null {
	const parts =
		matchParts(text, FULL_DATE_PATTERNS) ??
		(/^\d{1,5}$/.test(text) ? excelSerialDate(Number(text)) : null);
	if (!parts) return null;
	const [year, month, day] = parts;
	if (!isRealDate(year, month, day)) return { kind: 'invalid', problem: 'not_a_date' };
	return checkRange(year, formatDate(year, month, day), today);
}

function parseYearMonth(text: string, today: string): DateCell | null {
	const parts = matchParts(text, MONTH_PATTERNS);
	if (!parts) return null;
	const [year, month] = parts;
	if (month < 1 || month > 12) return { kind: 'invalid', problem: 'not_a_date' };
	return checkRange(year, formatDate(year, month, 1).slice(0, 7), today);
}

/**
 * A birth date as clerks type it: 1990-01-05, 1990/1/5, 1990.1.5, 1990年1月5日, 19900105, or an
 * Excel serial number; a time of day after it (from some exports) is ignored.
 */
export function parseDateCell(text: string, today: string): DateCell {
	const value = toHalfWidth(text)
		.replace(/[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '')
		.replace(/\s/g, '');
	// A bare year such as 1990 would otherwise read as an Excel serial in 1905.
	if (/^(19|20)\d{2}年?$/.test(value)) return { kind: 'invalid', problem: 'year_only' };
	return (
		parseFullDate(value, today) ??
		parseYearMonth(value, today) ?? { kind: 'invalid', problem: 'not_a_date' }
	);
}

const MOBILE = /^1[3-9]\d{9}$/;
// Area codes starting 01/02 have three digits (010 Beijing, 02x), all others four, so a number
// written without a dash still splits correctly.
const LANDLINE = /^(0[12]\d|0[3-9]\d{2})-?(\d{7,8})(?:(?:-|转)(\d{1,6}))?$/;

function parseMobile(value: string): string | null {
	const digits = value.replace(/[\s()-]/g, '').replace(/^(\+86|0086)/, '');
	if (MOBILE.test(digits)) return digits;
	return digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))
		? digits.slice(2)
		: null;
}

function parseLandline(value: string): string | null {
	const dashed = value
		.replace(/^\((0\d{2,3})\)\s*/, '$1-')
		.replace(/\s+/g, '-')
		.replace(/-+/g, '-');
	const match = LANDLINE.exec(dashed);
	if (!match) return null;
	const [, area, number, extension] = match;
	return `${area}-${number}${extension ? `-${extension}` : ''}`;
}

/**
 * A mainland mobile number as 11 digits (spaces, dashes and +86 removed), or a landline with its
 * area code as 0467-1234567 (an extension appended with a dash).
 */
export function parsePhone(text: string): string | null {
	const value = toHalfWidth(text).trim();
	return parseMobile(value) ?? parseLandline(value);
}
