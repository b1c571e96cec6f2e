// Calendar dates are 'YYYY-MM-DD' strings in the village's time zone; they compare as text.

export const ADULT_AGE = 18;

/** Today's date in China (UTC+8, no daylight saving). */
export function todayInChina(now = new Date()): string {
	return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The latest birth date of someone who is an adult on `date`: 18 years earlier, same month and
 * day. Someone born on 29 February comes of age on 1 March in a common year.
 */
export function adultBornOnOrBefore(date: string): string {
	const year = Number(date.slice(0, 4)) - ADULT_AGE;
	return `${String(year).padStart(4, '0')}${date.slice(4)}`;
}

export function isAdultOn(birthDate: string, date: string): boolean {
	return birthDate <= adultBornOnOrBefore(date);
}

export function isValidDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The day before a date: the last day of a term that ends when another begins. */
export const dayBefore = (date: string): string => addDays(date, -1);
