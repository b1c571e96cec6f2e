// The public calendar as an iCalendar feed (RFC 5545), so a phone's calendar app can subscribe to
// the hall's events. Written by hand: the format is small, and folding must respect UTF-8 (a
// Chinese character is three octets and may never be cut in two).
import { addDays } from '../calendar/dates';
import type { CalendarItem } from './calendar';

export const TIME_ZONE = 'Asia/Shanghai';
const LINE_OCTETS = 75;

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line exceeds 75 octets (RFC 5545 §3.1): the continuation starts with
 * one space, which counts towards its 75. Cuts fall between characters, never inside one.
 */
export function foldLine(line: string): string {
	const out: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = Buffer.byteLength(ch, 'utf8');
		if (octets + size > LINE_OCTETS) {
			out.push(current);
			current = ' ';
			octets = 1;
		}
		current += ch;
		octets += size;
	}
	out.push(current);
	return out.join('\r\n');
}

/** 'YYYY-MM-DDTHH:MM' local → 'YYYYMMDDTHHMM00'. */
const localStamp = (t: string) => `${t.replace(/[-:]/g, '')}00`;
/** An ISO instant → 'YYYYMMDDTHHMMSSZ'. */
const utcStamp = (iso: string) =>
	`${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** A UID that stays with the entry whatever host serves the feed. */
export const uidOf = (villageSlug: string, item: Pick<CalendarItem, 'source' | 'id'>) =>
	`${item.source === 'event' ? 'hall-event' : 'meeting'}-${item.id}.${villageSlug}@yishiting`;

export interface FeedEntry {
	item: CalendarItem;
	summary: string;
	location: string;
	description: string;
	url: string;
}

export interface Feed {
	villageSlug: string;
	name: string;
	description: string;
	entries: FeedEntry[];
}

/**
 * China keeps UTC+8 all year and has had no daylight saving since 1991: one STANDARD rule
 * describes the zone for every date the hall will ever book.
 */
const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${TIME_ZONE}`,
	'BEGIN:STANDARD',
	'DTSTART:19910915T000000',
	'TZOFFSETFROM:+0900',
	'TZOFFSETTO:+0800',
	'TZNAME:CST',
	'END:STANDARD',
	'END:VTIMEZONE'
];

/** The whole feed: CRLF line ends, every line folded to 75 octets. */
export function icalendar(feed: Feed): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Yishiting//Village hall calendar//ZH',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(feed.name)}`,
		`X-WR-CALDESC:${escapeText(feed.description)}`,
		`X-WR-TIMEZONE:${TIME_ZONE}`,
		...VTIMEZONE
	];
	for (const e of feed.entries) {
		const { item } = e;
		lines.push(
			'BEGIN:VEVENT',
			`UID:${uidOf(feed.villageSlug, item)}`,
			`DTSTAMP:${utcStamp(item.changedAt)}`,
			...(item.allDay
				? [
						`DTSTART;VALUE=DATE:${item.startsAt.slice(0, 10).replace(/-/g, '')}`,
						// An all-day entry ends on the next day (exclusive).
						`DTEND;VALUE=DATE:${addDays(item.startsAt.slice(0, 10), 1).replace(/-/g, '')}`
					]
				: [
						`DTSTART;TZID=${TIME_ZONE}:${localStamp(item.startsAt)}`,
						`DTEND;TZID=${TIME_ZONE}:${localStamp(item.endsAt)}`
					]),
			`SUMMARY:${escapeText(e.summary)}`,
			`LOCATION:${escapeText(e.location)}`,
			...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
			`URL:${e.url}`,
			`STATUS:${item.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
			'TRANSP:OPAQUE',
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
