import { describe, expect, it } from 'vitest';
import {
	deadlineAfter,
	isRestDay,
	nationalCalendarKnown,
	workingDaysAfter,
	workingDaysBetween
} from './working-days';
import { NATIONAL_CALENDAR } from './national';

describe('deadlineAfter (counted from the day after, moved past rest days)', () => {
	it.each([
		['a weekday stays', '2026-11-20', 7, [], '2026-11-27'],
		['a Saturday moves to Monday', '2026-11-07', 7, [], '2026-11-16'],
		['a make-up Saturday (调休上班) is a working day', '2026-10-03', 7, [], '2026-10-10'],
		['National Day moves past the whole holiday', '2026-09-28', 7, [], '2026-10-08'],
		['New Year ends on the make-up Sunday', '2025-12-25', 7, [], '2026-01-04'],
		['Spring Festival 2026 moves to the Tuesday after', '2026-02-08', 7, [], '2026-02-24'],
		['Spring Festival 2025 from its own notice', '2025-01-21', 7, [], '2025-02-05'],
		[
			'a village holiday moves to the make-up Saturday',
			'2026-02-20',
			7,
			['2026-02-27'],
			'2026-02-28'
		],
		[
			'a village holiday before a weekend moves past both',
			'2026-11-19',
			7,
			['2026-11-26', '2026-11-27'],
			'2026-11-30'
		],
		['a year without a notice keeps the fixed May Day', '2027-04-28', 3, [], '2027-05-03'],
		['across the year end into an unknown year', '2026-12-31', 7, [], '2027-01-07']
	])('%s: %s + %i days, village %j → %s', (_name, from, days, village, expected) =>
		expect(deadlineAfter(from, days, village)).toBe(expected)
	);
});

describe('workingDaysAfter (a limit in working days, the filing day not counted)', () => {
	it.each([
		['Friday + 3 skips the weekend', '2026-11-20', 3, [], '2026-11-25'],
		['Monday + 1 is Tuesday', '2026-11-23', 1, [], '2026-11-24'],
		['over National Day', '2026-09-30', 1, [], '2026-10-08'],
		['a make-up Saturday counts', '2026-10-09', 1, [], '2026-10-10'],
		['a village holiday does not count', '2026-11-20', 1, ['2026-11-23'], '2026-11-24'],
		['zero is the day itself', '2026-11-21', 0, [], '2026-11-21']
	])('%s: %s + %i, village %j → %s', (_name, from, n, village, expected) =>
		expect(workingDaysAfter(from, n, village)).toBe(expected)
	);
});

describe('workingDaysBetween', () => {
	it.each([
		['Friday to Wednesday', '2026-11-20', '2026-11-25', [], 3],
		['backwards is none', '2026-11-25', '2026-11-20', [], 0],
		['the same day is none', '2026-11-25', '2026-11-25', [], 0],
		['over National Day', '2026-09-30', '2026-10-08', [], 1],
		['a village holiday is left out', '2026-11-20', '2026-11-25', ['2026-11-24'], 2]
	])('%s: %s → %s, village %j = %i', (_name, from, to, village, expected) =>
		expect(workingDaysBetween(from, to, village)).toBe(expected)
	);
});

describe('isRestDay', () => {
	it.each([
		['2026-12-05', true, 'a Saturday'],
		['2026-12-07', false, 'a Monday'],
		['2026-02-14', false, 'a make-up Saturday'],
		['2026-02-15', true, 'a Sunday inside Spring Festival'],
		['2026-02-23', true, 'a Monday inside Spring Festival'],
		['2025-10-08', true, 'the eighth day of the 2025 National Day holiday'],
		['2027-10-01', true, 'a fixed-date holiday in a year without a notice']
	])('%s → %s (%s)', (date, rest) => expect(isRestDay(date)).toBe(rest));

	it('treats a village holiday as rest, also on a make-up working day', () => {
		expect(isRestDay('2026-02-14', new Set(['2026-02-14']))).toBe(true);
	});
});

describe('the national calendar data', () => {
	const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
	it.each(Object.entries(NATIONAL_CALENDAR))('%s is consistent with itself', (year, entry) => {
		for (const [first, last] of entry.holidays) {
			expect(first <= last).toBe(true);
			expect(first.slice(0, 4)).toBe(year);
		}
		for (const day of entry.workdays) {
			expect([0, 6]).toContain(weekday(day));
			expect(entry.holidays.some(([first, last]) => first <= day && day <= last)).toBe(false);
			expect(isRestDay(day)).toBe(false);
		}
		expect(entry.source).toMatch(/国务院办公厅关于\d{4}年部分节假日安排的通知/);
	});

	it('knows which years have a notice', () => {
		expect([2025, 2026, 2027].map(nationalCalendarKnown)).toEqual([true, true, false]);
	});
});
