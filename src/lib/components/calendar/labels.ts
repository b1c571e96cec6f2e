// The words for a hall event's kind on the public calendar, the feed and the posters.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { meetingTypeLabel } from '$lib/labels';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const KINDS: Record<string, Message> = {
	elderly_care: m.cal_kind_elderly_care,
	performance: m.cal_kind_performance,
	training: m.cal_kind_training,
	film: m.cal_kind_film,
	reading: m.cal_kind_reading,
	sports: m.cal_kind_sports,
	celebration: m.cal_kind_celebration,
	wedding: m.cal_kind_wedding,
	funeral: m.cal_kind_funeral,
	other: m.cal_kind_other
};

/** An entry's kind in words: the activity's kind, or the meeting's type. */
export const entryKindLabel = (
	item: { eventKind: string | null; meetingType: string | null },
	locale?: Locale
): string =>
	item.meetingType !== null
		? meetingTypeLabel.in(locale)(item.meetingType)
		: (KINDS[item.eventKind ?? 'other'] ?? m.cal_kind_other)({}, { locale });

/** 'HH:MM' of a local 'YYYY-MM-DDTHH:MM'. */
export const clockOf = (local: string): string => local.slice(11, 16);

/** A day's heading: its date and weekday in the reader's language. */
export function dayHeading(date: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		month: 'long',
		day: 'numeric',
		weekday: 'long',
		timeZone: 'UTC'
	}).format(new Date(`${date}T00:00:00Z`));
}

/** A month's heading, '2026年12月' or 'December 2026'. */
export function monthHeading(month: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'long',
		timeZone: 'UTC'
	}).format(new Date(`${month}-01T00:00:00Z`));
}
