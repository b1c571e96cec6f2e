// Dates and money in the reader's language: zh-CN by default.
import { getLocale } from '$lib/paraglide/runtime';

const TIME_ZONE = 'Asia/Shanghai';

// Building an Intl formatter costs about a millisecond; a topic page shows hundreds of dates.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
	kind: string,
	make: (locale: string) => T
): T {
	const locale = getLocale();
	const key = `${kind}:${locale}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = make(locale);
		formatters.set(key, formatter);
	}
	return formatter as T;
}

export function formatDate(value: number | string | Date): string {
	return cached(
		'date',
		(locale) =>
			new Intl.DateTimeFormat(locale, {
				year: 'numeric',
				month: 'long',
				day: 'numeric',
				timeZone: TIME_ZONE
			})
	).format(new Date(value));
}

export function formatDateTime(value: number | string | Date): string {
	return cached(
		'datetime',
		(locale) =>
			new Intl.DateTimeFormat(locale, {
				year: 'numeric',
				month: 'long',
				day: 'numeric',
				hour: '2-digit',
				minute: '2-digit',
				hour12: false,
				timeZone: TIME_ZONE
			})
	).format(new Date(value));
}

/** The time of day only, as minutes print it (14:05). */
export function formatClock(value: number | string | Date): string {
	return cached(
		'clock',
		(locale) =>
			new Intl.DateTimeFormat(locale, {
				hour: '2-digit',
				minute: '2-digit',
				hour12: false,
				timeZone: TIME_ZONE
			})
	).format(new Date(value));
}

/** Money is kept in fen (分) as integers and shown in yuan. */
export function formatMoney(fen: number): string {
	const whole = fen % 100 === 0;
	return cached(
		whole ? 'money0' : 'money2',
		(locale) =>
			new Intl.NumberFormat(locale, {
				style: 'currency',
				currency: 'CNY',
				minimumFractionDigits: whole ? 0 : 2
			})
	).format(fen / 100);
}
