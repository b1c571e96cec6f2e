// PRC resident ID numbers (GB 11643-1999). We read them only to derive birth date and gender and
// to keep the last 4 characters for telling namesakes apart (docs/domain.md §2.6, PIPL): the full
// number is never returned, so it cannot end up in the database, a log or an error message.
import { EARLIEST_BIRTH_YEAR, formatDate, isRealDate, todayInChina } from './calendar';
import { toHalfWidth } from './cell';

export type IdNumberFailure = 'length' | 'characters' | 'region' | 'birth_date' | 'check_digit';

export type IdNumberResult =
	| { ok: true; birthDate: string; gender: 'm' | 'f'; last4: string }
	| { ok: false; reason: IdNumberFailure };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits of an ID number. */
export function idCheckDigit(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

/** Spaces removed, full-width digits made ASCII, a lower-case x made upper-case. */
function normalizeIdNumber(raw: string): string {
	return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

function birthDateOf(id: string, today: string): string | null {
	const year = Number(id.slice(6, 10));
	const month = Number(id.slice(10, 12));
	const day = Number(id.slice(12, 14));
	if (year < EARLIEST_BIRTH_YEAR || !isRealDate(year, month, day)) return null;
	const date = formatDate(year, month, day);
	return date > today ? null : date;
}

/**
 * Validates an 18-character resident ID number. `today` (YYYY-MM-DD) bounds the birth date; it
 * defaults to today's date in China.
 */
export function parseIdNumber(raw: string, today: string = todayInChina()): IdNumberResult {
	const id = normalizeIdNumber(raw);
	if (id.length !== 18) return { ok: false, reason: 'length' };
	if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'characters' };
	if (id[0] === '0') return { ok: false, reason: 'region' };
	const birthDate = birthDateOf(id, today);
	if (!birthDate) return { ok: false, reason: 'birth_date' };
	if (idCheckDigit(id) !== id[17]) return { ok: false, reason: 'check_digit' };
	return {
		ok: true,
		birthDate,
		gender: Number(id[16]) % 2 === 1 ? 'm' : 'f',
		last4: id.slice(14)
	};
}
