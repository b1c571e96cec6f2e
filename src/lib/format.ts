// Dates and money in the reader's language: zh-CN by default.
import { getLocale } from '$lib/paraglide/runtime';

const TIME_ZONE = 'Asia/Shanghai';

export function formatDate(value: number | string | Date): string {
	return new Intl.DateTimeFormat(getLocale(), {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

export function formatDateTime(value: number | string | Date): string {
	return new Intl.DateTimeFormat(getLocale(), {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

/** Money is kept in fen (分) as integers and shown in yuan. */
export function formatMoney(fen: number): string {
	return new Intl.NumberFormat(getLocale(), {
		style: 'currency',
		currency: 'CNY',
		minimumFractionDigits: fen % 100 === 0 ? 0 : 2
	}).format(fen / 100);
}
