import { describe, expect, it } from 'vitest';
import { idCheckDigit, parseIdNumber } from './id-number';

const TODAY = '2026-03-01';
/** A fictional ID number with the right check digit. */
const id = (first17: string) => first17 + idCheckDigit(first17);

describe('idCheckDigit', () => {
	it.each([
		// The worked example of GB 11643-1999.
		['11010519491231002', 'X'],
		['23010219680312003', 'X'],
		['23010219700721004', '7']
	])('%s → %s', (first17, check) => {
		expect(idCheckDigit(first17)).toBe(check);
	});
});

describe('parseIdNumber', () => {
	it.each([
		['a man born 1968', id('23010219680312003'), '1968-03-12', 'm', '003X'],
		['a woman born 1970', id('23010219700721004'), '1970-07-21', 'f', '0047'],
		['lower-case x', id('23010219680312003').toLowerCase(), '1968-03-12', 'm', '003X'],
		['spaces inside', '230102 19680312 003X', '1968-03-12', 'm', '003X'],
		['full-width digits', '２３０１０２１９６８０３１２００３Ｘ', '1968-03-12', 'm', '003X'],
		['born 29 February of a leap year', id('11010520000229002'), '2000-02-29', 'f', null],
		['born today', id(`110105${TODAY.replaceAll('-', '')}001`), TODAY, 'm', null]
	])('accepts %s', (_label, raw, birthDate, gender, last4) => {
		const result = parseIdNumber(raw, TODAY);
		expect(result).toMatchObject({ ok: true, birthDate, gender });
		if (result.ok) {
			expect(result.last4).toHaveLength(4);
			if (last4) expect(result.last4).toBe(last4);
		}
	});

	it.each([
		['a bad check digit', '230102196803120031', 'check_digit'],
		['30 February', id('23010219900230001'), 'birth_date'],
		['29 February of a common year', id('23010219900229001'), 'birth_date'],
		['month 13', id('23010219901301001'), 'birth_date'],
		['a future birth date', id('23010220300101001'), 'birth_date'],
		['tomorrow', id('23010220260302001'), 'birth_date'],
		['born before 1900', id('23010218991231001'), 'birth_date'],
		['a 15-digit legacy number', '230102680312003', 'length'],
		['17 digits', '23010219680312003', 'length'],
		['19 digits', '2301021968031200300', 'length'],
		['empty', '', 'length'],
		['a letter inside', '23010219680312A03X', 'characters'],
		['X not at the end', '2301021968031200X3', 'characters'],
		['region starting with 0', id('03010219680312003'), 'region']
	])('rejects %s', (_label, raw, reason) => {
		expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, reason });
	});

	it('never returns the full number', () => {
		const full = id('23010219680312003');
		expect(JSON.stringify(parseIdNumber(full, TODAY))).not.toContain(full.slice(0, 14));
	});

	it('defaults today to the current date in China', () => {
		expect(parseIdNumber(id('23010219680312003'))).toMatchObject({ ok: true });
		expect(parseIdNumber(id('23010221000101001'))).toEqual({ ok: false, reason: 'birth_date' });
	});
});
