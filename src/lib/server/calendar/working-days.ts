// Working days for deadlines (民法典 第二百零一条、第二百零三条): a period of N days starts the day
// after the event, and when its last day is a rest day the deadline is the first working day after
// the rest. Rest days are weekends and national holidays, minus the weekend days the State Council
// makes working days (调休上班), plus the village's own holidays.
import { FIXED_HOLIDAYS, NATIONAL_CALENDAR } from './national';

const DAY = 86_400_000;

function dateOf(iso: string): Date {
	return new Date(`${iso}T00:00:00Z`);
}

const isoOf = (d: Date) => d.toISOString().slice(0, 10);

interface YearDays {
	holidays: Set<string>;
	workdays: Set<string>;
}

const years = new Map<number, YearDays>();

function yearDays(year: number): YearDays {
	let days = years.get(year);
	if (!days) {
		const entry = NATIONAL_CALENDAR[year];
		const holidays = new Set<string>();
		if (entry) {
			for (const [first, last] of entry.holidays)
				for (let t = dateOf(first).getTime(); t <= dateOf(last).getTime(); t += DAY)
					holidays.add(isoOf(new Date(t)));
		} else {
			for (const md of FIXED_HOLIDAYS) holidays.add(`${year}-${md}`);
		}
		days = { holidays, workdays: new Set(entry?.workdays ?? []) };
		years.set(year, days);
	}
	return days;
}

/** Whether the State Council's notice for this year is in the calendar. */
export const nationalCalendarKnown = (year: number): boolean => year in NATIONAL_CALENDAR;

/** A rest day: a national or village holiday, or a weekend day that is not a make-up working day. */
export function isRestDay(date: string, villageHolidays: ReadonlySet<string> = new Set()): boolean {
	const { holidays, workdays } = yearDays(Number(date.slice(0, 4)));
	if (holidays.has(date) || villageHolidays.has(date)) return true;
	if (workdays.has(date)) return false;
	const weekday = dateOf(date).getUTCDay();
	return weekday === 0 || weekday === 6;
}

/**
 * The last day of a period of `days` days after `from`, moved past rest days to the next working
 * day. A village holiday list adds to the national one; it never removes a national rest day.
 */
export function deadlineAfter(
	from: string,
	days: number,
	villageHolidays: readonly string[] = []
): string {
	const own = new Set(villageHolidays);
	let t = dateOf(from).getTime() + days * DAY;
	while (isRestDay(isoOf(new Date(t)), own)) t += DAY;
	return isoOf(new Date(t));
}

/**
 * The day `n` working days after `from` (the day itself not counted): a service case's time limit
 * counts only days the office is open, so a limit of 3 filed on a Friday ends on Wednesday.
 */
export function workingDaysAfter(
	from: string,
	n: number,
	villageHolidays: readonly string[] = []
): string {
	const own = new Set(villageHolidays);
	let t = dateOf(from).getTime();
	for (let left = n; left > 0;) {
		t += DAY;
		if (!isRestDay(isoOf(new Date(t)), own)) left--;
	}
	return isoOf(new Date(t));
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(
	from: string,
	to: string,
	villageHolidays: readonly string[] = []
): number {
	const own = new Set(villageHolidays);
	let count = 0;
	for (let t = dateOf(from).getTime() + DAY; t <= dateOf(to).getTime(); t += DAY)
		if (!isRestDay(isoOf(new Date(t)), own)) count++;
	return count;
}

/**
 * The years whose State Council notice the calendar lacks and deadlines already need: this year,
 * and from December the next (the notice comes out in November).
 */
export function missingCalendarYears(today: string): number[] {
	const year = Number(today.slice(0, 4));
	const needed = today.slice(5, 7) === '12' ? [year, year + 1] : [year];
	return needed.filter((y) => !nationalCalendarKnown(y));
}
